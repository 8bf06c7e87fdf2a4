import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/tenant';
import { sendJob } from '../jobs/boss';
import { DEAD_LETTER_QUEUE } from '../jobs/queues';
import type { JobContext } from '../jobs/worker';
import { accountExportHandler } from '../jobs/handlers/account-export';
import { accountPurgeHandler } from '../jobs/handlers/account-purge';
import { runAccountPurge } from '../server/account/purge';
import { defaultPurgeHooks } from '../server/account/purge-hooks';
import { accountRoutes } from '../server/account/routes';
import { fixedClock } from '../server/clock';
import type { ExportView } from '../server/contract/api';
import { saveCrmConnection } from '../server/crm/connections';
import { startFakeHubSpot, type FakeHubSpot, type FakeHubSpotGrant } from './fakes/hubspot';
import { advanceClockKeepingSessions, HttpSession, startTestApp, type TestApp } from './helpers/app';
import { seedEveryTenantTable } from './helpers/tenant-fixtures';

/**
 * The privacy policy: "After 30 days, all organization data is permanently deleted." Proven by
 * searching every table of every schema for the organization's id once the purge has run.
 */

const DAY = 24 * 3600_000;
const clock = fixedClock(new Date('2027-05-01T12:00:00.000Z'));
let dataDir: string;
let hubspot: FakeHubSpot;
let app: TestApp;
const cancelled: string[] = [];

interface Tenant {
  orgId: string;
  admin: HttpSession;
  agent: HttpSession;
  grant: FakeHubSpotGrant;
  exportId: string;
}
let a: Tenant;
let b: Tenant;

const job = (): JobContext => ({ id: randomUUID(), signal: new AbortController().signal, log: app.running.services.log, isLastAttempt: false, retryCount: 0 });
const purge = () => accountPurgeHandler(app.running.services, { cancelSubscription: (orgId) => Promise.resolve(void cancelled.push(orgId)) })({}, job());

/** Rows mentioning `needle` anywhere (every column, cast as text), per table, over every schema. */
async function rowsMentioning(owner: postgres.Sql, needle: string): Promise<Record<string, number>> {
  const tables = await owner<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`;
  expect(tables.map((t) => t.schema)).toEqual(expect.arrayContaining(['public', 'pgboss']));
  const found: Record<string, number> = {};
  for (const { schema, name } of tables) {
    const [row] = await owner.unsafe<{ n: number }[]>(
      `select count(*)::int as n from ${quoteIdent(schema)}.${quoteIdent(name)} t where t::text ilike $1`,
      [`%${needle}%`],
    );
    if (row!.n > 0) found[`${schema}.${name}`] = row!.n;
  }
  return found;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tenant(label: string): Promise<Tenant> {
  const owner = app.database.owner;
  const services = app.running.services;
  const { orgId } = await seedEveryTenantTable(owner, label);
  await owner`update data_exports set status = 'failed' where org_id = ${orgId}`;
  const adminId = randomUUID();
  const agentId = randomUUID();
  await owner`insert into users (id, org_id, zoom_user_id, name, role) values
    (${adminId}, ${orgId}, ${'zu-admin-' + label}, ${'Admin ' + label}, 'admin'), (${agentId}, ${orgId}, ${'zu-agent-' + label}, ${'Agent ' + label}, 'agent')`;
  const grant = hubspot.connect();
  await withOrg(services.db, orgId, (tx) =>
    saveCrmConnection(tx, services.secrets, {
      orgId,
      kind: 'hubspot',
      grant: { credentials: grant, externalAccountId: grant.portalId },
      environment: 'production',
      userId: adminId,
      now: clock.now(),
    }),
  );
  const admin = await HttpSession.signedIn(app, { id: adminId, orgId, role: 'admin' });
  const agent = await HttpSession.signedIn(app, { id: agentId, orgId, role: 'agent' });
  // Jobs in the queue (one dead-lettered) that carry the organization's id.
  const [engagement] = await owner`select id from engagements where org_id = ${orgId}`;
  await sendJob(services.boss, 'crm.sync', { orgId, engagementId: engagement!.id as string, crmKind: 'hubspot' });
  await sendJob(services.boss, 'zoom.reconcile', { orgId });
  await services.boss.send(DEAD_LETTER_QUEUE, { orgId, zoomEngagementId: 'eng-' + label });
  return { orgId, admin, agent, grant, exportId: '' };
}

/** An export file on disk (files expire after 7 days, so made shortly before the purge that matters). */
async function freshExport(t: Tenant): Promise<void> {
  const requested = await t.admin.post('/api/account/exports');
  expect(requested.status).toBe(202);
  t.exportId = ((await requested.json()) as ExportView).id;
  await accountExportHandler(app.running.services)({ orgId: t.orgId, exportId: t.exportId }, job());
  await expect(stat(exportFile(t))).resolves.toBeTruthy();
}

const exportFile = (t: Tenant) => path.join(dataDir, 'exports', t.orgId, `${t.exportId}.json`);
const grantRevoked = (t: Tenant) => hubspot.state.refreshTokens.get(t.grant.refreshToken)?.revoked;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-purge-test-'));
  hubspot = await startFakeHubSpot();
  app = await startTestApp({
    env: {
      CALLRECAP_DATA_DIR: dataDir,
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_API_BASE_URL: hubspot.app.apiBaseUrl,
      HUBSPOT_OAUTH_BASE_URL: hubspot.app.appBaseUrl,
    },
    // No scheduler and no workers: the test runs the hourly purge itself, at the times it chooses.
    start: { role: 'web', clock, app: { api: [accountRoutes] } },
  });
  a = await tenant('a');
  b = await tenant('b');
});
afterAll(async () => {
  await app.close();
  await hubspot.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('account deletion purge', () => {
  it('the search finds each organization across the schema before anything is deleted', async () => {
    const found = await rowsMentioning(app.database.owner, a.orgId);
    for (const table of ['public.organizations', 'public.users', 'public.summaries', 'public.oauth_credentials', 'public.sessions', 'public.data_exports', 'pgboss.job']) {
      expect(found[table], table).toBeGreaterThan(0);
    }
    expect(Object.keys(found).length).toBeGreaterThanOrEqual(17);
  });

  it('29 days after the request, the purge leaves everything in place', async () => {
    expect((await a.admin.post('/api/account/deletion')).status).toBe(200);
    const before = await rowsMentioning(app.database.owner, a.orgId);
    await advanceClockKeepingSessions(app, clock, 29 * DAY);
    await purge();
    expect(await rowsMentioning(app.database.owner, a.orgId)).toEqual(before);
    expect(grantRevoked(a)).toBe(false);
    expect(cancelled).toEqual([]);
    expect((await a.agent.get('/api/engagements')).status).toBe(200);
  });

  it('a cancelled deletion never happens, however long after', async () => {
    expect((await a.admin.request('DELETE', '/api/account/deletion')).status).toBe(200);
    const before = await rowsMentioning(app.database.owner, a.orgId);
    await advanceClockKeepingSessions(app, clock, 2 * DAY); // day 31 of the cancelled schedule
    await purge();
    expect(await rowsMentioning(app.database.owner, a.orgId)).toEqual(before);
    expect(grantRevoked(a)).toBe(false);
    expect(cancelled).toEqual([]);
  });

  it('requested again and 30 days later: not one row anywhere mentions the organization; the other is untouched', async () => {
    expect((await a.admin.post('/api/account/deletion')).status).toBe(200);
    await advanceClockKeepingSessions(app, clock, 30 * DAY - 60_000);
    await purge();
    expect((await app.database.owner`select count(*)::int as n from organizations where id = ${a.orgId}`)[0]!.n).toBe(1);

    await freshExport(a);
    await freshExport(b);
    const otherBefore = await rowsMentioning(app.database.owner, b.orgId);
    await advanceClockKeepingSessions(app, clock, 60_000);
    await purge();

    expect(await rowsMentioning(app.database.owner, a.orgId)).toEqual({});
    // Outside the database: the CRM grant revoked at HubSpot, the subscription cancelled, the export files gone.
    expect(grantRevoked(a)).toBe(true);
    expect(cancelled).toEqual([a.orgId]);
    await expect(stat(path.join(dataDir, 'exports', a.orgId))).rejects.toMatchObject({ code: 'ENOENT' });
    // Its people are signed out.
    expect((await a.admin.get('/api/account')).status).toBe(401);
    expect((await a.agent.get('/api/engagements')).status).toBe(401);

    expect(await rowsMentioning(app.database.owner, b.orgId)).toEqual(otherBefore);
    expect(grantRevoked(b)).toBe(false);
    await expect(stat(exportFile(b))).resolves.toBeTruthy();
    expect((await b.admin.get('/api/account')).status).toBe(200);
    expect((await b.agent.get('/api/engagements')).status).toBe(200);
  });

  it('every tenant table cascades from organizations, so deleting its row cannot leave orphans behind', async () => {
    const rows = await app.database.owner<{ table_name: string; delete_rule: string }[]>`
      select c.conrelid::regclass::text as table_name, c.confdeltype as delete_rule
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
      where c.contype = 'f' and c.confrelid = 'organizations'::regclass and a.attname = 'org_id'`;
    const tenantTables = await app.database.owner<{ table_name: string }[]>`
      select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id' and table_name <> 'sessions'`;
    expect(rows.map((r) => r.table_name).sort()).toEqual(tenantTables.map((t) => t.table_name).sort());
    expect(rows.filter((r) => r.delete_rule !== 'c')).toEqual([]); // c = ON DELETE CASCADE
  });
});

describe('when the CRM or the payment processor fails', () => {
  it('holds the deletion for up to a day, retrying hourly, then deletes anyway', async () => {
    const c = await tenant('c');
    const owner = app.database.owner;
    await owner`update organizations set deletion_requested_at = ${clock.now()}, deletion_scheduled_for = ${clock.now()} where id = ${c.orgId}`;
    const failures: string[] = [];
    const hooks = {
      ...defaultPurgeHooks(app.running.services),
      cancelSubscription: (orgId: string) => {
        failures.push(orgId);
        return Promise.reject(new Error('payment processor unavailable'));
      },
    };
    const run = () => runAccountPurge(app.running.services, hooks, job());

    await advanceClockKeepingSessions(app, clock, 3600_000);
    expect(await run()).toMatchObject({ purged: [], held: [c.orgId] });
    expect((await owner`select count(*)::int as n from organizations where id = ${c.orgId}`)[0]!.n).toBe(1);

    await advanceClockKeepingSessions(app, clock, 23 * 3600_000);
    const report = await run();
    expect(report).toMatchObject({ purged: [c.orgId], held: [] });
    expect(failures).toEqual([c.orgId, c.orgId]);
    expect(await rowsMentioning(owner, c.orgId)).toEqual({});
  });

  it('an export folder left behind by a deleted organization is removed by the next run', async () => {
    const orphan = randomUUID();
    const folder = path.join(dataDir, 'exports', orphan);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${randomUUID()}.json`), '{}');
    const report = await runAccountPurge(app.running.services, defaultPurgeHooks(app.running.services), job());
    expect(report.orphanExportFoldersRemoved).toBe(1);
    await expect(stat(folder)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(exportFile(b))).resolves.toBeTruthy();
  });
});
