import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { LabelledText } from './legal-text';

// Things in legal prose that should be links: email addresses and our own pages.
const LINKABLE = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+|Contact page|Terms of Service|Privacy Policy)/g;
const PAGES: Record<string, string> = { 'Contact page': '/contact', 'Terms of Service': '/terms', 'Privacy Policy': '/privacy' };

/** Text with its email addresses and page names turned into links (except a page's link to itself). */
export function Linkified({ text, currentPath }: { text: string; currentPath: string }) {
  const parts = text.split(LINKABLE);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
        if (part.includes('@')) {
          return (
            <a key={i} href={`mailto:${part}`}>
              {part}
            </a>
          );
        }
        const to = PAGES[part];
        return to && to !== currentPath ? (
          <Link key={i} to={to}>
            {part}
          </Link>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        );
      })}
    </>
  );
}

export function LabelledLine({ content, currentPath }: { content: LabelledText; currentPath: string }): ReactNode {
  return (
    <>
      {content.label && <strong>{content.label}: </strong>}
      <Linkified text={content.text} currentPath={currentPath} />
    </>
  );
}
