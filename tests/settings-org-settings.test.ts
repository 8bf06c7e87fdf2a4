import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ORG_SETTINGS } from '../db/schema';
import type { OrgSettingsView } from '../server/contract/api';
import { settingsRoutes } from '../server/settings/routes';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { createOrgWithUsers, type FixtureUser } from './helpers/org-fixtures';

let app: TestApp;
let people: Record<string, FixtureUser>;
let otherOrgId: string;

beforeAll(async () => {
  app = await startTestApp({ start: { app: { api: [settingsRoutes] } } });
  const org = await createOrgWithUsers(app.database.owner, 'settings', [
    { name: 'Ada', role: 'admin' },
    { name: 'Sue', role: 'supervisor' },
  ]);
  people = org.users;
  otherOrgId = (await createOrgWithUsers(app.database.owner, 'settings-other', [])).orgId;
});
afterAll(() => app.close());

describe('organization settings', () => {
  it('reads the defaults, saves a change, audits before/after, and leaves other organizations alone', async () => {
    const admin = await HttpSession.signedIn(app, people.Ada!);
    const initial = await admin.get('/api/settings');
    expect(initial.status).toBe(200);
    expect(await initial.json()).toEqual(DEFAULT_ORG_SETTINGS);

    const next: OrgSettingsView = { autoApprove: true, autoSyncOnApproval: false, redactPii: true, crmNoMatch: 'unattached' };
    const saved = await admin.request('PUT', '/api/settings', next);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual(next);
    expect(await (await admin.get('/api/settings')).json()).toEqual(next);

    const [entry] = await app.database.owner`select details, target_id from audit_log where action = 'settings.updated' and org_id = ${people.Ada!.orgId}`;
    expect(entry!.details).toEqual({ before: DEFAULT_ORG_SETTINGS, after: next, changed: ['autoApprove', 'autoSyncOnApproval', 'crmNoMatch'] });
    const [other] = await app.database.owner`select settings from organizations where id = ${otherOrgId}`;
    expect(other!.settings).toEqual(DEFAULT_ORG_SETTINGS);
  });

  it('fills settings added since the organization was created with their defaults', async () => {
    await app.database.owner`update organizations set settings = ${app.database.owner.json({ autoApprove: true })} where id = ${people.Ada!.orgId}`;
    const admin = await HttpSession.signedIn(app, people.Ada!);
    expect(await (await admin.get('/api/settings')).json()).toEqual({ ...DEFAULT_ORG_SETTINGS, autoApprove: true });
  });

  it.each([
    ['a missing setting', { autoApprove: true }],
    ['a wrong type', { ...DEFAULT_ORG_SETTINGS, redactPii: 'yes' }],
    ['an unknown no-match rule', { ...DEFAULT_ORG_SETTINGS, crmNoMatch: 'ignore' }],
    ['a misspelt setting', { ...DEFAULT_ORG_SETTINGS, autoAprove: true }],
  ])('answers 400 with a reason for %s and changes nothing', async (_label, body) => {
    const admin = await HttpSession.signedIn(app, people.Ada!);
    const before = await (await admin.get('/api/settings')).json();
    const response = await admin.request('PUT', '/api/settings', body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    expect(await (await admin.get('/api/settings')).json()).toEqual(before);
  });

  it('is for admins only', async () => {
    const supervisor = await HttpSession.signedIn(app, people.Sue!);
    expect((await supervisor.get('/api/settings')).status).toBe(403);
    expect((await supervisor.request('PUT', '/api/settings', DEFAULT_ORG_SETTINGS)).status).toBe(403);
  });

  it('refuses a change without the CSRF token', async () => {
    const admin = await HttpSession.signedIn(app, people.Ada!);
    admin.csrfToken = '';
    expect((await admin.request('PUT', '/api/settings', DEFAULT_ORG_SETTINGS)).status).toBe(403);
  });
});
