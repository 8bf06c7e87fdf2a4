import { useEffect } from 'react';

/** Each page names itself in the tab and to assistive tech announcing navigation. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · CallRecap` : 'CallRecap';
  }, [title]);
}
