import { Outlet } from 'react-router';
import { Banners } from './Banners';
import { Footer } from './Footer';
import { TopNav } from './TopNav';

/** The signed-in frame: top bar, org-wide notices, the page, the footer. */
export function AppShell() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopNav />
      <Banners />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </>
  );
}
