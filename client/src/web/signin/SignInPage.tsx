import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { DemoUser, SessionInfo } from '../../../../server/contract/api';
import { api, setCsrfToken } from '../../shared/api';
import { initials } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { ROLE_LABELS } from '../session/roles';
import { useSessionContext } from '../session/session-context';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { ButtonAnchor } from '../ui/Button';
import { CheckIcon } from '../ui/icons';
import { Logo } from '../ui/Logo';
import { ErrorState, errorMessage, LoadingBlock } from '../ui/States';
import './sign-in.css';

const ROLE_ORDER = { supervisor: 0, admin: 1, agent: 2 } as const;

const ROLE_BLURB = {
  admin: 'Settings, integrations, billing',
  supervisor: 'All engagements and analytics',
  agent: 'Their own engagements',
} as const;

/** Only same-app paths: a returnTo must never send someone to another site after sign-in. */
export function safeReturnTo(candidate: string | null, fallback: string): string {
  if (candidate && candidate.startsWith('/app') && !candidate.startsWith('//')) return candidate;
  return fallback;
}

export function SignInPage({ session }: { session: SessionInfo }) {
  const location = useLocation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refresh } = useSessionContext();
  const returnTo = safeReturnTo(params.get('returnTo'), `${location.pathname}${location.search}`.replace(/[?&]error=[^&]*/, ''));
  const zoomError = params.get('error');

  return (
    <main className="signin" id="main">
      <div className="signin-card">
        <section className="signin-pitch" aria-label="About CallRecap">
          <Logo />
          <h2 className="signin-pitch-title">Every call, summarized and in your CRM.</h2>
          <ul className="signin-points">
            <li>
              <CheckIcon size={16} /> AI summaries seconds after a Zoom Contact Center engagement ends
            </li>
            <li>
              <CheckIcon size={16} /> Agents review and approve them in the Zoom panel
            </li>
            <li>
              <CheckIcon size={16} /> Approved summaries land on the contact in HubSpot or Salesforce
            </li>
          </ul>
        </section>
        <section className="signin-form" aria-labelledby="signin-title">
          <h1 id="signin-title" className="signin-title">
            Sign in to CallRecap
          </h1>
          <p className="muted">Use the Zoom account of your contact center.</p>
          {zoomError && (
            <Alert tone="danger" urgent>
              {zoomError}
            </Alert>
          )}
          <ButtonAnchor href={`/auth/zoom?returnTo=${encodeURIComponent(returnTo)}`} variant="primary" size="lg" block>
            <ZoomGlyph />
            Sign in with Zoom
          </ButtonAnchor>
          {session.demo.enabled && (
            <DemoPicker
              onSignedIn={async () => {
                const next = await refresh();
                if (!next.user) throw new Error('The demo sign-in did not stick. Try again.');
                if (params.get('returnTo')) await navigate(returnTo, { replace: true });
              }}
            />
          )}
        </section>
      </div>
    </main>
  );
}

function DemoPicker({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const people = useResource<{ users: DemoUser[] }>('/auth/demo/users');
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const signIn = async (userId: string) => {
    setPending(userId);
    setFailure(null);
    try {
      const result = await api<{ csrfToken: string }>('/auth/demo', { method: 'POST', body: { userId } });
      setCsrfToken(result.csrfToken);
      await onSignedIn();
    } catch (error) {
      setFailure(errorMessage(error));
      setPending(null);
    }
  };

  return (
    <div className="demo-picker">
      <div className="signin-or">
        <span>or try the demo</span>
      </div>
      <p className="muted">A sample contact center with 60 summarized engagements. Pick who to be:</p>
      {people.error !== undefined ? (
        <ErrorState compact title="Could not load the demo people" error={people.error} onRetry={people.reload} />
      ) : !people.data ? (
        <LoadingBlock label="Loading demo people…" lines={3} />
      ) : (
        <ul className="demo-people">
          {[...people.data.users].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]).map((person) => (
            <li key={person.id}>
              <button type="button" className="demo-person" disabled={pending !== null} onClick={() => void signIn(person.id)}>
                <span className="avatar">{initials(person.name)}</span>
                <span className="demo-person-text">
                  <span className="demo-person-name">{person.name}</span>
                  <span className="demo-person-blurb">{ROLE_BLURB[person.role]}</span>
                </span>
                <Badge tone={person.role === 'admin' ? 'info' : person.role === 'supervisor' ? 'accent' : 'neutral'}>
                  {pending === person.id ? 'Signing in…' : ROLE_LABELS[person.role]}
                </Badge>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite">{failure && <Alert tone="danger">{failure}</Alert>}</div>
    </div>
  );
}

function ZoomGlyph() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="1" y="5" width="15" height="14" rx="3.5" fill="currentColor" />
      <path d="m17 10 5-3.5v11L17 14Z" fill="currentColor" />
    </svg>
  );
}
