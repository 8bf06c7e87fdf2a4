import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import type { AuthContext } from '../server/auth/current-user';
import { engagementListQuerySchema, type EngagementListQuery } from '../server/contract/api';
import { listEngagements } from '../server/engagements/queries';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { createOrgWithUsers } from './helpers/org-fixtures';

/**
 * The engagements list walks one of two orders: the engagements' (activity_at, id), or, for a summary
 * status or CRM state filter, the same order kept on summaries. Page by page, with ties on activity_at
 * and engagements without a summary, every filter must give exactly the rows a plain query gives.
 */

let database: TestDatabase;
let orgId: string;
let otherOrgId: string;
let supervisor: AuthContext;
let agent: AuthContext;
let agentIds: string[];

const STATUSES = ['ready', 'ready', 'ready', 'failed', 'limit_reached', 'pending'];
const CRM = ['synced', 'synced', 'none', 'failed', 'queued'];
const CATEGORIES = ['Billing', 'Technical Support', 'Sales'];
const SENTIMENTS = ['positive', 'neutral', 'negative'];

/** `count` engagements, three to a minute (ties on activity_at), one in eleven without a summary. */
async function load(owner: postgres.Sql, org: string, agents: string[], count: number): Promise<void> {
  await owner`
    with rows as (
      select gen_random_uuid() as id, n,
             timestamptz '2026-06-01T12:00:00Z' - (n / 3) * interval '1 minute' as ended_at
      from generate_series(1, ${count}::int) n
    ),
    inserted as (
      insert into engagements (id, org_id, zoom_engagement_id, started_at, ended_at, duration_seconds, activity_at, status,
                               agent_user_id, queue_id, queue_name)
      select id, ${org}::uuid, 'list-' || n, ended_at - interval '5 minutes', ended_at, 60 + (n * 37) % 900, ended_at, 'ended',
             (${agents}::uuid[])[1 + n % ${agents.length}::int], 'q-' || (n % 4), 'Queue ' || (n % 4)
      from rows
      returning id
    )
    -- Inserted without activity_at: the trigger copies it from the engagement.
    insert into summaries (org_id, engagement_id, status, current_version, category, sentiment_label, outcome_status, crm_sync_state)
    -- hashint4 scatters the choices independently of each other and of the queue (n % 4).
    select ${org}::uuid, r.id, (${STATUSES}::text[])[1 + abs(hashint4(r.n)) % 6], 1, (${CATEGORIES}::text[])[1 + abs(hashint4(r.n + 1000)) % 3],
           (${SENTIMENTS}::text[])[1 + abs(hashint4(r.n + 2000)) % 3], 'resolved', (${CRM}::text[])[1 + abs(hashint4(r.n + 3000)) % 5]
    from rows r join inserted i on i.id = r.id
    where r.n % 11 <> 0`;
}

/** The same filters as a plain query, ordered as the list promises. */
async function expected(org: string, query: Partial<EngagementListQuery>, ownerOf?: string): Promise<string[]> {
  const owner = database.owner;
  const byDuration = query.sort?.startsWith('duration') ?? false;
  const ascending = query.sort?.endsWith('asc') ?? false;
  const key = byDuration ? owner`coalesce(e.duration_seconds, 0)` : owner`e.activity_at`;
  const rows = await owner<Array<{ id: string }>>`
    select e.id from engagements e left join summaries s on s.engagement_id = e.id
    where e.org_id = ${org}
      ${ownerOf ? owner`and e.agent_user_id = ${ownerOf}` : owner``}
      ${query.from ? owner`and e.activity_at >= ${query.from}` : owner``}
      ${query.to ? owner`and e.activity_at <= ${query.to}` : owner``}
      ${query.agentId ? owner`and e.agent_user_id = ${query.agentId}` : owner``}
      ${query.queueId ? owner`and e.queue_id = ${query.queueId}` : owner``}
      ${query.category ? owner`and s.category = ${query.category}` : owner``}
      ${query.sentiment ? owner`and s.sentiment_label = ${query.sentiment}` : owner``}
      ${query.status ? owner`and s.status = ${query.status}` : owner``}
      ${query.crm ? owner`and s.crm_sync_state = ${query.crm}` : owner``}
    order by ${key} ${ascending ? owner`asc` : owner`desc`}, e.id ${ascending ? owner`asc` : owner`desc`}`;
  return rows.map((r) => r.id);
}

/** Every page of the list, in order, following its cursors. */
async function listAll(auth: AuthContext, filters: Record<string, unknown>, limit = 7): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 200; page++) {
    const query = engagementListQuerySchema.parse({ ...filters, limit, ...(cursor ? { cursor } : {}) });
    const result = await withOrg(database.db, auth.orgId, (tx) => listEngagements(tx, auth, query));
    ids.push(...result.items.map((item) => item.id));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('the list never ended');
}

beforeAll(async () => {
  database = await createTestDatabase();
  const org = await createOrgWithUsers(database.owner, 'list', [
    { name: 'Sam', role: 'supervisor' },
    { name: 'Ana', role: 'agent' },
    { name: 'Ben', role: 'agent' },
    { name: 'Cy', role: 'agent' },
  ]);
  const other = await createOrgWithUsers(database.owner, 'list-other', [{ name: 'Oz', role: 'agent' }]);
  orgId = org.orgId;
  otherOrgId = other.orgId;
  agentIds = ['Ana', 'Ben', 'Cy'].map((name) => org.users[name]!.id);
  supervisor = { userId: org.users.Sam!.id, orgId, role: 'supervisor', name: 'Sam', zoomUserId: 'zu-sam' };
  agent = { userId: org.users.Ben!.id, orgId, role: 'agent', name: 'Ben', zoomUserId: 'zu-ben' };
  await load(database.owner, orgId, agentIds, 330);
  // The same activity times in another organization: none of its rows may appear.
  await load(database.owner, otherOrgId, [other.users.Oz!.id], 120);
});
afterAll(() => database.drop());

const FILTERS: Array<Partial<EngagementListQuery>> = [
  {},
  { status: 'failed' },
  { status: 'ready', sort: 'ended_asc' },
  { crm: 'failed' },
  { crm: 'failed', category: 'Billing', sentiment: 'negative' },
  { crm: 'queued', from: '2026-06-01T10:00:00Z', to: '2026-06-01T11:30:00Z' },
  { status: 'pending', crm: 'synced', sort: 'ended_asc' },
  { crm: 'failed', agentId: 'agent:1' },
  { status: 'failed', queueId: 'q-2' },
  { category: 'Sales', sentiment: 'positive' },
  { crm: 'synced', sort: 'duration_desc' },
  { status: 'limit_reached', sort: 'duration_asc' },
];

describe('the engagements list', () => {
  it.each(FILTERS.map((filters) => [JSON.stringify(filters), filters] as const))(
    'pages through %s exactly as a plain query orders it',
    async (_label, raw) => {
      const filters = { ...raw, ...(raw.agentId ? { agentId: agentIds[1] } : {}) };
      const want = await expected(orgId, filters);
      expect(want.length).toBeGreaterThan(0);
      expect(await listAll(supervisor, filters)).toEqual(want);
    },
  );

  it("gives an agent only their own engagements, in every order", async () => {
    for (const filters of [{}, { crm: 'failed' }, { status: 'ready', sort: 'ended_asc' }] as const) {
      expect(await listAll(agent, filters, 9)).toEqual(await expected(orgId, filters, agent.userId));
    }
  });

  it("keeps each summary's copy of activity_at equal to its engagement's when the engagement moves", async () => {
    const [moved] = await database.owner<Array<{ id: string }>>`
      update engagements set activity_at = activity_at + interval '3 hours'
      where id = (select engagement_id from summaries where org_id = ${orgId} and crm_sync_state = 'failed' limit 1)
      returning id`;
    const drift = await database.owner`
      select e.id from engagements e join summaries s on s.engagement_id = e.id
      where s.activity_at is distinct from e.activity_at`;
    expect(drift).toEqual([]);
    const list = await listAll(supervisor, { crm: 'failed' });
    expect(list[0]).toBe(moved!.id);
    expect(list).toEqual(await expected(orgId, { crm: 'failed' }));
  });
});
