import { LegalDocument } from '../legal/LegalDocument';
import { LabelledLine, Linkified } from '../legal/LegalText';
import { TERMS, TERMS_UPDATED } from '../legal/terms-of-service';
import { useDocumentTitle } from '../lib/use-document-title';

export function TermsPage() {
  useDocumentTitle('Terms of Service');
  return (
    <LegalDocument title="Terms of Service" updated={TERMS_UPDATED} toc={TERMS.map((s) => ({ id: s.id, text: s.title }))}>
      {TERMS.map((section) => (
        <section key={section.id} aria-labelledby={section.id}>
          <h2 id={section.id}>{section.title}</h2>
          {section.paragraphs.map((text, i) => (
            <p key={i}>
              <Linkified text={text} currentPath="/terms" />
            </p>
          ))}
          {section.list && (
            <ul>
              {section.list.map((item, i) => (
                <li key={i}>
                  <LabelledLine content={item} currentPath="/terms" />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </LegalDocument>
  );
}
