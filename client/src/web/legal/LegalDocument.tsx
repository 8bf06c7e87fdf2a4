import type { ReactNode } from 'react';

export interface TocEntry {
  id: string;
  text: string;
}

/** The two-column frame of a legal page: a sticky table of contents beside the text. */
export function LegalDocument({ title, updated, toc, children }: { title: string; updated: string; toc: TocEntry[]; children: ReactNode }) {
  return (
    <div className="legal">
      <header className="legal-header">
        <p className="eyebrow">Legal</p>
        <h1 className="legal-title">{title}</h1>
        <p className="muted">{updated}</p>
      </header>
      <div className="legal-layout">
        <nav className="legal-toc" aria-label="On this page">
          <p className="legal-toc-title">On this page</p>
          <ol>
            {toc.map((entry) => (
              <li key={entry.id}>
                <a href={`#${entry.id}`}>{entry.text.replace(/^\d+\.\s*/, '')}</a>
              </li>
            ))}
          </ol>
        </nav>
        <article className="legal-body">{children}</article>
      </div>
    </div>
  );
}
