import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRoutes, type AccountChange } from '../server/account/routes';
import { fixedClock } from '../server/clock';
import type { AccountView } from '../server/contract/api';
import { advanceClockKeepingSessions, HttpSession, startTestApp, type TestApp } from './helpers/app';
import { seedEveryTenantTable } from './helpers/tenant-fixtures';

/** Settings > Account > Delete: schedule 30 days out, keep working meanwhile, cancel while it lasts. */

const DAY = 24 * 3600_000;
const start = new Date('2027-03-01T09:00:00.000Z');
const clock = fixedClock(start);
let app: TestApp;
let orgA: string;
let orgB: string;
let admin: HttpSession;
let adminB: HttpSession;
let agent: HttpSession;
let supervisor: HttpSession;

async function signedIn(orgId: string, role: string, name: string): Promise<HttpSession> {
  const id = randomUUID();
  await app.database.owner`insert into users (id, org_id, zoom_user_id, name, role) values (${id}, ${orgId}, ${'zu-' + id}, ${name}, ${role})`;
  return HttpSession.signedIn(app, { id, orgId, role });
}

async function deletionColumns(orgId: string) {
  const [row] = await app.database.owner`select deletion_requested_at, deletion_scheduled_for, deletion_requested_by from organizations where id = ${orgId}`;
  return row!;
}

async function auditActions(orgId: string): Promise<string[]> {
  const rows = await app.database.owner`select action from audit_log where org_id = ${orgId} and action like 'account.deletion%' order by id`;
  return rows.map((r) => r.action as string);
}

beforeAll(async () => {
  app = await startTestApp({ start: { role: 'web', clock, app: { api: [accountRoutes] } } });
  orgA = (await seedEveryTenantTable(app.database.owner, 'a')).orgId;
  orgB = (await seedEveryTenantTable(app.database.owner, 'b')).orgId;
  await app.database.owner`update data_exports set status = 'failed'`;
  admin = await signedIn(orgA, 'admin', 'Ada Admin');
  adminB = await signedIn(orgB, 'admin', 'Bea Admin');
  agent = await signedIn(orgA, 'agent', 'Al Agent');
  supervisor = await signedIn(orgA, 'supervisor', 'Sue Supervisor');
});
afterAll(() => app.close());

describe('account deletion', () => {
  it('is for admins only', async () => {
    for (const session of [agent, supervisor]) {
      expect((await session.post('/api/account/deletion')).status).toBe(403);
      expect((await session.request('DELETE', '/api/account/deletion')).status).toBe(403);
    }
    expect((await deletionColumns(orgA)).deletion_scheduled_for).toBeNull();
  });

  it('refuses a body it does not understand, with the reason', async () => {
    const response = await admin.post('/api/account/deletion', { when: 'now' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/when/);
    expect((await deletionColumns(orgA)).deletion_scheduled_for).toBeNull();
  });

  it('schedules deletion 30 days out, records who asked, and says the organization keeps working', async () => {
    const response = await admin.post('/api/account/deletion');
    expect(response.status).toBe(200);
    const body = (await response.json()) as AccountChange;
    expect(body.deletion).toEqual({
      requestedAt: start.toISOString(),
      scheduledFor: new Date(start.getTime() + 30 * DAY).toISOString(),
      requestedBy: 'Ada Admin',
    });
    expect(body.message).toMatch(/scheduled for 2027-03-31/);
    expect(body.message).toMatch(/keeps working normally/);
    expect(body.message).toMatch(/can cancel/);
    const columns = await deletionColumns(orgA);
    expect(columns.deletion_scheduled_for).toEqual(new Date(start.getTime() + 30 * DAY));
    expect(columns.deletion_requested_at).toEqual(start);
    expect(await auditActions(orgA)).toEqual(['account.deletion_requested']);
  });

  it('asking again keeps the first schedule and writes no second audit entry', async () => {
    await advanceClockKeepingSessions(app, clock, 2 * DAY);
    const response = await admin.post('/api/account/deletion');
    expect(response.status).toBe(200);
    const body = (await response.json()) as AccountChange;
    expect(body.deletion?.scheduledFor).toBe(new Date(start.getTime() + 30 * DAY).toISOString());
    expect(body.message).toMatch(/already scheduled/);
    expect(await auditActions(orgA)).toEqual(['account.deletion_requested']);
  });

  it('during the grace period everything keeps working: reads, exports, the account page', async () => {
    await advanceClockKeepingSessions(app, clock, 25 * DAY);
    expect((await agent.get('/api/engagements')).status).toBe(200);
    expect((await admin.get('/api/engagements')).status).toBe(200);
    expect((await admin.post('/api/account/exports')).status).toBe(202);
    const view = (await (await admin.get('/api/account')).json()) as AccountView;
    expect(view.deletion?.requestedBy).toBe('Ada Admin');
  });

  it("touches only the requesting organization", async () => {
    expect((await deletionColumns(orgB)).deletion_scheduled_for).toBeNull();
    const view = (await (await adminB.get('/api/account')).json()) as AccountView;
    expect(view.deletion).toBeNull();
    // B's admin cannot cancel A's deletion: the route only ever acts on the caller's organization.
    expect((await adminB.request('DELETE', '/api/account/deletion')).status).toBe(409);
    expect((await deletionColumns(orgA)).deletion_scheduled_for).not.toBeNull();
  });

  it('cancelling clears the schedule, is audited, and cannot be done twice', async () => {
    const response = await admin.request('DELETE', '/api/account/deletion');
    expect(response.status).toBe(200);
    const body = (await response.json()) as AccountChange;
    expect(body.deletion).toBeNull();
    expect(body.message).toMatch(/cancelled/i);
    expect(await deletionColumns(orgA)).toEqual({ deletion_requested_at: null, deletion_scheduled_for: null, deletion_requested_by: null });
    expect(await auditActions(orgA)).toEqual(['account.deletion_requested', 'account.deletion_cancelled']);
    const again = await admin.request('DELETE', '/api/account/deletion');
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/No deletion is scheduled/);
  });

  it('once the 30 days are over, cancelling is refused: the deletion is under way', async () => {
    expect((await admin.post('/api/account/deletion')).status).toBe(200);
    await advanceClockKeepingSessions(app, clock, 30 * DAY);
    const response = await admin.request('DELETE', '/api/account/deletion');
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/grace period has ended/);
    expect((await deletionColumns(orgA)).deletion_scheduled_for).not.toBeNull();
  });
});
