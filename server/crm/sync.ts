import { and, eq, gte, sql } from 'drizzle-orm';
import { crmRecords, crmSyncAttempts, engagements, organizations, summaries, summaryVersions } from '../../db/schema';
import { withOrg, type Tx } from '../../db/tenant';
import { sendJob } from '../../jobs/boss';
import type { JobContext } from '../../jobs/worker';
import { summaryContentSchema, type SummaryContent } from '../contract/summary';
import type { Services } from '../services';
import { announceEngagementChange } from '../summaries/repository';
import type { CrmAdapter, CrmContact, CrmKind, CrmRecordRef } from './adapter';
import { loadCrmConnection, markCrmReauthRequired, storeRefreshedTokens, crmApps, decryptCredentials } from './connections';
import { CrmAuthError, CrmError, CrmNotFoundError, CrmRateLimitedError, CrmValidationError } from './errors';
import { toE164 } from './phone';
import { createCrmAdapter } from './registry';

/** A CRM storm of 429s reschedules at most this often per engagement before the attempt counts as failed. */
const MAX_RATE_LIMIT_RESCHEDULES = 12;

interface SyncInput {
  orgId: string;
  engagementId: string;
  crmKind: CrmKind;
}

/** Builds the adapter with a refresh hook that re-encrypts and stores new tokens before they are used. */
export type AdapterFactory = (services: Services, orgId: string, kind: CrmKind, credentialId: string, credentials: Record<string, unknown>) => CrmAdapter;

export const defaultAdapterFactory: AdapterFactory = (services, orgId, kind, credentialId, credentials) =>
  createCrmAdapter(kind, credentials, {
    apps: crmApps(services.config),
    onTokensRefreshed: (tokens) =>
      withOrg(services.db, orgId, (tx) => storeRefreshedTokens(tx, services.secrets, credentialId, tokens, services.clock.now())),
  });

async function recordAttempt(tx: Tx, input: SyncInput & { version: number | null; result: 'created' | 'updated' | 'failed' | 'retrying'; contact?: CrmContact | null; unattached?: boolean; ref?: CrmRecordRef | null; error?: string | null; startedAt: Date; now: Date }) {
  await tx.insert(crmSyncAttempts).values({
    orgId: input.orgId,
    engagementId: input.engagementId,
    crmKind: input.crmKind,
    summaryVersion: input.version,
    result: input.result,
    contactId: input.contact?.id ?? null,
    contactLabel: input.contact ? [input.contact.name, input.contact.email].filter(Boolean).join(' · ') || input.contact.id : null,
    unattached: input.unattached ?? false,
    recordId: input.ref?.id ?? null,
    recordUrl: input.ref?.url ?? null,
    error: input.error ?? null,
    startedAt: input.startedAt,
    finishedAt: input.now,
  });
}

async function setSyncState(tx: Tx, engagementId: string, state: 'queued' | 'synced' | 'failed') {
  await tx.update(summaries).set({ crmSyncState: state }).where(eq(summaries.engagementId, engagementId));
}

/**
 * crm.sync: writes the approved summary to one CRM, exactly once in effect. The CRM record id is
 * stored (committed) the moment the CRM returns it, before the job completes; a retried or crashed
 * job finds it (here, or by its external id at the CRM) and updates instead of creating.
 */
export async function syncToCrm(services: Services, input: SyncInput, job: Pick<JobContext, 'isLastAttempt' | 'log'>, adapterFactory: AdapterFactory = defaultAdapterFactory): Promise<void> {
  const startedAt = services.clock.now();
  const loaded = await withOrg(services.db, input.orgId, async (tx) => {
    const connection = await loadCrmConnection(tx, input.crmKind);
    const [row] = await tx
      .select({ engagement: engagements, summary: summaries, settings: organizations.settings })
      .from(engagements)
      .innerJoin(summaries, eq(summaries.engagementId, engagements.id))
      .innerJoin(organizations, eq(organizations.id, engagements.orgId))
      .where(eq(engagements.id, input.engagementId))
      .limit(1);
    if (!row) return null;
    const [version] = await tx
      .select({ content: summaryVersions.content })
      .from(summaryVersions)
      .where(and(eq(summaryVersions.summaryId, row.summary.id), eq(summaryVersions.version, row.summary.currentVersion)));
    const [record] = await tx.select().from(crmRecords).where(and(eq(crmRecords.engagementId, input.engagementId), eq(crmRecords.crmKind, input.crmKind)));
    return { connection, ...row, content: version ? summaryContentSchema.parse(version.content) : null, record };
  });
  if (!loaded?.content || !loaded.summary.approvedAt) return; // nothing approved to write (deleted or un-approved since)
  const { engagement, summary, content, settings } = loaded;
  const version = summary.currentVersion;

  const finish = (fields: Omit<Parameters<typeof recordAttempt>[1], keyof SyncInput | 'version' | 'startedAt' | 'now'>, state: 'queued' | 'synced' | 'failed') =>
    withOrg(services.db, input.orgId, async (tx) => {
      await recordAttempt(tx, { ...input, ...fields, version, startedAt, now: services.clock.now() });
      await setSyncState(tx, input.engagementId, state);
      await announceEngagementChange(tx, input.orgId, input.engagementId);
    });

  if (!loaded.connection || loaded.connection.connection.status !== 'connected') {
    await finish({ result: 'failed', error: `${input.crmKind === 'hubspot' ? 'HubSpot' : 'Salesforce'} is not connected; an admin can reconnect it in Settings > Integrations.` }, 'failed');
    return;
  }
  if (loaded.record && loaded.record.syncedVersion >= version) {
    // Already written (a duplicate delivery, or "Sync again" with nothing new): nothing to send, but the
    // state the queueing set must not stay "queued" forever.
    if (summary.crmSyncState === 'queued') {
      await withOrg(services.db, input.orgId, async (tx) => {
        await setSyncState(tx, input.engagementId, 'synced');
        await announceEngagementChange(tx, input.orgId, input.engagementId);
      });
    }
    return;
  }

  const adapter = adapterFactory(services, input.orgId, input.crmKind, loaded.connection.credential.id, decryptCredentials(services.secrets, loaded.connection.credential));
  const call = {
    engagementId: engagement.zoomEngagementId,
    title: `${engagement.direction === 'outbound' ? 'Outbound' : 'Inbound'} ${engagement.channel} call: ${content.category}`,
    summary: content,
    direction: engagement.direction,
    durationSeconds: engagement.durationSeconds ?? 0,
    startedAt: engagement.startedAt ?? engagement.createdAt,
    status: 'completed' as const,
    agentName: engagement.agents.at(-1)?.name,
  };

  try {
    let ref: CrmRecordRef | null = loaded.record ? { id: loaded.record.recordId, url: loaded.record.recordUrl ?? '' } : null;
    // A crash between the CRM call and storing its id leaves a record only the CRM knows about.
    ref ??= (await adapter.findCallByExternalId?.(engagement.zoomEngagementId)) ?? null;
    if (ref) {
      try {
        ref = await adapter.updateCall(ref, { ...call, contact: null });
        await storeRecord(services, input, ref, version, loaded.record?.contactId ?? null);
        await finish({ result: 'updated', ref }, 'synced');
        return;
      } catch (error) {
        if (!(error instanceof CrmNotFoundError)) throw error;
        // Deleted in the CRM: forget it and log a new one below.
        await withOrg(services.db, input.orgId, (tx) => tx.delete(crmRecords).where(and(eq(crmRecords.engagementId, input.engagementId), eq(crmRecords.crmKind, input.crmKind))));
      }
    }
    const contact = await matchContact(adapter, content, engagement, settings.crmNoMatch);
    ref = await adapter.logCall({ ...call, contact });
    await storeRecord(services, input, ref, version, contact?.id ?? null);
    await finish({ result: 'created', ref, contact, unattached: contact === null }, 'synced');
    services.metrics.crmCalls.inc({ crm: input.crmKind, result: 'created' });
  } catch (error) {
    services.metrics.crmCalls.inc({ crm: input.crmKind, result: error instanceof CrmError ? error.name : 'error' });
    await handleFailure(services, input, error, job, finish);
  }
}

async function storeRecord(services: Services, input: SyncInput, ref: CrmRecordRef, version: number, contactId: string | null) {
  await withOrg(services.db, input.orgId, (tx) =>
    tx
      .insert(crmRecords)
      .values({ orgId: input.orgId, engagementId: input.engagementId, crmKind: input.crmKind, recordId: ref.id, recordUrl: ref.url, contactId, syncedVersion: version })
      .onConflictDoUpdate({
        target: [crmRecords.orgId, crmRecords.engagementId, crmRecords.crmKind],
        set: { recordId: ref.id, recordUrl: ref.url, syncedVersion: version, updatedAt: sql`now()` },
      }),
  );
}

/**
 * By email, then by phone in E.164: the summary's contact field, else the engagement's consumer (also
 * when the customer gave a local number without its area code, which no CRM can match).
 */
async function matchContact(
  adapter: CrmAdapter,
  content: SummaryContent,
  engagement: { consumerEmail: string | null; consumerNumber: string | null; consumerName: string | null },
  noMatch: 'create' | 'unattached',
): Promise<CrmContact | null> {
  const email = content.contact.email ?? engagement.consumerEmail ?? undefined;
  const phoneE164 = toE164(content.contact.phone) ?? toE164(engagement.consumerNumber) ?? undefined;
  if (!email && !phoneE164) return null;
  const found = (email ? await adapter.findContact({ email }) : null) ?? (phoneE164 ? await adapter.findContact({ phoneE164 }) : null);
  if (found || noMatch === 'unattached') return found;
  return adapter.createContact({ email, phoneE164, ...(engagement.consumerName ? { name: engagement.consumerName } : {}) });
}

async function handleFailure(
  services: Services,
  input: SyncInput,
  error: unknown,
  job: Pick<JobContext, 'isLastAttempt' | 'log'>,
  finish: (fields: { result: 'failed' | 'retrying'; error: string }, state: 'queued' | 'synced' | 'failed') => Promise<void>,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CrmAuthError) {
    await withOrg(services.db, input.orgId, (tx) => markCrmReauthRequired(tx, { orgId: input.orgId, kind: input.crmKind, reason: message, now: services.clock.now() }));
    await finish({ result: 'failed', error: `Re-authorization needed: ${message}` }, 'failed');
    return;
  }
  if (error instanceof CrmValidationError) {
    await finish({ result: 'failed', error: message }, 'failed');
    return;
  }
  if (error instanceof CrmRateLimitedError) {
    const since = new Date(services.clock.now().getTime() - 3_600_000);
    const [recent] = await withOrg(services.db, input.orgId, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(crmSyncAttempts)
        .where(and(eq(crmSyncAttempts.engagementId, input.engagementId), eq(crmSyncAttempts.crmKind, input.crmKind), eq(crmSyncAttempts.result, 'retrying'), gte(crmSyncAttempts.startedAt, since))),
    );
    if ((recent?.n ?? 0) < MAX_RATE_LIMIT_RESCHEDULES) {
      // Honour Retry-After exactly: a new job that starts when the CRM said it may.
      await finish({ result: 'retrying', error: message }, 'queued');
      await sendJob(services.boss, 'crm.sync', input, { startAfter: Math.max(1, Math.ceil(error.retryAfterSeconds)) });
      return;
    }
  }
  if (job.isLastAttempt || error instanceof CrmRateLimitedError) {
    await finish({ result: 'failed', error: message }, 'failed');
    return;
  }
  await finish({ result: 'retrying', error: message }, 'queued');
  job.log.warn({ err: error, crm: input.crmKind }, 'CRM sync failed; pg-boss retries with backoff');
  throw error;
}
