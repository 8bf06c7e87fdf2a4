import type { CrmSyncAttemptView, EngagementDetail } from '../../../../server/contract/api';

type CrmKind = CrmSyncAttemptView['crmKind'];

export const CRM_NAMES: Record<CrmKind, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

export interface SyncedRecord {
  crmKind: CrmKind;
  recordUrl: string | null;
  contactLabel: string | null;
  unattached: boolean;
}

/** What the panel says about CRM write-back, derived from the engagement detail alone. */
export type CrmSyncView =
  | { kind: 'not_approved' }
  | { kind: 'none' }
  | { kind: 'queued'; crms: CrmKind[]; retryingError: string | null }
  | { kind: 'synced'; records: SyncedRecord[] }
  | { kind: 'failed'; failures: Array<{ crmKind: CrmKind; error: string }>; records: SyncedRecord[] };

/** The newest attempt per CRM (attempts come newest first, but do not rely on it). */
function latestPerCrm(attempts: CrmSyncAttemptView[]): Map<CrmKind, CrmSyncAttemptView> {
  const latest = new Map<CrmKind, CrmSyncAttemptView>();
  for (const attempt of attempts) {
    const held = latest.get(attempt.crmKind);
    if (!held || Date.parse(attempt.startedAt) > Date.parse(held.startedAt))
      latest.set(attempt.crmKind, attempt);
  }
  return latest;
}

function syncedRecords(detail: EngagementDetail): SyncedRecord[] {
  return detail.crmRecords.map((record) => {
    const success = detail.crmAttempts
      .filter((a) => a.crmKind === record.crmKind && (a.result === 'created' || a.result === 'updated'))
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
    return {
      crmKind: record.crmKind,
      recordUrl: record.recordUrl ?? success?.recordUrl ?? null,
      contactLabel: success?.contactLabel ?? null,
      unattached: success?.unattached ?? false,
    };
  });
}

export function crmSyncView(detail: EngagementDetail): CrmSyncView {
  const summary = detail.summary;
  if (!summary?.approvedAt) return { kind: 'not_approved' };
  const latest = latestPerCrm(detail.crmAttempts);
  const records = syncedRecords(detail);
  switch (summary.crmSyncState) {
    case 'none':
      return { kind: 'none' };
    case 'queued': {
      const retrying = [...latest.values()].find((a) => a.result === 'retrying');
      const crms = latest.size > 0 ? [...latest.keys()] : records.map((r) => r.crmKind);
      return { kind: 'queued', crms, retryingError: retrying?.error ?? null };
    }
    case 'synced':
      return { kind: 'synced', records };
    case 'failed': {
      const failures = [...latest.values()]
        .filter((a) => a.result === 'failed')
        .map((a) => ({ crmKind: a.crmKind, error: a.error ?? 'The CRM refused the update.' }));
      return {
        kind: 'failed',
        failures,
        records: records.filter((r) => !failures.some((f) => f.crmKind === r.crmKind)),
      };
    }
  }
}

export function crmList(kinds: CrmKind[]): string {
  if (kinds.length === 0) return 'your CRM';
  return kinds.map((kind) => CRM_NAMES[kind]).join(' and ');
}
