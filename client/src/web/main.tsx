import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import type { DemoUser, EngagementList, SessionInfo } from '../../../server/contract/api';
import { api, loadSession, setCsrfToken } from '../shared/api';

function App() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadSession().then(setSession, (e: unknown) => setError(String(e)));
  }, []);
  if (error) return <p role="alert">Could not load CallRecap: {error}</p>;
  if (!session) return <p aria-busy="true">Loading…</p>;
  if (!session.user) return <SignIn session={session} />;
  return <Engagements session={session} />;
}

function SignIn({ session }: { session: SessionInfo }) {
  const [people, setPeople] = useState<DemoUser[]>([]);
  useEffect(() => {
    if (session.demo.enabled) void api<{ users: DemoUser[] }>('/auth/demo/users').then((r) => setPeople(r.users));
  }, [session.demo.enabled]);
  const signIn = async (userId: string) => {
    const result = await api<{ csrfToken: string }>('/auth/demo', { method: 'POST', body: { userId } });
    setCsrfToken(result.csrfToken);
    window.location.reload();
  };
  return (
    <main>
      <h1>CallRecap</h1>
      {people.map((p) => (
        <button key={p.id} onClick={() => void signIn(p.id)}>
          {p.name} ({p.role})
        </button>
      ))}
    </main>
  );
}

function Engagements({ session }: { session: SessionInfo }) {
  const [list, setList] = useState<EngagementList | null>(null);
  useEffect(() => {
    void api<EngagementList>('/api/engagements').then(setList);
  }, []);
  return (
    <main>
      <h1>{session.org?.name}</h1>
      <table>
        <tbody>
          {list?.items.map((e) => (
            <tr key={e.id}>
              <td>{e.reason}</td>
              <td>{e.category}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
