import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../../../server/contract/api';
import { api, loadSession } from '../../shared/api';

interface SessionContextValue {
  session: SessionInfo | null;
  error: unknown;
  /** Reloads /api/session (after sign-in, or when a request says the session ended); rejects when it cannot. */
  refresh: () => Promise<SessionInfo>;
  /** Ends this session, or with `everywhere` every session of the user on every device. */
  signOut: (options?: { everywhere?: boolean }) => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    try {
      const next = await loadSession();
      setSession(next);
      setError(null);
      return next;
    } catch (e) {
      setError(e);
      throw e;
    }
  }, []);

  useEffect(() => {
    loadSession().then(setSession, setError);
  }, []);

  const signOut = useCallback(async (options?: { everywhere?: boolean }) => {
    await api(options?.everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', { method: 'POST' });
    await refresh();
  }, [refresh]);

  const value = useMemo(() => ({ session, error, refresh, signOut }), [session, error, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext needs a SessionProvider');
  return value;
}

export interface SignedIn {
  session: SessionInfo;
  user: NonNullable<SessionInfo['user']>;
  org: NonNullable<SessionInfo['org']>;
}

/** The signed-in user and org; only used below the app's sign-in gate, which guarantees both. */
export function useSignedIn(): SignedIn {
  const { session } = useSessionContext();
  if (!session?.user || !session.org) throw new Error('useSignedIn outside the signed-in app');
  return { session, user: session.user, org: session.org };
}
