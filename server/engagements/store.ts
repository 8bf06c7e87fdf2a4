import { and, eq, inArray, sql } from 'drizzle-orm';
import { engagements, users } from '../../db/schema';
import type { Tx } from '../../db/tenant';
import type { Engagement } from '../zoom/api-client';

export type EngagementRow = typeof engagements.$inferSelect;

/**
 * Stores the engagement as the Zoom API reports it now (events can arrive out of order, so the API,
 * not the event, is the truth). Agents who never signed in get an agent record, so reports name them.
 */
export async function upsertEngagementFromZoom(tx: Tx, orgId: string, engagement: Engagement, now: Date): Promise<EngagementRow> {
  const agentIds = engagement.agents.map((agent) => agent.id);
  for (const agent of engagement.agents) {
    await tx
      .insert(users)
      .values({ orgId, zoomUserId: agent.id, name: agent.name ?? 'Unknown agent', email: agent.email, role: 'agent', contactCenterRole: 'Agent' })
      .onConflictDoNothing();
  }
  const known = agentIds.length
    ? await tx.select({ id: users.id, zoomUserId: users.zoomUserId }).from(users).where(and(eq(users.orgId, orgId), inArray(users.zoomUserId, agentIds)))
    : [];
  // The last agent to handle the engagement owns its wrap-up and summary.
  const owner = known.find((u) => u.zoomUserId === agentIds.at(-1));
  const values = {
    channel: engagement.channel,
    direction: engagement.direction ?? 'inbound',
    queueId: engagement.queue?.id ?? null,
    queueName: engagement.queue?.name ?? null,
    agents: engagement.agents.map((a) => ({ zoomUserId: a.id, name: a.name ?? 'Unknown agent', ...(a.email ? { email: a.email } : {}) })),
    agentUserId: owner?.id ?? null,
    consumerNumber: engagement.consumer.number,
    consumerEmail: engagement.consumer.email,
    consumerName: engagement.consumer.name,
    startedAt: engagement.startedAt,
    endedAt: engagement.endedAt,
    durationSeconds: engagement.durationSeconds ?? (engagement.endedAt ? Math.round((engagement.endedAt.getTime() - engagement.startedAt.getTime()) / 1000) : null),
    activityAt: engagement.endedAt ?? engagement.startedAt,
    status: engagement.status === 'completed' ? ('ended' as const) : ('in_progress' as const),
    updatedAt: now,
  };
  const [row] = await tx
    .insert(engagements)
    .values({ orgId, zoomEngagementId: engagement.id, ...values })
    .onConflictDoUpdate({ target: [engagements.orgId, engagements.zoomEngagementId], set: values })
    .returning();
  if (!row) throw new Error('engagement upsert returned nothing');
  return row;
}

export async function setTranscriptStatus(tx: Tx, engagementId: string, status: 'pending' | 'processed' | 'none', note: string | null): Promise<void> {
  await tx.update(engagements).set({ transcriptStatus: status, transcriptNote: note, updatedAt: sql`now()` }).where(eq(engagements.id, engagementId));
}
