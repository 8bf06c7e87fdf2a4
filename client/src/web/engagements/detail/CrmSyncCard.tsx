import type { EngagementDetail } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ExternalIcon, RefreshIcon } from '../../ui/icons';
import { CRM_LABELS, CRM_TONES } from '../engagement-labels';

const CRM_NAMES = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;
const RESULT_TONES = { created: 'ok', updated: 'ok', failed: 'danger', retrying: 'warn' } as const;
const RESULT_LABELS = { created: 'Created', updated: 'Updated', failed: 'Failed', retrying: 'Retrying' } as const;

/** Where the summary went in the CRM: current state, record links, every attempt, and a retry. */
export function CrmSyncCard({ detail, onQueued }: { detail: EngagementDetail; onQueued: () => void }) {
  const { summary, crmAttempts, crmRecords } = detail;
  const { busy, run } = useAction();
  const state = summary?.crmSyncState ?? 'none';
  const approved = Boolean(summary?.approvedAt);
  const attempts = [...crmAttempts].sort((a, b) => b.startedAt.localeCompare(a.startedAt));

  const retry = () =>
    run(async () => {
      await api(`/api/engagements/${detail.engagement.id}/crm-sync/retry`, { method: 'POST' });
      onQueued();
    }, 'CRM sync queued.');

  return (
    <Card
      title="CRM sync"
      labelledBy="crm-title"
      actions={
        approved && state !== 'queued' ? (
          <Button size="sm" icon={<RefreshIcon size={14} />} busy={busy} onClick={() => void retry()}>
            {state === 'failed' ? 'Retry sync' : state === 'synced' ? 'Sync again' : 'Sync now'}
          </Button>
        ) : undefined
      }
    >
      <div className="stack">
        <div className="crm-state">
          <Badge tone={CRM_TONES[state]} dot>
            {CRM_LABELS[state]}
          </Badge>
          <span className="muted">
            {!approved
              ? 'Syncs after the summary is approved.'
              : state === 'queued'
                ? 'Waiting for the CRM…'
                : state === 'none'
                  ? 'Not sent to a CRM yet.'
                  : null}
          </span>
        </div>
        {crmRecords.length > 0 && (
          <ul className="crm-records">
            {crmRecords.map((record) => (
              <li key={record.crmKind}>
                <span>
                  {CRM_NAMES[record.crmKind]} · version {record.syncedVersion}
                </span>
                {record.recordUrl && (
                  <a href={record.recordUrl} target="_blank" rel="noreferrer" className="inline-icon">
                    Open record <ExternalIcon size={13} />
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
        {attempts.length === 0 ? (
          <p className="muted">No sync attempts yet.</p>
        ) : (
          <ol className="crm-log" aria-label="Sync attempts">
            {attempts.map((attempt) => (
              <li key={attempt.id} className="crm-attempt">
                <div className="crm-attempt-head">
                  <Badge tone={RESULT_TONES[attempt.result]}>{RESULT_LABELS[attempt.result]}</Badge>
                  <span className="crm-attempt-crm">{CRM_NAMES[attempt.crmKind]}</span>
                  <span className="muted crm-attempt-time">{formatDateTime(attempt.finishedAt ?? attempt.startedAt)}</span>
                </div>
                <p className="crm-attempt-contact">
                  {attempt.unattached ? 'Logged without a contact (no match)' : attempt.contactLabel ? `Contact: ${attempt.contactLabel}` : null}
                  {attempt.recordUrl && (
                    <>
                      {' · '}
                      <a href={attempt.recordUrl} target="_blank" rel="noreferrer" className="inline-icon">
                        View in {CRM_NAMES[attempt.crmKind]} <ExternalIcon size={12} />
                      </a>
                    </>
                  )}
                </p>
                {attempt.error && <p className="crm-attempt-error">{attempt.error}</p>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
