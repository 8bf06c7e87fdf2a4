import { useEffect } from 'react';
import { useLocation } from 'react-router';

/** A new page starts at the top (the browser does not do this for client-side navigation); #anchors scroll to their target. */
export function ScrollToTop() {
  const { pathname, hash } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
    else window.scrollTo(0, 0);
  }, [pathname, hash]);
  return null;
}
