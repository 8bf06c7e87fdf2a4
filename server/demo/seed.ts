import { count, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { engagements, summaries, summaryVersions } from '../../db/schema';
import { withOrg } from '../../db/tenant';
import type { SummaryContent } from '../contract/summary';
import { findOrCreateOrg, upsertUser } from '../orgs/organizations';
import { searchTextOf } from '../summaries/search-text';

export const DEMO_ZOOM_ACCOUNT_ID = 'demo-account-callrecap';

export const DEMO_PEOPLE = [
  { zoomUserId: 'demo-admin', name: 'Avery Morgan', email: 'avery@acme-demo.example', role: 'admin', cc: 'Admin' },
  { zoomUserId: 'demo-supervisor', name: 'Sam Okafor', email: 'sam@acme-demo.example', role: 'supervisor', cc: 'Supervisor' },
  { zoomUserId: 'demo-agent-1', name: 'Alex Rivera', email: 'alex@acme-demo.example', role: 'agent', cc: 'Agent' },
  { zoomUserId: 'demo-agent-2', name: 'Jordan Lee', email: 'jordan@acme-demo.example', role: 'agent', cc: 'Agent' },
  { zoomUserId: 'demo-agent-3', name: 'Priya Patel', email: 'priya@acme-demo.example', role: 'agent', cc: 'Agent' },
] as const;

const QUEUES = [
  { id: 'q-billing', name: 'Billing' },
  { id: 'q-support', name: 'Technical Support' },
  { id: 'q-sales', name: 'Sales' },
];

/** Hand-written summaries of the kinds of calls a support team takes; the demo varies them. */
const SCENARIOS: Array<{ queue: number; content: SummaryContent }> = [
  {
    queue: 0,
    content: {
      reason: 'Customer was charged twice for the March invoice.',
      keyPoints: ['Duplicate charge of $49.00 on March 3', 'Agent confirmed the second charge in the billing system', 'Refund issued to the card on file'],
      outcome: { status: 'resolved', detail: 'Refund of $49.00 issued; arrives in 3–5 business days.' },
      actionItems: [{ text: 'Email refund confirmation to the customer', owner: 'agent', due: 'today' }],
      sentiment: { label: 'positive', score: 0.6 },
      category: 'Billing',
      contact: { email: 'dana.wright@example.com' },
    },
  },
  {
    queue: 1,
    content: {
      reason: 'Customer cannot connect the desk phone after a firmware update.',
      keyPoints: ['Phone shows "registration failed" since Tuesday', 'Factory reset and re-provisioning did not help', 'Issue reproduced on a second handset'],
      outcome: { status: 'follow_up', detail: 'Escalated to tier 2; engineer to call back within 24 hours.' },
      actionItems: [
        { text: 'Tier 2 engineer to call the customer back', owner: 'agent', due: 'within 24 hours' },
        { text: 'Send the phone logs from the admin portal', owner: 'customer', due: null },
      ],
      sentiment: { label: 'neutral', score: -0.1 },
      category: 'Technical Support',
      contact: { phone: '+14155550134' },
    },
  },
  {
    queue: 2,
    content: {
      reason: 'Prospect asked about pricing for 40 seats on the Business plan.',
      keyPoints: ['Currently on a competitor, contract ends in June', 'Needs Salesforce integration and SSO', 'Asked for a volume discount'],
      outcome: { status: 'follow_up', detail: 'Quote for 40 seats to be sent; demo booked for next week.' },
      actionItems: [
        { text: 'Send a 40-seat quote with the volume discount', owner: 'agent', due: 'Friday' },
        { text: 'Confirm the demo attendees', owner: 'customer', due: 'Monday' },
      ],
      sentiment: { label: 'positive', score: 0.5 },
      category: 'Sales',
      contact: { email: 'm.chen@northwind.example' },
    },
  },
  {
    queue: 0,
    content: {
      reason: 'Customer wanted to cancel because the price went up.',
      keyPoints: ['Price increase from $29 to $35 per month', 'Agent offered three months at the old price', 'Customer accepted the offer and stays'],
      outcome: { status: 'resolved', detail: 'Retention offer applied; subscription continues.' },
      actionItems: [],
      sentiment: { label: 'positive', score: 0.3 },
      category: 'Cancellation',
      contact: { email: 'lee.harper@example.org' },
    },
  },
  {
    queue: 1,
    content: {
      reason: 'Customer reports the mobile app crashes when uploading photos.',
      keyPoints: ['Crash happens on Android 14 only', 'Clearing the cache did not help', 'No workaround found on the call'],
      outcome: { status: 'unresolved', detail: 'Known bug logged; no fix date yet.' },
      actionItems: [],
      sentiment: { label: 'negative', score: -0.55 },
      category: 'Technical Support',
      contact: { phone: '+12065550199' },
    },
  },
  {
    queue: 0,
    content: {
      reason: 'Billing dispute over a late fee that turned into a complaint about a previous agent.',
      keyPoints: ['Late fee of $15 charged although payment was on time', 'Customer says a previous agent promised a waiver', 'Fee waived; complaint recorded'],
      outcome: { status: 'resolved', detail: 'Late fee waived and the complaint passed to the team lead.' },
      actionItems: [{ text: 'Team lead to review the earlier call', owner: 'agent', due: 'this week' }],
      sentiment: { label: 'negative', score: -0.4 },
      category: 'Complaint',
      contact: { email: 'r.santos@example.net' },
    },
  },
  {
    queue: 2,
    content: {
      reason: 'Customer wants to add two users and change the billing contact.',
      keyPoints: ['Two new users added to the account', 'Billing contact changed to the finance team', 'Customer asked about annual billing'],
      outcome: { status: 'resolved', detail: 'Users added and billing contact updated.' },
      actionItems: [],
      sentiment: { label: 'positive', score: 0.7 },
      category: 'Account Changes',
      contact: { email: 'ops@bluebird.example' },
    },
  },
  {
    queue: 2,
    content: {
      reason: 'Caller asked whether the product works with their existing headsets.',
      keyPoints: ['Uses USB headsets from a common brand', 'Agent confirmed compatibility', 'No purchase decision yet'],
      outcome: { status: 'resolved', detail: 'Question answered; no follow-up requested.' },
      actionItems: [],
      sentiment: { label: 'neutral', score: 0.1 },
      category: 'General Inquiry',
      contact: {},
    },
  },
];

/** A small deterministic PRNG so the demo looks the same on every machine. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Seeds the demo organization once (agents, a supervisor, an admin, engagements with summaries,
 * the default categories). Does nothing when it already exists.
 */
export async function seedDemo(db: Database, now: Date, engagementCount = 60): Promise<{ orgId: string; created: boolean }> {
  const org = await findOrCreateOrg(db, { zoomAccountId: DEMO_ZOOM_ACCOUNT_ID, name: 'Acme Support (demo)', isDemo: true });
  return withOrg(db, org.id, async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(engagements).where(eq(engagements.orgId, org.id));
    if ((existing?.n ?? 0) > 0) return { orgId: org.id, created: false };

    const people = [];
    for (const person of DEMO_PEOPLE) {
      people.push(
        await upsertUser(tx, {
          orgId: org.id,
          zoomUserId: person.zoomUserId,
          name: person.name,
          email: person.email,
          role: person.role,
          contactCenterRole: person.cc,
          now,
        }),
      );
    }
    const agents = people.filter((p) => p.role === 'agent');
    const next = random(42);

    for (let i = 0; i < engagementCount; i++) {
      const scenario = SCENARIOS[i % SCENARIOS.length]!;
      const agent = agents[Math.floor(next() * agents.length)]!;
      const queue = QUEUES[scenario.queue]!;
      const durationSeconds = 120 + Math.floor(next() * 1_200);
      const endedAt = new Date(now.getTime() - Math.floor(next() * 14 * 24 * 3_600_000) - 60_000);
      const startedAt = new Date(endedAt.getTime() - durationSeconds * 1000);
      // The newest few wait for the agent's approval, so the demo shows both states.
      const approved = i >= 6;
      const [engagement] = await tx
        .insert(engagements)
        .values({
          orgId: org.id,
          zoomEngagementId: `demo-eng-${String(i + 1).padStart(4, '0')}`,
          channel: i % 7 === 3 ? 'chat' : 'voice',
          direction: scenario.queue === 2 && i % 3 === 0 ? 'outbound' : 'inbound',
          queueId: queue.id,
          queueName: queue.name,
          agents: [{ zoomUserId: agent.zoomUserId, name: agent.name }],
          agentUserId: agent.id,
          consumerNumber: scenario.content.contact.phone ?? `+1415555${String(1000 + i).slice(-4)}`,
          consumerEmail: scenario.content.contact.email ?? null,
          startedAt,
          endedAt,
          durationSeconds,
          activityAt: endedAt,
          status: 'ended',
          transcriptStatus: 'processed',
        })
        .returning();
      if (!engagement) throw new Error('demo engagement insert failed');
      const edited = approved && i % 4 === 0;
      const aiContent = scenario.content;
      const finalContent: SummaryContent = edited ? { ...aiContent, reason: aiContent.reason.replace(/\.$/, ' (confirmed by the agent).') } : aiContent;
      const [summary] = await tx
        .insert(summaries)
        .values({
          orgId: org.id,
          engagementId: engagement.id,
          status: 'ready',
          currentVersion: edited ? 2 : 1,
          category: finalContent.category,
          sentimentLabel: finalContent.sentiment.label,
          sentimentScore: finalContent.sentiment.score,
          outcomeStatus: finalContent.outcome.status,
          provider: 'local',
          model: 'callrecap-offline-1',
          promptVersion: 'offline-1',
          editRatio: edited ? 0.08 : 0,
          approvedAt: approved ? new Date(endedAt.getTime() + (3 + Math.floor(next() * 40)) * 60_000) : null,
          approvedBy: approved ? agent.id : null,
          readyAt: new Date(endedAt.getTime() + 20_000),
        })
        .returning();
      if (!summary) throw new Error('demo summary insert failed');
      await tx.insert(summaryVersions).values({ orgId: org.id, summaryId: summary.id, version: 1, content: aiContent, source: 'ai', createdAt: new Date(endedAt.getTime() + 20_000) });
      if (edited) {
        await tx.insert(summaryVersions).values({ orgId: org.id, summaryId: summary.id, version: 2, content: finalContent, source: 'edit', editedBy: agent.id });
      }
      await tx.execute(searchTextOf(summary.id, finalContent));
    }
    return { orgId: org.id, created: true };
  });
}
