import { useSessionContext } from '../session/session-context';
import { SignInPage } from '../signin/SignInPage';
import { ErrorState, Skeleton } from '../ui/States';
import { Logo } from '../ui/Logo';
import { AppShell } from './AppShell';
import { Footer } from './Footer';

/** Everything under /app: the sign-in page for visitors, the app for signed-in users. */
export function AppGate() {
  const { session, error, refresh } = useSessionContext();
  if (!session && error) {
    return (
      <main className="centered-page">
        <ErrorState title="CallRecap could not start" error={error} onRetry={() => void refresh().catch(() => undefined)} />
      </main>
    );
  }
  if (!session) return <AppLoading />;
  if (!session.user || !session.org) {
    return (
      <>
        <SignInPage session={session} />
        <Footer />
      </>
    );
  }
  return <AppShell />;
}

function AppLoading() {
  return (
    <div className="app-loading" role="status" aria-busy="true">
      <span className="visually-hidden">Loading CallRecap…</span>
      <div className="topbar">
        <div className="topbar-inner">
          <Logo />
        </div>
      </div>
      <div className="page">
        <Skeleton className="skeleton-title" />
        <Skeleton className="skeleton-block" />
        <Skeleton className="skeleton-block" />
      </div>
    </div>
  );
}
