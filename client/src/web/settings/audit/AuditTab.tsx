import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView } from '../../../../../server/contract/api';
import { api } from '../../../shared/api';
import { formatDateTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { EmptyState, ErrorState, LoadingBlock, errorMessage } from '../../ui/States';
import { SettingsSection } from '../SettingsSection';
import { describeAction, detailText } from './audit-actions';

interface Page {
  items: AuditEntryView[];
  nextBefore: number | null;
}

/** Who did what, newest first, a page at a time. */
export function AuditTab() {
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api<Page>('/api/audit', { signal: controller.signal }).then(
      (page) => {
        setEntries(page.items);
        setNextBefore(page.nextBefore);
        setError(undefined);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const loadMore = useCallback(async () => {
    if (nextBefore === null) return;
    setLoadingMore(true);
    try {
      const page = await api<Page>(`/api/audit?before=${nextBefore}`);
      setEntries((current) => [...(current ?? []), ...page.items]);
      setNextBefore(page.nextBefore);
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [nextBefore]);

  return (
    <SettingsSection title="Audit log" description="Sign-ins, approvals, edits, setting changes, exports and other actions in your organization.">
      <div className="card">
        {entries === null ? (
          error !== undefined ? (
            <ErrorState title="Could not load the audit log" error={error} onRetry={() => setAttempt((n) => n + 1)} />
          ) : (
            <div className="card-body">
              <LoadingBlock label="Loading the audit log…" lines={6} />
            </div>
          )
        ) : entries.length === 0 ? (
          <EmptyState title="Nothing recorded yet">Actions people take in CallRecap are listed here.</EmptyState>
        ) : (
          <>
            <div className="table-scroll">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td className="nowrap tabular">{formatDateTime(entry.createdAt, { withYear: true })}</td>
                      <td className="nowrap">{entry.actorLabel}</td>
                      <td>
                        <span className="cell-main">{describeAction(entry.action)}</span>
                        <span className="cell-sub mono">{entry.action}</span>
                      </td>
                      <td className="audit-details">
                        {Object.keys(entry.details).length > 0 ? (
                          <ul className="audit-detail-list">
                            {Object.entries(entry.details).map(([key, value]) => (
                              <li key={key}>
                                <span className="muted">{key}:</span> <code>{detailText(value)}</code>
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {(nextBefore !== null || error !== undefined) && (
              <footer className="card-footer load-more">
                {error !== undefined && (
                  <p className="field-error" role="alert">
                    {errorMessage(error)}
                  </p>
                )}
                <Button onClick={() => void loadMore()} busy={loadingMore}>
                  Load older entries
                </Button>
              </footer>
            )}
          </>
        )}
      </div>
    </SettingsSection>
  );
}
