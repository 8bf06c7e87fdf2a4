import { useEffect, useState } from 'react';
import type { AccountView, ExportView } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { formatBytes, formatDate, formatDateTime } from '../../lib/format';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { useSessionContext } from '../../session/session-context';
import { Alert } from '../../ui/Alert';
import { Badge, type Tone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { DownloadIcon, TrashIcon } from '../../ui/icons';
import { EmptyState, ErrorState, LoadingBlock } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import { SettingsSection } from '../SettingsSection';

type AccountChange = AccountView & { message?: string };

const EXPORT_TONES: Record<ExportView['status'], Tone> = {
  queued: 'neutral',
  running: 'accent',
  ready: 'ok',
  failed: 'danger',
  expired: 'neutral',
};
const EXPORT_LABELS: Record<ExportView['status'], string> = {
  queued: 'Queued',
  running: 'Preparing',
  ready: 'Ready',
  failed: 'Failed',
  expired: 'Expired',
};
const POLL_MS = 3000;

/** Data export and account deletion: what the privacy policy promises admins can do themselves. */
export function AccountTab() {
  const account = useResource<AccountView>('/api/account');
  const { reload } = account;
  const preparing =
    account.data?.exports.some((e) => e.status === 'queued' || e.status === 'running') ?? false;

  // Exports are prepared in the background; look again until they are done.
  useEffect(() => {
    if (!preparing) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [preparing, reload]);

  return (
    <SettingsSection
      title="Account"
      description="Take your data with you, or delete the organization and everything CallRecap holds about it."
    >
      {account.error !== undefined && !account.data ? (
        <div className="card">
          <ErrorState title="Could not load the account" error={account.error} onRetry={account.reload} />
        </div>
      ) : !account.data ? (
        <div className="card card-body">
          <LoadingBlock label="Loading account…" />
        </div>
      ) : (
        <div className="stack-lg">
          <Exports account={account.data} onChanged={(next) => account.setData(() => next)} />
          <Deletion account={account.data} onChanged={(next) => account.setData(() => next)} />
        </div>
      )}
    </SettingsSection>
  );
}

function Exports({ account, onChanged }: { account: AccountView; onChanged: (next: AccountView) => void }) {
  const { busy, run } = useAction();
  const request = () =>
    void run(async () => {
      const created = await api<ExportView>('/api/account/exports', { method: 'POST' });
      onChanged({ ...account, exports: [created, ...account.exports.filter((e) => e.id !== created.id)] });
    }, 'Export requested. It appears below when it is ready to download.');
  const exports = [...account.exports].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Card
      title="Export all data"
      subtitle="One JSON file with every engagement, summary version, category, user, CRM sync log and audit entry. Files are kept for 7 days."
      labelledBy="export-title"
      actions={
        <Button variant="primary" icon={<DownloadIcon size={15} />} busy={busy} onClick={request}>
          Request export
        </Button>
      }
      flush
    >
      {exports.length === 0 ? (
        <EmptyState compact title="No exports yet">
          Request one to get a copy of your organization&apos;s data.
        </EmptyState>
      ) : (
        <div className="table-scroll" aria-live="polite">
          <table className="table table-middle">
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Status</th>
                <th scope="col">Size</th>
                <th scope="col">Available until</th>
                <th scope="col">
                  <span className="visually-hidden">Download</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {exports.map((item) => (
                <tr key={item.id}>
                  <td>{formatDateTime(item.createdAt)}</td>
                  <td>
                    <Badge tone={EXPORT_TONES[item.status]} dot={item.status === 'running'}>
                      {EXPORT_LABELS[item.status]}
                    </Badge>
                    {item.error && <span className="cell-sub field-error">{item.error}</span>}
                  </td>
                  <td>{formatBytes(item.bytes)}</td>
                  <td>{item.expiresAt ? formatDateTime(item.expiresAt) : '—'}</td>
                  <td className="num">
                    {item.status === 'ready' && (
                      <a className="btn btn-sm" href={`/api/account/exports/${item.id}/download`} download>
                        <DownloadIcon size={14} /> Download
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function Deletion({ account, onChanged }: { account: AccountView; onChanged: (next: AccountView) => void }) {
  const { refresh } = useSessionContext();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const { busy, run } = useAction();
  const orgName = account.org.name;

  const schedule = () =>
    void run(async () => {
      const next = await api<AccountChange>('/api/account/deletion', { method: 'POST' });
      onChanged(next);
      setConfirming(false);
      setTyped('');
      // The card now says what happens and when; the server's longer explanation is for API callers.
      if (next.deletion)
        toast.info(
          `Deletion scheduled for ${formatDate(next.deletion.scheduledFor)}. You can cancel it here until then.`,
        );
      // The org-wide banner follows; if the session cannot be reloaded now it catches up on the next load.
      await refresh().catch(() => undefined);
    });

  const cancel = () =>
    void run(async () => {
      const next = await api<AccountChange>('/api/account/deletion', { method: 'DELETE' });
      onChanged(next);
      toast.success(next.message ?? 'Deletion cancelled.');
      // The org-wide banner follows; if the session cannot be reloaded now it catches up on the next load.
      await refresh().catch(() => undefined);
    });

  if (account.deletion) {
    return (
      <section className="card danger-zone" aria-labelledby="deletion-title">
        <div className="card-body stack">
          <h3 className="card-title" id="deletion-title">
            Deletion scheduled
          </h3>
          <Alert
            tone="warn"
            title={`${orgName} will be permanently deleted on ${formatDate(account.deletion.scheduledFor)}.`}
            actions={
              <Button busy={busy} onClick={cancel}>
                Cancel deletion
              </Button>
            }
          >
            Requested {account.deletion.requestedBy ? `by ${account.deletion.requestedBy} ` : ''}on{' '}
            {formatDateTime(account.deletion.requestedAt, { withYear: true })}. Until then CallRecap keeps
            working fully for everyone: engagements are summarized, approved and synced as usual.
          </Alert>
        </div>
      </section>
    );
  }

  const matches = typed.trim() === orgName;
  return (
    <section className="card danger-zone" aria-labelledby="deletion-title">
      <div className="card-body danger-zone-body">
        <div className="stack">
          <h3 className="card-title" id="deletion-title">
            Delete this organization
          </h3>
          <p className="muted">
            Deletion happens after a 30-day grace period. During those 30 days the organization keeps working
            fully (engagements are still summarized, approved and synced) and any admin can cancel. Afterwards
            all users, engagements, summaries, CRM connections and billing records are permanently deleted.
            Export your data first if you want a copy.
          </p>
        </div>
        <Button variant="danger" icon={<TrashIcon size={15} />} onClick={() => setConfirming(true)}>
          Delete organization…
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${orgName}?`}
        confirmLabel="Schedule deletion"
        busy={busy}
        confirmDisabled={!matches}
        onConfirm={schedule}
        onCancel={() => {
          setConfirming(false);
          setTyped('');
        }}
      >
        <p>
          All of the organization&apos;s data will be permanently deleted 30 days from now. You can cancel at
          any time until then.
        </p>
        <TextField
          label={
            <>
              Type <strong>{orgName}</strong> to confirm
            </>
          }
          value={typed}
          autoComplete="off"
          onChange={(event) => setTyped(event.target.value)}
        />
      </ConfirmDialog>
    </section>
  );
}
