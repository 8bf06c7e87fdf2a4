import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWorker } from '../jobs/worker';
import { accountExportHandler } from '../jobs/handlers/account-export';
import { accountPurgeHandler } from '../jobs/handlers/account-purge';
import { accountRoutes } from '../server/account/routes';
import { fixedClock } from '../server/clock';
import type { AccountView, ExportView } from '../server/contract/api';
import { advanceClockKeepingSessions, HttpSession, startTestApp, type TestApp } from './helpers/app';
import { seedEveryTenantTable } from './helpers/tenant-fixtures';

/** Settings > Account > Export: request, build in the background, download, expire. */

const DAY = 24 * 3600_000;
const clock = fixedClock(new Date());
let dataDir: string;
let app: TestApp;
let orgA: string;
let orgB: string;
let admin: HttpSession;
let adminId: string;
let adminB: HttpSession;
let agent: HttpSession;
let supervisor: HttpSession;

async function addUser(orgId: string, role: string): Promise<{ id: string; orgId: string; role: string }> {
  const id = randomUUID();
  await app.database.owner`insert into users (id, org_id, zoom_user_id, name, role) values (${id}, ${orgId}, ${'zu-' + id}, ${'User ' + role}, ${role})`;
  return { id, orgId, role };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-export-test-'));
  app = await startTestApp({
    env: { CALLRECAP_DATA_DIR: dataDir },
    // No scheduler: the test registers the export worker itself and runs the purge by hand.
    start: { role: 'web', clock, app: { api: [accountRoutes] } },
  });
  orgA = (await seedEveryTenantTable(app.database.owner, 'a')).orgId;
  orgB = (await seedEveryTenantTable(app.database.owner, 'b')).orgId;
  // The fixture's export rows are queued without a job; as if long finished, so they do not count as in flight.
  await app.database.owner`update data_exports set status = 'failed', created_at = now() - interval '2 days'`;
  const adminUser = await addUser(orgA, 'admin');
  adminId = adminUser.id;
  admin = await HttpSession.signedIn(app, adminUser);
  adminB = await HttpSession.signedIn(app, await addUser(orgB, 'admin'));
  agent = await HttpSession.signedIn(app, await addUser(orgA, 'agent'));
  supervisor = await HttpSession.signedIn(app, await addUser(orgA, 'supervisor'));
});
afterAll(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function account(session = admin): Promise<AccountView> {
  const response = await session.get('/api/account');
  expect(response.status).toBe(200);
  return (await response.json()) as AccountView;
}

async function waitForExport(id: string, session = admin): Promise<ExportView> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = (await account(session)).exports.find((e) => e.id === id);
    if (found && found.status !== 'queued' && found.status !== 'running') return found;
    if (Date.now() > deadline) throw new Error(`export ${id} still ${found?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('data export', () => {
  let ready: ExportView;

  it('agents and supervisors get 403, signed-out visitors 401', async () => {
    for (const session of [agent, supervisor]) {
      expect((await session.get('/api/account')).status).toBe(403);
      expect((await session.post('/api/account/exports')).status).toBe(403);
      expect((await session.get(`/api/account/exports/${randomUUID()}/download`)).status).toBe(403);
    }
    expect((await fetch(`${app.url}/api/account`)).status).toBe(401);
  });

  it('queues an export with its job and audit entry in one go, and refuses a second while it runs', async () => {
    const refused = await admin.post('/api/account/exports', { format: 'csv' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/format/);

    const response = await admin.post('/api/account/exports');
    expect(response.status).toBe(202);
    const queued = (await response.json()) as ExportView;
    expect(queued).toMatchObject({ status: 'queued', bytes: null, completedAt: null, expiresAt: null, error: null });
    const [job] = await app.database.owner`select data from pgboss.job where name = 'account.export' and data->>'exportId' = ${queued.id}`;
    expect(job!.data).toEqual({ orgId: orgA, exportId: queued.id });
    const audit = await app.database.owner`select action, target_id from audit_log where org_id = ${orgA} and action = 'account.export_requested'`;
    expect(audit.map((a) => a.target_id as string)).toContain(queued.id);

    // No worker runs yet, so the first is certainly still queued.
    const second = await admin.post('/api/account/exports');
    expect(second.status).toBe(409);
    expect(((await second.json()) as { error: { message: string } }).error.message).toMatch(/already being prepared/);

    const services = app.running.services;
    await registerWorker(services.boss, 'account.export', accountExportHandler(services), { concurrency: 1, log: services.log });
    ready = await waitForExport(queued.id);
    expect(ready.status).toBe('ready');
    expect(ready.bytes).toBeGreaterThan(100);
    expect(new Date(ready.expiresAt!).getTime()).toBe(clock.now().getTime() + 7 * DAY);
  });

  it('lists the latest exports on the account page', async () => {
    const view = await account();
    expect(view.org.id).toBe(orgA);
    expect(view.deletion).toBeNull();
    expect(view.exports[0]!.id).toBe(ready.id);
    expect(view.exports).toHaveLength(2); // with the fixture's old one
    expect((await account(adminB)).exports.map((e) => e.id)).not.toContain(ready.id);
  });

  it('writes the file with owner-only permissions under the data directory', async () => {
    const file = path.join(dataDir, 'exports', orgA, `${ready.id}.json`);
    const info = await stat(file);
    expect(info.mode & 0o777).toBe(0o600);
    expect(info.size).toBe(ready.bytes);
  });

  it('downloads the file as a JSON attachment and records who downloaded it', async () => {
    const response = await admin.get(`/api/account/exports/${ready.id}/download`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="callrecap-export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json"$/);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    const text = await response.text();
    const file = JSON.parse(text) as Record<string, unknown> & { organization: { id: string }; users: unknown[] };
    expect(file.format).toBe('callrecap-export');
    expect(file.version).toBe(1);
    expect(file.organization.id).toBe(orgA);
    expect(file.users.length).toBe(4);
    // Secrets and other organizations never appear.
    expect(text).not.toContain(orgB);
    expect(text).not.toContain('v1.k.x.y.z'); // the seeded encrypted token
    expect(text).not.toContain(admin.csrfToken);
    expect(text).not.toContain('key-a'); // the webhook dedupe key
    const audit = await app.database.owner`select actor_user_id, actor_label, target_id from audit_log where org_id = ${orgA} and action = 'account.export_downloaded'`;
    expect(audit).toEqual([{ actor_user_id: adminId, actor_label: 'User admin', target_id: ready.id }]);
  });

  it("answers 404 for another organization's export and 400 for an id that is not one", async () => {
    expect((await adminB.get(`/api/account/exports/${ready.id}/download`)).status).toBe(404);
    expect((await admin.get(`/api/account/exports/${randomUUID()}/download`)).status).toBe(404);
    const bad = await admin.get('/api/account/exports/not-an-id/download');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/UUID/);
    const foreign = await app.database.owner`select count(*)::int as n from audit_log where org_id = ${orgB} and action = 'account.export_downloaded'`;
    expect(foreign[0]!.n).toBe(0);
  });

  it('after 7 days the download is gone (410) and the hourly purge deletes the file and marks it expired', async () => {
    const file = path.join(dataDir, 'exports', orgA, `${ready.id}.json`);
    await advanceClockKeepingSessions(app, clock, 7 * DAY - 60_000);
    expect((await admin.get(`/api/account/exports/${ready.id}/download`)).status).toBe(200);
    await advanceClockKeepingSessions(app, clock, 60_000);
    const response = await admin.get(`/api/account/exports/${ready.id}/download`);
    expect(response.status).toBe(410);
    expect((await account()).exports.find((e) => e.id === ready.id)!.status).toBe('expired');

    const services = app.running.services;
    const purge = accountPurgeHandler(services);
    await purge({}, { id: 'manual', signal: new AbortController().signal, log: services.log, isLastAttempt: false, retryCount: 0 });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    const [row] = await app.database.owner`select status, file_path from data_exports where id = ${ready.id}`;
    expect(row).toEqual({ status: 'expired', file_path: null });
    expect((await admin.get(`/api/account/exports/${ready.id}/download`)).status).toBe(410);
  });

  it('a ready export whose file vanished answers 410, not 500', async () => {
    const response = await admin.post('/api/account/exports');
    expect(response.status).toBe(202);
    const done = await waitForExport(((await response.json()) as ExportView).id);
    await rm(path.join(dataDir, 'exports', orgA, `${done.id}.json`));
    expect((await admin.get(`/api/account/exports/${done.id}/download`)).status).toBe(410);
  });
});
