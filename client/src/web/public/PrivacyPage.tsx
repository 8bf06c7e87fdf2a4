import privacyPolicy from '../legal/privacy-policy.txt?raw';
import { parseLegalText } from '../legal/legal-text';
import { LegalDocument } from '../legal/LegalDocument';
import { LabelledLine } from '../legal/LegalText';
import { useDocumentTitle } from '../lib/use-document-title';

const BLOCKS = parseLegalText(privacyPolicy);

export function PrivacyPage() {
  useDocumentTitle('Privacy Policy');
  const title = BLOCKS.find((b) => b.kind === 'title')?.text ?? 'Privacy Policy';
  const updated = BLOCKS.find((b) => b.kind === 'updated')?.text ?? '';
  const toc = BLOCKS.flatMap((b) => (b.kind === 'heading' ? [{ id: b.id, text: b.text }] : []));
  return (
    <LegalDocument title={title} updated={updated} toc={toc}>
      {BLOCKS.map((block, i) => {
        switch (block.kind) {
          case 'title':
          case 'updated':
            return null;
          case 'heading':
            return (
              <h2 key={i} id={block.id}>
                {block.text}
              </h2>
            );
          case 'paragraph':
            return (
              <p key={i}>
                <LabelledLine content={block.content} currentPath="/privacy" />
              </p>
            );
          case 'list':
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <LabelledLine content={item} currentPath="/privacy" />
                  </li>
                ))}
              </ul>
            );
        }
      })}
    </LegalDocument>
  );
}
