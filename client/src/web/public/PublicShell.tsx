import { Link, Outlet } from 'react-router';
import { Footer } from '../layout/Footer';
import { useSessionContext } from '../session/session-context';
import { ButtonLink } from '../ui/Button';
import { Logo } from '../ui/Logo';
import './public.css';

/** The marketing and legal pages: a light header with sign-in, the page, the footer. */
export function PublicShell() {
  const { session } = useSessionContext();
  const signedIn = Boolean(session?.user);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="public-header">
        <div className="public-header-inner">
          <Link to="/" className="topbar-brand" aria-label="CallRecap home">
            <Logo />
          </Link>
          <nav className="public-nav" aria-label="Site">
            <a href="/#how-it-works">How it works</a>
            <a href="/#install">Install</a>
            <Link to="/contact">Contact</Link>
          </nav>
          <div className="public-header-actions">
            {signedIn ? (
              <ButtonLink to="/app" variant="primary">
                Open CallRecap
              </ButtonLink>
            ) : (
              <>
                {session?.demo.enabled && (
                  <ButtonLink to="/app" variant="ghost">
                    Try the demo
                  </ButtonLink>
                )}
                <ButtonLink to="/app" variant="primary">
                  Sign in
                </ButtonLink>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="public-main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </>
  );
}
