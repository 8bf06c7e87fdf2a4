import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../../server/contract/api';
import { loadSession } from '../../shared/api';
import { signInInClient } from '../auth/in-client-sign-in';
import type { PanelBoot, ZoomOutcome, ZoomSession } from '../boot';
import { setPanelCsrfToken } from '../api/panel-request';
import { Brand } from './Brand';
import { errorMessage } from './format';
import { Icon, Spinner } from './icons';
import { OutsideZoom } from './OutsideZoom';
import { Workspace } from './Workspace';

type Outside = Extract<ZoomOutcome, { kind: 'outside' }>;

type Startup =
  | { kind: 'starting' }
  | { kind: 'outside'; reason: Outside['reason'] }
  | { kind: 'session-error'; message: string }
  | { kind: 'signing-in'; zoom: ZoomSession }
  | { kind: 'sign-in-needed'; zoom: ZoomSession; error: string | null }
  | { kind: 'ready'; zoom: ZoomSession; session: SessionInfo };

function Centered({ children, busy = false }: { children: ReactNode; busy?: boolean }) {
  return (
    <main className="p-center" aria-busy={busy}>
      <Brand />
      {children}
    </main>
  );
}

/** Start-up: outside Zoom → explain; signed out → in-client OAuth; then the workspace. */
export function PanelApp({ boot }: { boot: PanelBoot }) {
  const [startup, setStartup] = useState<Startup>({ kind: 'starting' });
  const signingIn = useRef(false);

  const signIn = useCallback(async (zoom: ZoomSession) => {
    if (signingIn.current) return;
    signingIn.current = true;
    setStartup({ kind: 'signing-in', zoom });
    try {
      await signInInClient(zoom.api, zoom.bridge);
      const session = await loadSession();
      setPanelCsrfToken(session.csrfToken);
      if (!session.user) throw new Error('The sign-in did not stick. Try again.');
      setStartup({ kind: 'ready', zoom, session });
    } catch (error) {
      setStartup({ kind: 'sign-in-needed', zoom, error: errorMessage(error) });
    } finally {
      signingIn.current = false;
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const zoom = await boot.zoom;
      if (cancelled) return;
      if (zoom.kind === 'outside') {
        setStartup({ kind: 'outside', reason: zoom.reason });
        return;
      }
      let session: SessionInfo;
      try {
        session = await boot.session;
      } catch (error) {
        if (!cancelled) setStartup({ kind: 'session-error', message: errorMessage(error) });
        return;
      }
      if (cancelled) return;
      if (session.user) setStartup({ kind: 'ready', zoom, session });
      // Silent when the user already added the app: Zoom answers authorize without a consent screen.
      else if (zoom.alreadyAuthorized) void signIn(zoom);
      else setStartup({ kind: 'sign-in-needed', zoom, error: null });
    })();
    return () => {
      cancelled = true;
    };
  }, [boot, signIn]);

  // A 401 later on (session expired, or another Zoom user in this client): sign in again.
  const zoomSession = startup.kind === 'ready' ? startup.zoom : null;
  useEffect(() => zoomSession?.onSignedOut(() => void signIn(zoomSession)), [zoomSession, signIn]);

  switch (startup.kind) {
    case 'starting':
      return (
        <Centered busy>
          <Spinner label="Loading CallRecap" />
        </Centered>
      );
    case 'outside':
      return <OutsideZoom reason={startup.reason} />;
    case 'session-error':
      return (
        <Centered>
          <div className="p-center-card" role="alert">
            <Icon name="alert" className="p-danger" size={24} />
            <h1 className="p-center-title">CallRecap is not reachable</h1>
            <p className="p-muted">{startup.message}</p>
            <button
              type="button"
              className="p-button p-button-primary"
              onClick={() => window.location.reload()}
            >
              Try again
            </button>
          </div>
        </Centered>
      );
    case 'signing-in':
      return (
        <Centered busy>
          <div className="p-center-card" role="status">
            <Spinner />
            <p className="p-muted">Signing you in with Zoom…</p>
          </div>
        </Centered>
      );
    case 'sign-in-needed':
      return (
        <Centered>
          <div className="p-center-card">
            <Icon name="lock" size={24} />
            <h1 className="p-center-title">Sign in to CallRecap</h1>
            <p className="p-muted">
              CallRecap uses your Zoom account. Zoom asks for your consent once; after that the panel signs
              you in by itself.
            </p>
            {startup.error && (
              <p className="p-error-text" role="alert">
                {startup.error}
              </p>
            )}
            <button
              type="button"
              className="p-button p-button-primary"
              onClick={() => void signIn(startup.zoom)}
            >
              Sign in with Zoom
            </button>
          </div>
        </Centered>
      );
    case 'ready':
      return <Workspace zoom={startup.zoom} session={startup.session} />;
  }
}
