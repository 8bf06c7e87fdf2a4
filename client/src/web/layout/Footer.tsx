import { Link } from 'react-router';
import { LogoMark } from '../ui/Logo';

export const SUPPORT_EMAIL = 'support@mail.callrecap.io';
export const PRIVACY_EMAIL = 'privacy@mail.callrecap.io';

/** On every page, public and app: the legal links a Zoom Marketplace listing requires. */
export function Footer() {
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <span className="site-footer-brand">
          <LogoMark size={20} />
          <span>© {new Date().getFullYear()} CallRecap</span>
        </span>
        <nav aria-label="Legal and contact">
          <ul className="site-footer-links">
            <li>
              <Link to="/privacy">Privacy</Link>
            </li>
            <li>
              <Link to="/terms">Terms</Link>
            </li>
            <li>
              <Link to="/contact">Contact</Link>
            </li>
            <li>
              <a href={`mailto:${SUPPORT_EMAIL}`}>{SUPPORT_EMAIL}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
