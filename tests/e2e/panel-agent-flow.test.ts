import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../../db/tenant';
import { saveCrmConnection } from '../../server/crm/connections';
import { encryptAppContext } from '../../server/zoom/app-context';
import { startFakeHubSpot, type FakeHubSpot } from '../fakes/hubspot';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';

/**
 * The agent panel in headless Chromium against the real app (demo data, the built-in fake Zoom for
 * in-client OAuth, a fake HubSpot for CRM sync), with a test double of the Zoom Apps SDK injected
 * through the panel's seam (window.__CALLRECAP_ZOOM_SDK__).
 */

const AGENT_ZOOM_ID = 'demo-agent-1';
const AGENT_NAME = 'Alex Rivera';

let app: TestApp;
let hubspot: FakeHubSpot;
let browser: Browser;
let orgId: string;

interface AgentEngagement {
  id: string;
  zoomId: string;
  consumerNumber: string;
  summaryId: string;
}
let engagements: AgentEngagement[];

// ---------------------------------------------------------------------------------------------
// The Zoom SDK double. Runs in the page (serialized by Playwright), so it is self-contained.

interface SdkEngagementContext {
  engagementId: string;
  startTime: number;
  queueName?: string;
}
interface SdkEngagementStatus {
  engagementId: string;
  state?: 'active' | 'inactive' | 'wrap-up' | 'end';
  channel?: string;
  consumers?: Array<{ consumerDisplayName?: string; consumerNumber?: string; consumerEmail?: string }>;
  isConference?: string;
  source?: string;
}
interface DoubleSetup {
  runningContext: string;
  configError: string | null;
  appContext: string;
  engagement: SdkEngagementContext | null;
  statuses: Record<string, SdkEngagementStatus>;
}

function installZoomDouble(setup: DoubleSetup) {
  type Handler = (event: unknown) => void;
  const handlers: Record<string, Handler[]> = {};
  const calls: Array<{ method: string; args: unknown }> = [];
  const statuses = setup.statuses;
  let current = setup.engagement;
  const record = (method: string, args?: unknown) =>
    calls.push({ method, args: JSON.parse(JSON.stringify(args ?? null)) });
  const fire = (name: string, payload: unknown) => {
    for (const handler of handlers[name] ?? []) handler(payload);
  };
  const on = (name: string) => (handler: Handler) => {
    record(`subscribe:${name}`);
    (handlers[name] ??= []).push(handler);
  };
  const w = window as unknown as Record<string, unknown>;
  w.__CALLRECAP_ZOOM_SDK__ = {
    config(options: unknown) {
      record('config', options);
      if (setup.configError) return Promise.reject(new Error(setup.configError));
      return Promise.resolve({
        runningContext: setup.runningContext,
        auth: { status: 'authorized', upgradable: true },
        unsupportedApis: [],
        clientVersion: '6.4.0',
        browserVersion: 'chromium',
        userAgent: 'test',
      });
    },
    getRunningContext() {
      record('getRunningContext');
      return Promise.resolve({ context: setup.runningContext });
    },
    getEngagementContext() {
      record('getEngagementContext');
      if (!current) return Promise.reject(new Error('Method not available outside Engagement context'));
      return Promise.resolve({ engagementContext: current });
    },
    getEngagementStatus(options: { engagementId: string }) {
      record('getEngagementStatus', options);
      const status = statuses[options.engagementId];
      if (!status) return Promise.reject(new Error('No such engagement'));
      return Promise.resolve({ engagementStatus: status });
    },
    getAppContext() {
      record('getAppContext');
      return Promise.resolve({ context: setup.appContext });
    },
    async authorize(options: { codeChallenge: string; state: string }) {
      record('authorize', options);
      const authorizeInZoom = w.__zoomTestAuthorize as (
        challenge: string,
        state: string,
      ) => Promise<Record<string, unknown>>;
      const result = await authorizeInZoom(options.codeChallenge, options.state);
      setTimeout(() => fire('onAuthorized', { ...result, timestamp: Date.now() }), 20);
      return { message: 'success' };
    },
    openUrl(options: { url: string }) {
      record('openUrl', options);
      return Promise.resolve({ message: 'success' });
    },
    onEngagementContextChange: on('onEngagementContextChange'),
    onEngagementStatusChange: on('onEngagementStatusChange'),
    onAuthorized: on('onAuthorized'),
  };
  w.__zoomDouble = {
    calls,
    switchTo(context: SdkEngagementContext, status: SdkEngagementStatus) {
      current = context;
      statuses[context.engagementId] = { ...statuses[context.engagementId], ...status };
      fire('onEngagementContextChange', { engagementContext: context, timestamp: Date.now() });
    },
    /** Zoom sends only the fields that changed. */
    statusChange(patch: SdkEngagementStatus) {
      statuses[patch.engagementId] = { ...statuses[patch.engagementId], ...patch };
      fire('onEngagementStatusChange', { engagementStatus: patch, timestamp: Date.now() });
    },
  };
}

interface DoubleHandle {
  calls: Array<{ method: string; args: unknown }>;
  switchTo(context: SdkEngagementContext, status: SdkEngagementStatus): void;
  statusChange(patch: SdkEngagementStatus): void;
}

function double(page: Page) {
  return {
    calls: () =>
      page.evaluate(() => (window as unknown as { __zoomDouble: DoubleHandle }).__zoomDouble.calls),
    switchTo: (context: SdkEngagementContext, status: SdkEngagementStatus) =>
      page.evaluate(
        ([c, s]) => (window as unknown as { __zoomDouble: DoubleHandle }).__zoomDouble.switchTo(c, s),
        [context, status] as const,
      ),
    statusChange: (patch: SdkEngagementStatus) =>
      page.evaluate(
        (p) => (window as unknown as { __zoomDouble: DoubleHandle }).__zoomDouble.statusChange(p),
        patch,
      ),
  };
}

// ---------------------------------------------------------------------------------------------

function appContextFor(zoomUserId: string): string {
  const { clientId, clientSecret } = app.running.services.config.zoom;
  const now = Date.now();
  return encryptAppContext(
    {
      typ: 'panel',
      uid: zoomUserId,
      iss: 'marketplace.zoom.us',
      aud: clientId,
      ts: now,
      exp: now + 30 * 60_000,
    },
    clientSecret,
  );
}

/** What Zoom's client does on authorize(): the consent (skipped by the fake) and a code for onAuthorized. */
async function authorizeAtFakeZoom(codeChallenge: string, state: string) {
  const config = app.running.services.config;
  const url = new URL('/oauth/authorize', config.zoom.oauthBaseUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.zoom.clientId);
  url.searchParams.set('redirect_uri', `${config.publicUrl}/auth/zoom/callback`);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'plain');
  url.searchParams.set('state', state);
  url.searchParams.set('login_as', AGENT_ZOOM_ID);
  const response = await fetch(url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location')!);
  return {
    code: location.searchParams.get('code'),
    state: location.searchParams.get('state'),
    redirectUri: location.origin + location.pathname,
    result: true,
  };
}

interface PanelOptions {
  engagement?: AgentEngagement | { zoomId: string } | null;
  status?: Partial<SdkEngagementStatus>;
  consumerName?: string;
  runningContext?: string;
  configError?: string | null;
  colorScheme?: 'light' | 'dark';
  context?: BrowserContext;
}

const errorsByPage = new WeakMap<Page, string[]>();

async function openPanel(
  options: PanelOptions = {},
): Promise<{ page: Page; context: BrowserContext; appContext: string }> {
  const context =
    options.context ??
    (await browser.newContext({
      viewport: { width: 380, height: 760 },
      colorScheme: options.colorScheme ?? 'light',
    }));
  const engagement = options.engagement === undefined ? engagements[0]! : options.engagement;
  const statuses: Record<string, SdkEngagementStatus> = {};
  if (engagement) {
    statuses[engagement.zoomId] = {
      engagementId: engagement.zoomId,
      state: 'active',
      channel: 'voice',
      source: '',
      isConference: 'false',
      consumers: [
        {
          consumerDisplayName: options.consumerName ?? 'Dana Wright',
          consumerNumber: 'consumerNumber' in engagement ? String(engagement.consumerNumber) : '+15550001111',
        },
      ],
      ...options.status,
    };
  }
  const setup: DoubleSetup = {
    runningContext: options.runningContext ?? 'inContactCenter',
    configError: options.configError ?? null,
    appContext: appContextFor(AGENT_ZOOM_ID),
    engagement: engagement
      ? { engagementId: engagement.zoomId, startTime: Date.now() - 4 * 60_000, queueName: 'Billing' }
      : null,
    statuses,
  };
  await context.addInitScript(installZoomDouble, setup);
  if (!options.context) await context.exposeFunction('__zoomTestAuthorize', authorizeAtFakeZoom);
  const page = await context.newPage();
  const errors: string[] = [];
  errorsByPage.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      errors.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  await page.goto(`${app.url}/panel`);
  return { page, context, appContext: setup.appContext };
}

/**
 * Script errors and failed HTTP responses, minus Vite's dev websocket (off in tests) and the
 * responses a scenario expects (e.g. 404 for an engagement CallRecap has not seen yet).
 */
function unexpectedErrors(page: Page, expected: RegExp[] = []): string[] {
  return (errorsByPage.get(page) ?? []).filter(
    (e) =>
      !/WebSocket|\[vite\]|Failed to load resource/.test(e) && !expected.some((pattern) => pattern.test(e)),
  );
}

/** A screenshot of the whole panel with the viewport grown to fit, so sticky bars sit where a user sees them. */
async function shoot(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await screenshot(page, name);
  await page.setViewportSize(size);
}

async function sql<T extends object>(
  query: TemplateStringsArray,
  ...values: Array<string | number | null>
): Promise<T[]> {
  return (await app.database.owner(query, ...values)) as unknown as T[];
}

async function notifyChange(engagementId: string) {
  await app.database.owner`select pg_notify('callrecap_engagement', ${`${orgId}:${engagementId}`})`;
}

/** Puts an engagement's summary back to "ready, not approved, never synced". */
async function resetEngagement(engagement: AgentEngagement) {
  await app.database
    .owner`update summaries set status = 'ready', status_reason = null, approved_at = null, approved_by = null, crm_sync_state = 'none', updated_at = now() where id = ${engagement.summaryId}`;
  await app.database
    .owner`update engagements set transcript_status = 'processed' where id = ${engagement.id}`;
  await app.database.owner`delete from crm_sync_attempts where engagement_id = ${engagement.id}`;
  await app.database.owner`delete from crm_records where engagement_id = ${engagement.id}`;
}

async function currentContent(engagement: AgentEngagement) {
  const [row] = await sql<{
    version: number;
    source: string;
    content: {
      reason: string;
      actionItems: Array<{ text: string; owner: string | null; due: string | null }>;
      category: string;
      keyPoints: string[];
    };
  }>`
    select v.version, v.source, v.content from summary_versions v join summaries s on s.id = v.summary_id and v.version = s.current_version
    where s.id = ${engagement.summaryId}`;
  return row!;
}

beforeAll(async () => {
  hubspot = await startFakeHubSpot();
  app = await startTestApp({
    env: {
      DEMO_MODE: 'true',
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_API_BASE_URL: hubspot.app.apiBaseUrl,
      HUBSPOT_OAUTH_BASE_URL: hubspot.app.appBaseUrl,
    },
    start: { client: 'vite' },
  });
  browser = await launchBrowser();
  const [org] = await sql<{ id: string }>`select id from organizations where is_demo limit 1`;
  orgId = org!.id;
  const [admin] = await sql<{
    id: string;
  }>`select id from users where org_id = ${orgId} and role = 'admin' limit 1`;
  const grant = hubspot.connect();
  await withOrg(app.running.services.db, orgId, (tx) =>
    saveCrmConnection(tx, app.running.services.secrets, {
      orgId,
      kind: 'hubspot',
      grant: { credentials: grant, externalAccountId: grant.portalId },
      environment: 'production',
      userId: admin!.id,
      now: new Date(),
    }),
  );
  const rows = await sql<{
    id: string;
    zoom_engagement_id: string;
    consumer_number: string;
    summary_id: string;
  }>`
    select e.id, e.zoom_engagement_id, e.consumer_number, s.id as summary_id
    from engagements e join users u on u.id = e.agent_user_id join summaries s on s.engagement_id = e.id
    where u.zoom_user_id = ${AGENT_ZOOM_ID} and e.org_id = ${orgId} order by e.zoom_engagement_id`;
  engagements = rows.map((r) => ({
    id: r.id,
    zoomId: r.zoom_engagement_id,
    consumerNumber: r.consumer_number,
    summaryId: r.summary_id,
  }));
  expect(engagements.length).toBeGreaterThanOrEqual(4);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await hubspot?.close();
});

describe('the agent panel inside Zoom Contact Center', () => {
  it('signs in with in-client OAuth, follows engagement switches and merges status diffs', async () => {
    const a = engagements[0]!;
    await resetEngagement(a);
    const { page, context, appContext } = await openPanel({ engagement: a, consumerName: 'Dana Wright' });
    // EventSource cannot send headers; that one route authenticates by session cookie alone.
    const appContextRequests: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (
        request.url().includes('/api/') &&
        !request.url().endsWith('/events') &&
        !request.url().endsWith('/api/session')
      ) {
        appContextRequests.push(request.headers()['x-zoom-app-context']);
      }
    });

    await page.getByRole('heading', { name: 'Dana Wright', level: 1 }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.p-state').textContent()).toBe('On call');
    await page.getByRole('heading', { name: 'Summary after the call' }).waitFor();
    // The customer's earlier engagements, as the API lists them.
    const history = (await (
      await context.request.get(`${app.url}/api/engagements/${a.id}/customer-history`)
    ).json()) as { items: unknown[] };
    const historySection = page.getByRole('region', { name: /Customer history/ });
    if (history.items.length > 0) await historySection.getByRole('listitem').first().waitFor();
    expect(await historySection.locator('.p-history-item').count()).toBe(Math.min(3, history.items.length));
    if (history.items.length > 3) {
      await historySection.getByRole('button', { name: `Show ${history.items.length - 3} more` }).click();
      expect(await historySection.locator('.p-history-item').count()).toBe(history.items.length);
      await historySection.getByRole('button', { name: 'Show fewer' }).click();
    }
    const calls = await double(page).calls();
    const methods = calls.map((c) => c.method);
    expect(methods).toContain('authorize');
    const config = calls.find((c) => c.method === 'config')!.args as { capabilities: string[] };
    expect(config.capabilities.sort()).toEqual(
      [
        'authorize',
        'getAppContext',
        'getEngagementContext',
        'getEngagementStatus',
        'getRunningContext',
        'onAuthorized',
        'onEngagementContextChange',
        'onEngagementStatusChange',
        'openUrl',
      ].sort(),
    );
    expect(calls.find((c) => c.method === 'getEngagementStatus')?.args).toEqual({ engagementId: a.zoomId });
    const session = (await (await context.request.get(`${app.url}/api/session`)).json()) as {
      user: { name: string } | null;
    };
    expect(session.user?.name).toBe(AGENT_NAME);
    await shoot(page, 'panel-in-call-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'panel-in-call-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The agent picks up a second engagement CallRecap has not heard of yet.
    const bId = `zcc-live-${Date.now()}`;
    await double(page).switchTo(
      { engagementId: bId, startTime: Date.now(), queueName: 'Technical Support' },
      {
        engagementId: bId,
        state: 'active',
        channel: 'messaging',
        consumers: [{ consumerDisplayName: 'Morgan Blake', consumerEmail: 'morgan@example.com' }],
      },
    );
    await page.getByRole('heading', { name: 'Morgan Blake', level: 1 }).waitFor();
    await page.getByText('Appears once CallRecap has received this engagement from Zoom.').waitFor();

    // A diff for the engagement in the background changes nothing on screen...
    await double(page).statusChange({ engagementId: a.zoomId, state: 'wrap-up' });
    // ...and a diff for this one changes only the field it carries.
    await double(page).statusChange({
      engagementId: bId,
      consumers: [{ consumerDisplayName: 'Morgan Blake-Ortiz', consumerEmail: 'morgan@example.com' }],
    });
    await page.getByRole('heading', { name: 'Morgan Blake-Ortiz', level: 1 }).waitFor();
    expect(await page.locator('.p-state').textContent()).toBe('On call');

    // Back to the first: its wrap-up diff was kept, and so was the customer from the earlier snapshot.
    await double(page).switchTo(
      { engagementId: a.zoomId, startTime: Date.now() - 4 * 60_000, queueName: 'Billing' },
      { engagementId: a.zoomId },
    );
    await page.getByRole('heading', { name: 'Dana Wright', level: 1 }).waitFor();
    expect(await page.locator('.p-state').textContent()).toBe('Wrap-up');
    await page.getByRole('heading', { name: 'Call summary' }).waitFor();
    await page.getByRole('button', { name: /Approve summary/ }).waitFor();
    await shoot(page, 'panel-summary-ready-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'panel-summary-ready-dark');

    // Every API call carried the Zoom app context.
    expect(appContextRequests.length).toBeGreaterThan(0);
    expect(appContextRequests.filter((header) => header !== appContext)).toEqual([]);
    expect(unexpectedErrors(page, [/^404 GET \/api\/engagements\/by-zoom\/zcc-live-/])).toEqual([]);

    // Reopening the panel is silent: the session already has the user, no second authorize.
    const { page: again } = await openPanel({ engagement: a, context });
    await again.getByRole('heading', { name: 'Dana Wright', level: 1 }).waitFor({ timeout: 30_000 });
    expect((await double(again).calls()).map((c) => c.method)).not.toContain('authorize');
    await context.close();
  });

  it('shows the summary arriving live over server-sent events, with progress steps', async () => {
    const c = engagements[1]!;
    await resetEngagement(c);
    await app.database
      .owner`update summaries set status = 'pending', updated_at = now() where id = ${c.summaryId}`;
    await app.database.owner`update engagements set transcript_status = 'pending' where id = ${c.id}`;
    const { page, context } = await openPanel({
      engagement: c,
      status: { state: 'wrap-up' },
      consumerName: 'Riley Chen',
    });
    await page.getByRole('heading', { name: 'Summarizing…' }).waitFor({ timeout: 30_000 });
    await page.locator('.p-live-live').waitFor();
    const current = () => page.locator('[aria-current="step"] .p-step-label').textContent();
    expect(await current()).toContain('Waiting for the transcript');
    await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'same page'));
    await shoot(page, 'panel-summarizing-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'panel-summarizing-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await app.database.owner`update engagements set transcript_status = 'processed' where id = ${c.id}`;
    await app.database
      .owner`update summaries set status = 'summarizing', updated_at = now() where id = ${c.summaryId}`;
    await notifyChange(c.id);
    await page.waitForFunction(() =>
      document.querySelector('[aria-current="step"] .p-step-label')?.textContent?.includes('Summarizing'),
    );

    await app.database
      .owner`update summaries set status = 'ready', updated_at = now() where id = ${c.summaryId}`;
    await notifyChange(c.id);
    const { content } = await currentContent(c);
    await page.locator('.p-summary').getByText(content.reason).waitFor();
    await page.getByRole('button', { name: /Approve summary/ }).waitFor();
    // No reload happened: the summary came over the open stream.
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe(
      'same page',
    );
    expect(await page.getByRole('status').filter({ hasText: 'Summary ready to review.' }).count()).toBe(1);
    expect(unexpectedErrors(page)).toEqual([]);
    await context.close();
  });

  it('edits every field, validates, handles a conflicting save, approves with Ctrl+Enter, and retries a failed CRM sync', async () => {
    const d = engagements[2]!;
    await resetEngagement(d);
    const before = await currentContent(d);
    const { page, context } = await openPanel({
      engagement: d,
      status: { state: 'wrap-up' },
      consumerName: 'Jamie Fox',
    });
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') puts.push(request.url());
    });
    await page.getByRole('button', { name: 'Edit' }).click({ timeout: 30_000 });
    const reason = page.getByLabel('Reason for the call');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('summary-reason');

    // An empty reason is caught by the shared schema before anything is sent.
    await reason.fill('   ');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Say why the customer called.').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(puts).toEqual([]);

    await reason.fill('Customer disputed a duplicate charge; refund confirmed in the panel.');
    await page.getByRole('radio', { name: 'Follow-up needed' }).check();
    await page.getByLabel('Outcome detail').fill('Refund issued; confirmation email to follow.');
    if (before.content.keyPoints.length > 2)
      await page.getByRole('button', { name: `Remove key point ${before.content.keyPoints.length}` }).click();
    // Adding moves focus to the new field.
    await page.getByRole('button', { name: '+ Add key point' }).click();
    await page.keyboard.type('Customer prefers email follow-ups');
    await page.getByRole('button', { name: '+ Add action item' }).click();
    const itemCount = before.content.actionItems.length + 1;
    await page.keyboard.type('Send the refund confirmation');
    await page.getByLabel(`Action item ${itemCount} owner`).selectOption('customer');
    await page.getByLabel(`Action item ${itemCount} due`).fill('Monday');
    if (itemCount > 1) await page.getByRole('button', { name: `Move action item ${itemCount} up` }).click();
    await page.getByLabel('Category').selectOption('Complaint');
    await page.getByRole('radio', { name: 'Neutral' }).check();
    await shoot(page, 'panel-editor-light');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(`Edited by ${AGENT_NAME} at`).waitFor();
    await page.getByText('Saved as version').waitFor();

    const saved = await currentContent(d);
    expect(saved.version).toBe(before.version + 1);
    expect(saved.source).toBe('edit');
    expect(saved.content.reason).toBe('Customer disputed a duplicate charge; refund confirmed in the panel.');
    expect(saved.content.category).toBe('Complaint');
    expect(saved.content.keyPoints).toContain('Customer prefers email follow-ups');
    const added = saved.content.actionItems.findIndex((item) => item.text === 'Send the refund confirmation');
    expect(added).toBe(itemCount > 1 ? itemCount - 2 : 0);
    expect(saved.content.actionItems[added]).toEqual({
      text: 'Send the refund confirmation',
      owner: 'customer',
      due: 'Monday',
    });

    // Someone else saves while the agent edits: the agent's save is refused and the panel reloads.
    await page.getByRole('button', { name: 'Edit' }).click();
    await reason.fill('An edit that will lose the race');
    await page.evaluate(
      async ({ id, version, content }) => {
        const { csrfToken } = (await (await fetch('/api/session')).json()) as { csrfToken: string };
        await fetch(`/api/engagements/${id}/summary`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
          body: JSON.stringify({
            baseVersion: version,
            content: { ...content, reason: 'A supervisor tightened the wording.' },
          }),
        });
      },
      { id: d.id, version: saved.version, content: saved.content },
    );
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else saved a newer version').waitFor();
    await page.getByText('A supervisor tightened the wording.').waitFor();

    // Approve from the keyboard; HubSpot refuses the first write.
    hubspot.inject({
      kind: 'validation',
      message: 'Property values were not valid: hs_call_body is too long',
      times: 1,
    });
    await page.keyboard.press('Control+Enter');
    await page.getByText(`Approved by ${AGENT_NAME}`).waitFor();
    await page.getByText("Couldn't sync to HubSpot").waitFor({ timeout: 30_000 });
    await page.getByText(/hs_call_body is too long/).waitFor();
    await shoot(page, 'panel-crm-failed-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'panel-crm-failed-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('button', { name: 'Retry sync' }).click();
    await page.getByText('Synced to HubSpot', { exact: true }).waitFor({ timeout: 30_000 });
    await shoot(page, 'panel-crm-synced-light');
    await page.getByRole('link', { name: /Open in HubSpot/ }).click();
    const [record] = await sql<{
      record_url: string;
    }>`select record_url from crm_records where engagement_id = ${d.id}`;
    await page.waitForFunction(
      (url) =>
        (window as unknown as { __zoomDouble: DoubleHandle }).__zoomDouble.calls.some(
          (c) => c.method === 'openUrl' && (c.args as { url: string }).url === url,
        ),
      record!.record_url,
    );
    const [summary] = await sql<{
      approved_at: Date | null;
      crm_sync_state: string;
    }>`select approved_at, crm_sync_state from summaries where id = ${d.summaryId}`;
    expect(summary!.approved_at).not.toBeNull();
    expect(summary!.crm_sync_state).toBe('synced');
    expect(unexpectedErrors(page, [/^409 PUT \/api\/engagements\/[^/]+\/summary$/])).toEqual([]);
    await context.close();
  });

  it('shows the empty state until Zoom reports an engagement', async () => {
    const { page, context } = await openPanel({ engagement: null });
    await page.getByRole('heading', { name: 'No active engagement' }).waitFor({ timeout: 30_000 });
    await page.getByText('Summaries appear here after a call.').waitFor();
    await shoot(page, 'panel-empty-light');
    const e = engagements[3]!;
    await double(page).switchTo(
      { engagementId: e.zoomId, startTime: Date.now(), queueName: 'Sales' },
      {
        engagementId: e.zoomId,
        state: 'active',
        channel: 'voice',
        consumers: [{ consumerDisplayName: 'Casey Ng', consumerNumber: e.consumerNumber }],
      },
    );
    await page.getByRole('heading', { name: 'Casey Ng', level: 1 }).waitFor();
    expect(unexpectedErrors(page)).toEqual([]);
    await context.close();
  });
});

describe('the panel outside Zoom Contact Center', () => {
  it('explains itself in a normal browser (the real SDK cannot start) and links to the web app', async () => {
    const context = await browser.newContext({ viewport: { width: 380, height: 700 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${app.url}/panel`);
    await page
      .getByRole('heading', { name: 'Open CallRecap from Zoom Contact Center' })
      .waitFor({ timeout: 30_000 });
    await page.getByText('This page was opened in a normal browser.').waitFor();
    expect(await page.getByRole('link', { name: 'Open the CallRecap web app' }).getAttribute('href')).toBe(
      '/app',
    );
    await shoot(page, 'panel-outside-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'panel-outside-dark');
    await context.close();
  });

  it('explains itself when Zoom runs the app somewhere other than Contact Center', async () => {
    const { page, context } = await openPanel({ runningContext: 'inMeeting' });
    await page
      .getByRole('heading', { name: 'Open CallRecap from Zoom Contact Center' })
      .waitFor({ timeout: 30_000 });
    await page.getByText('other than a Contact Center engagement').waitFor();
    const methods = (await double(page).calls()).map((c) => c.method);
    expect(methods).not.toContain('getEngagementContext');
    await context.close();
  });
});
