import type { EngagementDetail } from '../../../../server/contract/api';
import { CRM_NAMES, crmList, crmSyncView, type SyncedRecord } from './crm-sync-view';
import { Icon, Spinner } from './icons';

export interface CrmSyncStatusProps {
  detail: EngagementDetail;
  retrying: boolean;
  onRetry: () => void;
  /** Opens a CRM record (zoomSdk.openUrl inside Zoom, so it lands in the system browser). */
  onOpen: (url: string) => void;
}

function RecordLink({ record, onOpen }: { record: SyncedRecord; onOpen: (url: string) => void }) {
  if (!record.recordUrl) return null;
  const url = record.recordUrl;
  return (
    <a
      className="p-button p-button-secondary p-button-small"
      href={url}
      target="_blank"
      rel="noreferrer"
      onClick={(event) => {
        event.preventDefault();
        onOpen(url);
      }}
    >
      Open in {CRM_NAMES[record.crmKind]}
      <Icon name="external" size={14} />
    </a>
  );
}

function contactLine(record: SyncedRecord): string {
  if (record.unattached) return 'Saved without a matching contact.';
  return record.contactLabel ? `Logged on ${record.contactLabel}.` : 'Logged on the matching contact.';
}

/** Where the approved summary stands in the CRM: queued, synced (with a link) or failed (with a retry). */
export function CrmSyncStatus({ detail, retrying, onRetry, onOpen }: CrmSyncStatusProps) {
  const view = crmSyncView(detail);
  if (view.kind === 'not_approved') return null;
  return (
    <section className={`p-sync p-sync-${view.kind}`} aria-labelledby="crm-sync-title">
      <h3 id="crm-sync-title" className="p-visually-hidden">
        CRM sync
      </h3>
      {view.kind === 'none' && (
        <div className="p-sync-row">
          <Icon name="cloud" />
          <div className="p-sync-body">
            <p className="p-sync-title">Not sent to a CRM</p>
            <p className="p-sync-text">Nothing was synced for this engagement.</p>
          </div>
          <button
            type="button"
            className="p-button p-button-secondary p-button-small"
            onClick={onRetry}
            disabled={retrying}
          >
            {retrying ? 'Sending…' : 'Sync now'}
          </button>
        </div>
      )}
      {view.kind === 'queued' && (
        <div className="p-sync-row">
          <Spinner />
          <div className="p-sync-body">
            <p className="p-sync-title">Sending to {crmList(view.crms)}…</p>
            {view.retryingError ? (
              <p className="p-sync-text">Retrying after an error: {view.retryingError}</p>
            ) : (
              <p className="p-sync-text">This usually takes a few seconds.</p>
            )}
          </div>
        </div>
      )}
      {view.kind === 'synced' &&
        (view.records.length === 0 ? (
          <div className="p-sync-row">
            <Icon name="check" className="p-ok" />
            <div className="p-sync-body">
              <p className="p-sync-title">Synced to your CRM</p>
            </div>
          </div>
        ) : (
          view.records.map((record) => (
            <div className="p-sync-row" key={record.crmKind}>
              <Icon name="check" className="p-ok" />
              <div className="p-sync-body">
                <p className="p-sync-title">Synced to {CRM_NAMES[record.crmKind]}</p>
                <p className="p-sync-text">{contactLine(record)}</p>
                <RecordLink record={record} onOpen={onOpen} />
              </div>
            </div>
          ))
        ))}
      {view.kind === 'failed' && (
        <>
          {view.failures.map((failure) => (
            <div className="p-sync-row" key={failure.crmKind}>
              <Icon name="alert" className="p-danger" />
              <div className="p-sync-body">
                <p className="p-sync-title">Couldn&apos;t sync to {CRM_NAMES[failure.crmKind]}</p>
                <p className="p-sync-text">{failure.error}</p>
              </div>
            </div>
          ))}
          {view.failures.length === 0 && (
            <div className="p-sync-row">
              <Icon name="alert" className="p-danger" />
              <div className="p-sync-body">
                <p className="p-sync-title">Couldn&apos;t sync to your CRM</p>
              </div>
            </div>
          )}
          {view.records.map((record) => (
            <div className="p-sync-row" key={record.crmKind}>
              <Icon name="check" className="p-ok" />
              <div className="p-sync-body">
                <p className="p-sync-title">Synced to {CRM_NAMES[record.crmKind]}</p>
                <RecordLink record={record} onOpen={onOpen} />
              </div>
            </div>
          ))}
          <div className="p-sync-actions">
            <button
              type="button"
              className="p-button p-button-secondary p-button-small"
              onClick={onRetry}
              disabled={retrying}
            >
              <Icon name="retry" size={14} />
              {retrying ? 'Retrying…' : 'Retry sync'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
