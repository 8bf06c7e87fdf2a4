import type { EngagementDetail } from '../../../../server/contract/api';
import { Icon, Spinner } from './icons';

export type ProgressStep = 'transcript' | 'summarizing' | 'ready';

const STEPS: Array<{ step: ProgressStep; label: string; hint: string }> = [
  {
    step: 'transcript',
    label: 'Waiting for the transcript',
    hint: 'Zoom publishes it shortly after the call ends.',
  },
  { step: 'summarizing', label: 'Summarizing', hint: 'Reason, key points, outcome and action items.' },
  { step: 'ready', label: 'Ready to review', hint: 'You can edit it, then approve.' },
];

/** Where a not-yet-ready summary is: the transcript is the first wait, the summarizer the second. */
export function currentStep(detail: EngagementDetail | null): ProgressStep {
  const status = detail?.summary?.status;
  if (status === 'ready') return 'ready';
  if (status === 'summarizing') return 'summarizing';
  return detail?.engagement.transcriptStatus === 'processed' ? 'summarizing' : 'transcript';
}

export function SummaryProgress({
  detail,
  waitingForZoom,
}: {
  detail: EngagementDetail | null;
  waitingForZoom: boolean;
}) {
  const current = currentStep(detail);
  const index = STEPS.findIndex((s) => s.step === current);
  return (
    <section className="p-card p-progress" aria-labelledby="progress-title" aria-busy="true">
      <div className="p-progress-head">
        <Spinner />
        <h2 id="progress-title" className="p-card-title">
          Summarizing…
        </h2>
      </div>
      <p className="p-muted p-small">
        {waitingForZoom
          ? 'Waiting for Zoom to hand this engagement to CallRecap. The summary appears here by itself.'
          : 'The summary appears here by itself as soon as it is ready. No need to refresh.'}
      </p>
      <ol className="p-steps">
        {STEPS.map((s, i) => {
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li
              key={s.step}
              className={`p-step p-step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="p-step-dot" aria-hidden="true">
                {state === 'done' ? <Icon name="check" size={12} /> : null}
              </span>
              <span className="p-step-text">
                <span className="p-step-label">
                  {s.label}
                  <span className="p-visually-hidden">
                    {state === 'done' ? ' (done)' : state === 'current' ? ' (in progress)' : ' (to do)'}
                  </span>
                </span>
                {state === 'current' && <span className="p-step-hint">{s.hint}</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
