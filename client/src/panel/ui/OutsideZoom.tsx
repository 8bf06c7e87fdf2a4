import { Brand } from './Brand';

const REASONS: Record<'not-zoom' | 'wrong-context' | 'timeout', string> = {
  'not-zoom': 'This page was opened in a normal browser.',
  'wrong-context': 'The app is open somewhere in Zoom other than a Contact Center engagement.',
  timeout: 'The Zoom client did not answer.',
};

/** Never a blank screen: outside Zoom Contact Center the panel explains itself and points to the web app. */
export function OutsideZoom({ reason }: { reason: keyof typeof REASONS }) {
  return (
    <main className="p-outside" aria-labelledby="outside-title">
      <Brand />
      <div className="p-outside-card">
        <h1 id="outside-title" className="p-outside-title">
          Open CallRecap from Zoom Contact Center
        </h1>
        <p>
          This panel runs inside the Zoom desktop client&apos;s Contact Center app panel, next to an
          engagement. It shows the customer&apos;s history during a call and the AI summary after it.
        </p>
        <p className="p-muted">{REASONS[reason]}</p>
        <a className="p-button p-button-primary" href="/app">
          Open the CallRecap web app
        </a>
        <p className="p-muted p-small">
          Review, edit and approve summaries, and see your team&apos;s analytics, in the web app.
        </p>
      </div>
    </main>
  );
}
