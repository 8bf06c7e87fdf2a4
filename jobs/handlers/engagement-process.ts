import { eq } from 'drizzle-orm';
import { notifications, organizations } from '../../db/schema';
import { withOrg, type Tx } from '../../db/tenant';
import { listCategories } from '../../server/orgs/organizations';
import { aiSpendCapFor, summaryLimitFor } from '../../server/billing/limits';
import { aiSpendCapReason, aiSpendDay, estimateSummaryCostUsd, reserveAiSpend, settleAiSpend } from '../../server/billing/ai-spend';
import { recordAiCost, releaseSummary, reserveSummary, usagePeriodStart } from '../../server/billing/usage';
import { queueCrmSync } from '../../server/crm/service';
import { notify } from '../../server/notifications/notify';
import { setTranscriptStatus, upsertEngagementFromZoom, type EngagementRow } from '../../server/engagements/store';
import { announceEngagementChange, setSummaryStatus, storeGeneratedSummary, summaryOf } from '../../server/summaries/repository';
// Not the engine's index, which loads both summarizers; services.summarizer loads the configured one.
import { estimateCostUsd } from '../../server/summaries/engine/cost';
import type { Services } from '../../server/services';
import type { ZoomApiClient, Engagement } from '../../server/zoom/api-client';
import { ZoomNotFoundError } from '../../server/zoom/errors';
import { ZoomReauthorizationRequired, zoomApiFor } from '../../server/zoom/service';
import type { JobContext, JobHandler } from '../worker';

type Organization = typeof organizations.$inferSelect;

class TranscriptNotReady extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TranscriptNotReady';
  }
}

/** Voice and video transcripts hang off the recordings; chat and SMS have the engagement's own. */
async function fetchTranscript(api: ZoomApiClient, engagement: Engagement): Promise<string> {
  let url = engagement.transcriptUrl;
  if (engagement.channel === 'voice' || engagement.channel === 'video' || !url) {
    const recordings = await api.listEngagementRecordings(engagement.id);
    url = recordings.find((recording) => recording.transcriptUrl)?.transcriptUrl ?? url;
  }
  if (!url) throw new TranscriptNotReady('Zoom has no transcript for this engagement yet.');
  try {
    const file = await api.downloadTranscript(url);
    if (!file.text.trim()) throw new TranscriptNotReady('The transcript Zoom served was empty.');
    return file.text;
  } catch (error) {
    if (error instanceof ZoomNotFoundError) throw new TranscriptNotReady('Zoom has not finished the transcript yet.');
    throw error;
  }
}

async function notifyLimitReached(tx: Tx, orgId: string, limit: number, periodStart: string) {
  await tx
    .insert(notifications)
    .values({
      orgId,
      kind: 'usage_limit_reached',
      audience: 'admin',
      dedupeKey: `usage_limit_reached:${periodStart}`,
      message: `Your plan's ${limit} summaries for this period are used up. New calls are not summarized until the period renews or you upgrade in Settings > Billing.`,
    })
    .onConflictDoNothing();
}

async function notifyAiSpendCapReached(tx: Tx, orgId: string, capUsd: number, day: string) {
  await notify(tx, {
    orgId,
    kind: 'ai_spend_cap_reached',
    audience: 'admin',
    dedupeKey: `ai_spend_cap_reached:${day}`,
    message: `Today's AI spend reached the organization's cap of $${capUsd.toFixed(2)} a day, so new calls are not summarized until 00:00 UTC. Summaries marked "limit reached" can be retried then.`,
  });
}

/**
 * The summary of one ended engagement: transcript, usage check, AI, store. The transcript lives only
 * in this function's variables: never a table, a job payload, a log line or a file.
 */
async function summarize(services: Services, org: Organization, api: ZoomApiClient, engagement: Engagement, row: EngagementRow, job: JobContext): Promise<void> {
  const orgId = org.id;
  const now = () => services.clock.now();
  const existing = await withOrg(services.db, orgId, (tx) => summaryOf(tx, row.id));
  if (existing && existing.currentVersion > 0) return; // summarized already: never a second AI call

  const fail = async (status: 'failed' | 'no_transcript', reason: string) => {
    await withOrg(services.db, orgId, async (tx) => {
      await setSummaryStatus(tx, { orgId, engagementId: row.id, status, reason });
      if (status === 'no_transcript') await setTranscriptStatus(tx, row.id, 'none', reason);
      await releaseSummary(tx, { orgId, engagementId: row.id });
      await announceEngagementChange(tx, orgId, row.id);
    });
  };

  let transcript: string;
  try {
    transcript = await fetchTranscript(api, engagement);
  } catch (error) {
    if (error instanceof TranscriptNotReady && job.isLastAttempt) return fail('no_transcript', error.message);
    if (error instanceof TranscriptNotReady) {
      await withOrg(services.db, orgId, (tx) => setSummaryStatus(tx, { orgId, engagementId: row.id, status: 'pending', reason: error.message }));
    }
    throw error;
  }

  // Counted before any AI spend; atomic, so concurrent jobs never overrun the plan's limit.
  const periodStart = usagePeriodStart(now(), org.currentPeriodStart);
  // The estimated cost is reserved against today's AI spend cap the same way; free work is never capped.
  const spendDay = aiSpendDay(now());
  const estimatedUsd = estimateSummaryCostUsd(services.summarizer.model, transcript);
  const reservation = await withOrg(services.db, orgId, async (tx) => {
    await setSummaryStatus(tx, { orgId, engagementId: row.id, status: 'summarizing', reason: null });
    const result = await reserveSummary(tx, { orgId, engagementId: row.id, periodStart, limit: summaryLimitFor(org, now()) });
    if (!result.ok) {
      await setSummaryStatus(tx, { orgId, engagementId: row.id, status: 'limit_reached', reason: `The plan's ${result.limit} summaries for this period are used up.` });
      await notifyLimitReached(tx, orgId, result.limit, periodStart);
    }
    const capUsd = aiSpendCapFor(org, now(), services.config.aiSpendCapUsdPerDay);
    const spend = result.ok && estimatedUsd > 0 ? await reserveAiSpend(tx, { orgId, day: spendDay, amountUsd: estimatedUsd, capUsd }) : null;
    if (spend && !spend.ok) {
      // Not generated, so not counted against the plan's monthly summaries either.
      await releaseSummary(tx, { orgId, engagementId: row.id });
      await setSummaryStatus(tx, { orgId, engagementId: row.id, status: 'limit_reached', reason: aiSpendCapReason(spend.capUsd) });
      await notifyAiSpendCapReached(tx, orgId, spend.capUsd, spendDay);
    }
    await announceEngagementChange(tx, orgId, row.id);
    return { ok: result.ok && (spend?.ok ?? true), reservedUsd: spend?.ok ? spend.reservedUsd : 0 };
  });
  if (!reservation.ok) return;
  const settleSpend = (tx: Tx, actualUsd: number) =>
    reservation.reservedUsd > 0 ? settleAiSpend(tx, { orgId, day: spendDay, reservedUsd: reservation.reservedUsd, actualUsd }) : Promise.resolve();

  const categories = await withOrg(services.db, orgId, (tx) => listCategories(tx, orgId));
  const started = process.hrtime.bigint();
  let summary;
  try {
    summary = await services.summarizer.summarize({
      transcript,
      categories: categories.map((c) => ({ name: c.name, description: c.description })),
      agentNames: engagement.agents.flatMap((a) => (a.name ? [a.name] : [])),
      redactPii: org.settings.redactPii,
      signal: job.signal,
    });
  } catch (error) {
    // A failed call's cost is unknown (usually nothing); the next attempt reserves again.
    await withOrg(services.db, orgId, (tx) => settleSpend(tx, 0));
    if (job.isLastAttempt) return fail('failed', `Summarizing failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  services.metrics.aiLatency.observe({ provider: summary.provider }, Number(process.hrtime.bigint() - started) / 1e9);
  services.metrics.aiTokens.inc({ provider: summary.provider, direction: 'input' }, summary.usage.inputTokens);
  services.metrics.aiTokens.inc({ provider: summary.provider, direction: 'output' }, summary.usage.outputTokens);
  const costUsd = estimateCostUsd(summary.model, summary.usage);

  await withOrg(services.db, orgId, async (tx) => {
    const { stored } = await storeGeneratedSummary(tx, { orgId, engagementId: row.id, summary, costUsd, autoApprove: org.settings.autoApprove, now: now() });
    // Row locks in the order the reservation took them (usage period, then the day's spend), or two
    // jobs of one organization deadlock: one reserving while the other stores.
    if (stored) await recordAiCost(tx, { orgId, periodStart, costUsd });
    await settleSpend(tx, costUsd); // spent whether or not this copy is the one kept
    if (!stored) return;
    await setTranscriptStatus(tx, row.id, 'processed', null);
    if (org.settings.autoApprove && org.settings.autoSyncOnApproval) await queueCrmSync(tx, services.boss, orgId, row.id);
    await announceEngagementChange(tx, orgId, row.id);
  });
}

/**
 * engagement.process: fetch the engagement (the API, not the event, is the truth), store its
 * metadata, and once it has ended, summarize it.
 */
export function engagementProcessHandler(services: Services): JobHandler<'engagement.process'> {
  return async ({ orgId, zoomEngagementId }, job) => {
    const [org] = await withOrg(services.db, orgId, (tx) => tx.select().from(organizations).where(eq(organizations.id, orgId)));
    if (!org) return; // deleted since the event arrived
    const api = zoomApiFor(services, orgId, org.zoomAccountId);

    let engagement: Engagement;
    try {
      engagement = await api.getEngagement(zoomEngagementId);
    } catch (error) {
      if (error instanceof ZoomReauthorizationRequired) {
        job.log.warn('Zoom access needs re-authorization; engagement left for reconciliation');
        return;
      }
      throw error;
    }
    const row = await withOrg(services.db, orgId, async (tx) => {
      const stored = await upsertEngagementFromZoom(tx, orgId, engagement, services.clock.now());
      await announceEngagementChange(tx, orgId, stored.id);
      return stored;
    });
    if (engagement.status !== 'completed') return; // engagement_ended will bring us back

    // One summarizer per engagement at a time, across every worker: Zoom sends several events per
    // engagement and each queues a job. A session advisory lock on a reserved connection is released
    // by Postgres itself if this process dies, so a killed worker never blocks the retry.
    const lock = await services.db.$client.reserve();
    const lockKey = `summarize:${row.id}`;
    try {
      const [claim] = await lock<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${lockKey})) as locked`;
      if (!claim?.locked) {
        job.log.info('another job is summarizing this engagement');
        return;
      }
      try {
        await summarize(services, org, api, engagement, row, job);
      } finally {
        await lock`select pg_advisory_unlock(hashtext(${lockKey}))`;
      }
    } finally {
      lock.release();
    }
  };
}
