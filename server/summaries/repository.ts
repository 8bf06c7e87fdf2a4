import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { diffWords } from 'diff';
import { crmRecords, crmSyncAttempts, engagements, summaries, summaryVersions, users } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { EngagementDetail, SummaryVersionView } from '../contract/api';
import { summaryContentSchema, type GeneratedSummary, type SummaryContent } from '../contract/summary';
import { toListItem } from '../engagements/queries';
import { searchTextOf } from './search-text';

export type SummaryRow = typeof summaries.$inferSelect;

/** Tells every web process that an engagement changed (delivered on commit; SSE listeners reload it). */
export async function announceEngagementChange(tx: Tx, orgId: string, engagementId: string): Promise<void> {
  await tx.execute(sql`select pg_notify('callrecap_engagement', ${`${orgId}:${engagementId}`})`);
}

export async function summaryOf(tx: Tx, engagementId: string): Promise<SummaryRow | undefined> {
  const [row] = await tx.select().from(summaries).where(eq(summaries.engagementId, engagementId)).limit(1);
  return row;
}

export async function lockSummary(tx: Tx, engagementId: string): Promise<SummaryRow | undefined> {
  const [row] = await tx.select().from(summaries).where(eq(summaries.engagementId, engagementId)).for('update').limit(1);
  return row;
}

async function versionContent(tx: Tx, summaryId: string, version: number): Promise<SummaryContent | undefined> {
  const [row] = await tx
    .select({ content: summaryVersions.content })
    .from(summaryVersions)
    .where(and(eq(summaryVersions.summaryId, summaryId), eq(summaryVersions.version, version)))
    .limit(1);
  return row ? summaryContentSchema.parse(row.content) : undefined;
}

/** The text an agent sees, flattened, so edits can be measured word by word. */
function flatten(content: SummaryContent): string {
  return [
    content.reason,
    ...content.keyPoints,
    content.outcome.status,
    content.outcome.detail,
    ...content.actionItems.map((item) => `${item.text} ${item.owner ?? ''} ${item.due ?? ''}`),
    content.sentiment.label,
    content.category,
  ].join('\n');
}

/** Share of the AI original's words that the current version changed: 0 untouched, 1 rewritten. */
export function editRatio(original: SummaryContent, edited: SummaryContent): number {
  const parts = diffWords(flatten(original), flatten(edited));
  let kept = 0;
  let changed = 0;
  for (const part of parts) {
    const words = part.value.split(/\s+/).filter(Boolean).length;
    if (part.added || part.removed) changed += words;
    else kept += words;
  }
  const total = kept + changed;
  return total === 0 ? 0 : Math.min(1, changed / total);
}

/** Mirrors the current version's filterable fields onto the summary row and refreshes search. */
async function mirror(tx: Tx, summaryId: string, content: SummaryContent, extra: Partial<typeof summaries.$inferInsert>): Promise<void> {
  await tx
    .update(summaries)
    .set({
      category: content.category,
      sentimentLabel: content.sentiment.label,
      sentimentScore: content.sentiment.score,
      outcomeStatus: content.outcome.status,
      updatedAt: sql`now()`,
      ...extra,
    })
    .where(eq(summaries.id, summaryId));
  await tx.execute(searchTextOf(summaryId, content));
}

/**
 * Stores the AI's summary as version 1. Keyed by engagement: if a summary already has content
 * (a retried or crashed job), nothing changes and false is returned.
 */
export async function storeGeneratedSummary(
  tx: Tx,
  input: { orgId: string; engagementId: string; summary: GeneratedSummary; costUsd: number; autoApprove: boolean; now: Date },
): Promise<{ stored: boolean; summaryId: string }> {
  const [row] = await tx
    .insert(summaries)
    .values({ orgId: input.orgId, engagementId: input.engagementId, status: 'summarizing' })
    .onConflictDoNothing({ target: [summaries.orgId, summaries.engagementId] })
    .returning();
  const current = row ?? (await lockSummary(tx, input.engagementId));
  if (!current) throw new Error('summary row missing after upsert');
  if (current.currentVersion > 0) return { stored: false, summaryId: current.id };
  const { provider, model, promptVersion, usage, ...content } = input.summary;
  await tx.insert(summaryVersions).values({ orgId: input.orgId, summaryId: current.id, version: 1, content, source: 'ai' });
  await mirror(tx, current.id, content, {
    status: 'ready',
    statusReason: null,
    currentVersion: 1,
    provider,
    model,
    promptVersion,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: input.costUsd.toFixed(6),
    readyAt: input.now,
    ...(input.autoApprove ? { approvedAt: input.now, approvedBy: null } : {}),
  });
  return { stored: true, summaryId: current.id };
}

/** Records why there is no summary (yet): summarizing, failed, limit reached, no transcript. */
export async function setSummaryStatus(
  tx: Tx,
  input: { orgId: string; engagementId: string; status: SummaryRow['status']; reason: string | null },
): Promise<void> {
  await tx
    .insert(summaries)
    .values({ orgId: input.orgId, engagementId: input.engagementId, status: input.status, statusReason: input.reason })
    .onConflictDoUpdate({
      target: [summaries.orgId, summaries.engagementId],
      // A summary that already has content keeps its 'ready' status.
      set: {
        status: sql`case when ${summaries.currentVersion} > 0 then ${summaries.status} else excluded.status end`,
        statusReason: sql`case when ${summaries.currentVersion} > 0 then ${summaries.statusReason} else excluded.status_reason end`,
        updatedAt: sql`now()`,
      },
    });
}

export async function addEditedVersion(
  tx: Tx,
  input: { summary: SummaryRow; content: SummaryContent; editorId: string },
): Promise<number> {
  const version = input.summary.currentVersion + 1;
  await tx.insert(summaryVersions).values({
    orgId: input.summary.orgId,
    summaryId: input.summary.id,
    version,
    content: input.content,
    source: 'edit',
    editedBy: input.editorId,
  });
  const original = await versionContent(tx, input.summary.id, 1);
  await mirror(tx, input.summary.id, input.content, {
    currentVersion: version,
    editRatio: original ? editRatio(original, input.content) : 0,
  });
  return version;
}

export async function engagementDetail(tx: Tx, engagementId: string): Promise<EngagementDetail | null> {
  const [row] = await tx
    .select({ engagement: engagements, agentName: users.name, summary: summaries })
    .from(engagements)
    .leftJoin(users, eq(users.id, engagements.agentUserId))
    .leftJoin(summaries, and(eq(summaries.orgId, engagements.orgId), eq(summaries.engagementId, engagements.id)))
    .where(eq(engagements.id, engagementId))
    .limit(1);
  if (!row) return null;
  const { engagement, summary } = row;
  const versionRows = summary
    ? await tx
        .select({ version: summaryVersions, editorName: users.name })
        .from(summaryVersions)
        .leftJoin(users, eq(users.id, summaryVersions.editedBy))
        .where(eq(summaryVersions.summaryId, summary.id))
        .orderBy(asc(summaryVersions.version))
    : [];
  const versions: SummaryVersionView[] = versionRows.map(({ version, editorName }) => ({
    version: version.version,
    source: version.source,
    editedBy: version.editedBy && editorName ? { id: version.editedBy, name: editorName } : null,
    createdAt: version.createdAt.toISOString(),
    content: summaryContentSchema.parse(version.content),
  }));
  const current = versions.find((v) => v.version === summary?.currentVersion) ?? null;
  const approver = summary?.approvedBy
    ? (await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, summary.approvedBy)).limit(1))[0] ?? null
    : null;
  const attempts = await tx
    .select()
    .from(crmSyncAttempts)
    .where(eq(crmSyncAttempts.engagementId, engagementId))
    .orderBy(desc(crmSyncAttempts.startedAt))
    .limit(50);
  const records = await tx.select().from(crmRecords).where(eq(crmRecords.engagementId, engagementId));

  const listItem = toListItem({
    id: engagement.id,
    zoomEngagementId: engagement.zoomEngagementId,
    channel: engagement.channel,
    direction: engagement.direction,
    queueName: engagement.queueName,
    agentId: engagement.agentUserId,
    agentName: row.agentName,
    consumerNumber: engagement.consumerNumber,
    consumerEmail: engagement.consumerEmail,
    consumerName: engagement.consumerName,
    startedAt: engagement.startedAt,
    endedAt: engagement.endedAt,
    durationSeconds: engagement.durationSeconds,
    summaryStatus: summary?.status ?? null,
    reason: current?.content.reason ?? null,
    category: summary?.category ?? null,
    sentiment: summary?.sentimentLabel ?? null,
    outcome: summary?.outcomeStatus ?? null,
    approvedAt: summary?.approvedAt ?? null,
    crmSyncState: summary?.crmSyncState ?? null,
  });
  return {
    engagement: {
      ...listItem,
      consumerNumber: engagement.consumerNumber,
      consumerEmail: engagement.consumerEmail,
      agents: engagement.agents.map((a) => ({ name: a.name })),
      transcriptStatus: engagement.transcriptStatus,
      transcriptNote: engagement.transcriptNote,
    },
    summary: summary
      ? {
          id: summary.id,
          status: summary.status,
          statusReason: summary.statusReason,
          currentVersion: summary.currentVersion,
          content: current?.content ?? null,
          provider: (summary.provider as 'openai' | 'local' | null) ?? null,
          model: summary.model,
          approvedAt: summary.approvedAt?.toISOString() ?? null,
          approvedBy: approver,
          crmSyncState: summary.crmSyncState,
          editRatio: summary.editRatio,
          updatedAt: summary.updatedAt.toISOString(),
        }
      : null,
    versions,
    crmAttempts: attempts.map((a) => ({
      id: a.id,
      crmKind: a.crmKind,
      result: a.result,
      contactLabel: a.contactLabel,
      unattached: a.unattached,
      recordUrl: a.recordUrl,
      error: a.error,
      startedAt: a.startedAt.toISOString(),
      finishedAt: a.finishedAt?.toISOString() ?? null,
    })),
    crmRecords: records.map((r) => ({ crmKind: r.crmKind, recordUrl: r.recordUrl, syncedVersion: r.syncedVersion })),
    revision: engagement.revision + (summary?.revision ?? 0),
  };
}
