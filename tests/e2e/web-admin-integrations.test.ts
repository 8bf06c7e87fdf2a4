import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHubSpot, type FakeHubSpot } from '../fakes/hubspot';
import { startFakeSalesforce, type FakeSalesforce } from '../fakes/salesforce';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { signInAsDemoUser } from '../helpers/web-page';
import { animationsDone, eventually, freePort, settled } from './web-admin-browser';

/**
 * The admin connects HubSpot and Salesforce (sandbox) in Settings > Integrations through each CRM's
 * OAuth consent (the fakes approve at once), disconnects one, then follows an approved engagement's
 * CRM sync log: a failure carrying the CRM's own message, a retry, the record it created.
 */

let app: TestApp;
let hubspot: FakeHubSpot;
let salesforce: FakeSalesforce;
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  hubspot = await startFakeHubSpot({ app: { redirectUri: `${publicUrl}/auth/crm/hubspot/callback` } });
  salesforce = await startFakeSalesforce({
    app: { redirectUri: `${publicUrl}/auth/crm/salesforce/callback` },
  });
  app = await startTestApp({
    env: {
      DEMO_MODE: 'true',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_API_BASE_URL: hubspot.url,
      HUBSPOT_OAUTH_BASE_URL: hubspot.url,
      SALESFORCE_CLIENT_ID: salesforce.app.clientId,
      SALESFORCE_CLIENT_SECRET: salesforce.app.clientSecret,
      // Production login lives nowhere: connecting a sandbox must not touch it.
      SALESFORCE_LOGIN_URL: `${salesforce.url}/production-login-must-not-be-used`,
      SALESFORCE_SANDBOX_LOGIN_URL: salesforce.url,
    },
    start: { client: 'vite' },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await hubspot?.close();
  await salesforce?.close();
});

const connectionRow = async (kind: string) =>
  (
    await app.database
      .owner`select status, environment, external_account_id from crm_connections where kind = ${kind}`
  )[0];

const integrationCard = (page: Page, name: string) =>
  page.locator('section.integration-card').filter({ has: page.getByRole('heading', { level: 3, name }) });
/** The status badge beside the CRM's name. */
const statusOf = (page: Page, name: string) =>
  integrationCard(page, name)
    .locator('.integration-title .badge')
    .textContent()
    .then((text) => text?.trim());

async function openIntegrations(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: 'Integrations' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Integrations' }).waitFor();
  await integrationCard(page, 'HubSpot').locator('.integration-title .badge').waitFor({ timeout: 30_000 });
}

describe('Settings > Integrations with HubSpot and Salesforce configured', () => {
  it('connects HubSpot and a Salesforce sandbox through OAuth, then disconnects Salesforce', async () => {
    const { page, errors } = await signInAsDemoUser(browser, app.url, /Avery Morgan/);
    await openIntegrations(page);
    const hubspotCard = integrationCard(page, 'HubSpot');
    const salesforceCard = integrationCard(page, 'Salesforce');
    await eventually(() => statusOf(page, 'HubSpot')).toBe('Not connected');
    await eventually(() => statusOf(page, 'Salesforce')).toBe('Not connected');
    await screenshot(page, 'web-integrations-none-connected');

    // HubSpot: Connect → the CRM's consent page (approves at once) → back in Settings, connected.
    await hubspotCard.getByRole('link', { name: 'Connect HubSpot' }).click();
    await page.getByText('HubSpot is connected.').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe('/app/settings/integrations');
    expect(hubspot.requestCount('GET', '/oauth/authorize')).toBe(1);
    await eventually(() => statusOf(page, 'HubSpot')).toBe('Connected');
    await expect.poll(() => hubspotCard.locator('dd.mono').innerText()).toBe(hubspot.portalId);
    expect(await connectionRow('hubspot')).toMatchObject({
      status: 'connected',
      environment: 'production',
      external_account_id: hubspot.portalId,
    });
    await screenshot(page, 'web-integrations-hubspot-connected');

    // Salesforce: choose the sandbox; its login URL, not production's, is the one the browser visits.
    await salesforceCard.getByLabel('Salesforce environment').selectOption('sandbox');
    const visited: string[] = [];
    page.on('request', (request) => visited.push(request.url()));
    await salesforceCard.getByRole('link', { name: 'Connect Salesforce' }).click();
    await page.getByText('Salesforce is connected.').waitFor({ timeout: 60_000 });
    expect(
      visited.filter((url) => url.startsWith(`${salesforce.url}/services/oauth2/authorize`)),
    ).toHaveLength(1);
    expect(visited.some((url) => url.includes('production-login-must-not-be-used'))).toBe(false);
    expect(salesforce.requestCount(undefined, '/production-login-must-not-be-used')).toBe(0);
    expect(salesforce.requestCount('POST', '/services/oauth2/token')).toBe(1);
    expect(await connectionRow('salesforce')).toMatchObject({ status: 'connected', environment: 'sandbox' });

    // Both connected, each with what it is connected to.
    await eventually(() => statusOf(page, 'HubSpot')).toBe('Connected');
    await eventually(() => statusOf(page, 'Salesforce')).toBe('Connected');
    await salesforceCard.getByText('Sandbox', { exact: true }).waitFor();
    await screenshot(page, 'web-integrations-both-connected');

    // Disconnect Salesforce, confirming in the dialog: the grant is revoked at the CRM and our row goes.
    await salesforceCard.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Disconnect Salesforce?' });
    await dialog.waitFor();
    await animationsDone(page);
    await screenshot(page, 'web-integrations-disconnect-confirm');
    await dialog.getByRole('button', { name: 'Disconnect Salesforce' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText('Salesforce disconnected.').waitFor();
    await eventually(() => statusOf(page, 'Salesforce')).toBe('Not connected');
    // The "Salesforce is connected." notice from the callback went with it (a render after the status).
    await eventually(() => page.getByText('Salesforce is connected.').count()).toBe(0);
    expect(salesforce.requestCount('POST', '/services/oauth2/revoke')).toBeGreaterThanOrEqual(1);
    const grants = [...salesforce.state.refreshTokens.values()];
    expect(grants.length).toBe(1);
    expect(grants.every((grant) => grant.revoked)).toBe(true);
    expect(salesforce.state.accessTokens.size).toBe(0);
    expect(await connectionRow('salesforce')).toBeUndefined();
    const [credentials] = await app.database
      .owner`select count(*)::int as n from oauth_credentials where provider = 'salesforce'`;
    expect(credentials!.n).toBe(0);
    // HubSpot is untouched.
    await eventually(() => statusOf(page, 'HubSpot')).toBe('Connected');
    expect([...hubspot.state.refreshTokens.values()].every((grant) => !grant.revoked)).toBe(true);
    await screenshot(page, 'web-integrations-salesforce-disconnected');

    // After a reload the page agrees with the server.
    await page.reload();
    await eventually(() => statusOf(page, 'Salesforce')).toBe('Not connected');
    await eventually(() => statusOf(page, 'HubSpot')).toBe('Connected');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows an approved engagement’s CRM sync log: a failure with HubSpot’s message, a retry, the record', async () => {
    // The demo's ninth engagement: approved, from dana.wright@example.com, who is a HubSpot contact.
    const [engagement] = await app.database.owner<
      { id: string }[]
    >`select id from engagements where zoom_engagement_id = 'demo-eng-0009'`;
    const contactId = hubspot.seedContact({
      email: 'dana.wright@example.com',
      firstname: 'Dana',
      lastname: 'Wright',
    });
    const refusal =
      'Property values were not valid: [{"isValid":false,"message":"hs_call_body exceeds the 65536 character limit","error":"INVALID_LENGTH","name":"hs_call_body"}]';
    hubspot.inject({
      kind: 'validation',
      message: refusal,
      method: 'POST',
      path: /^\/crm\/v3\/objects\/calls\/?$/,
    });

    const { page, errors } = await signInAsDemoUser(browser, app.url, /Avery Morgan/);
    await page.goto(`${app.url}/app/engagements/${engagement!.id}`);
    const crm = page.getByRole('region', { name: 'CRM sync' });
    await crm.waitFor({ timeout: 30_000 });
    await crm.getByText('No sync attempts yet.').waitFor();
    await screenshot(page, 'web-engagement-crm-not-synced');

    // Sync now → HubSpot refuses the call: the attempt shows HubSpot's reason in words.
    await crm.getByRole('button', { name: 'Sync now' }).click();
    const attempts = crm.getByRole('list', { name: 'Sync attempts' }).getByRole('listitem');
    await eventually(() => attempts.count()).toBe(1);
    const failed = attempts.first();
    await failed.getByText('Failed', { exact: true }).waitFor({ timeout: 30_000 });
    await failed.getByText('hs_call_body exceeds the 65536 character limit').waitFor();
    expect(await failed.innerText()).toContain('HubSpot');
    await crm.getByRole('button', { name: 'Retry sync' }).waitFor();
    await screenshot(page, 'web-engagement-crm-failed');

    // Retry → the call is logged on the matched contact; the new attempt sits on top with its link.
    const retried = page.waitForResponse((response) => response.url().endsWith('/crm-sync/retry'));
    await crm.getByRole('button', { name: 'Retry sync' }).click();
    expect((await retried).status()).toBe(202);
    try {
      await eventually(() => attempts.count()).toBe(2);
    } catch (error) {
      // Tells a page that missed the live update apart from a sync that never ran.
      const stored = await app.database
        .owner`select result, error from crm_sync_attempts where engagement_id = ${engagement!.id}`;
      throw new Error(
        `The retried attempt did not appear on the page; stored attempts: ${JSON.stringify(stored)}`,
        { cause: error },
      );
    }
    const created = attempts.first();
    await created.getByText('Created', { exact: true }).waitFor({ timeout: 30_000 });
    await created.getByText(/Contact: Dana Wright · dana\.wright@example\.com/).waitFor();
    const link = created.getByRole('link', { name: /View in HubSpot/ });
    expect(await link.getAttribute('href')).toBe(
      `${hubspot.url}/contacts/${hubspot.portalId}/record/0-1/${contactId}`,
    );
    await crm.getByText('Synced', { exact: true }).first().waitFor();
    expect(await attempts.nth(1).innerText()).toContain('Failed');
    expect(hubspot.callsAssociatedWith(contactId)).toHaveLength(1);
    await settled(page);
    await screenshot(page, 'web-engagement-crm-synced');

    // Sync again with nothing new to write: HubSpot already has this version, so no second call is
    // logged, and the card comes back to Synced rather than waiting for the CRM forever.
    const queued = page.waitForResponse((response) => response.url().endsWith('/crm-sync/retry'));
    await crm.getByRole('button', { name: 'Sync again' }).click();
    expect((await queued).status()).toBe(202);
    const syncState = async () =>
      (
        await app.database.owner`select crm_sync_state from summaries where engagement_id = ${engagement!.id}`
      )[0]!.crm_sync_state;
    await eventually(syncState).toBe('synced');
    await eventually(() => crm.getByRole('button', { name: 'Sync again' }).count()).toBe(1);
    await crm.getByText('Synced', { exact: true }).first().waitFor();
    expect(await attempts.count()).toBe(2);
    expect(hubspot.callsAssociatedWith(contactId)).toHaveLength(1);

    const rows = await app.database
      .owner`select result from crm_sync_attempts where engagement_id = ${engagement!.id} order by started_at`;
    expect(rows.map((row) => row.result)).toEqual(['failed', 'created']);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
