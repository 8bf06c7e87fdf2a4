import { freePort } from '../db/embedded';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountExportHandler } from '../jobs/handlers/account-export';
import { registerWorker } from '../jobs/worker';
import { createLogger } from '../server/log';
import { signZoomWebhook } from '../server/zoom/webhook-signature';
import { startFakeHubSpot, type FakeHubSpot } from './fakes/hubspot';
import { startFakeStripe, type FakeStripe } from './fakes/stripe';
import { startFakeZoom, type FakeZoom } from './fakes/zoom';
import { HttpSession, startTestApp, type TestApp } from './helpers/app';
import { signInWithZoom } from './helpers/zoom-app';

/**
 * A realistic run (Zoom install and sign-in, a HubSpot connection, Stripe checkout, an export, and
 * a string of errors: bad tokens, a CRM answering 401, invalid and malformed input), with every log
 * line, every response and the export kept, then searched for every secret and token in play, as
 * written and base64-, base64url-, hex- and URL-encoded. The client bundle is searched too.
 */

const logLines: string[] = [];
const responses: string[] = [];
let app: TestApp;
let zoom: FakeZoom;
let hubspot: FakeHubSpot;
let stripe: FakeStripe;
let dataDir: string;
let admin: HttpSession;
let exportFile = '';
const config = {
  SESSION_SECRET: randomBytes(32).toString('base64url'),
  TOKEN_ENCRYPTION_KEY: randomBytes(32),
  METRICS_TOKEN: randomBytes(24).toString('hex'),
};

/** Keeps the status, headers (Set-Cookie aside: it carries the session id by design) and body of a response. */
async function keep(response: Response): Promise<Response> {
  const body = await response.clone().text();
  const headers = [...response.headers]
    .filter(([name]) => name !== 'set-cookie')
    .map(([name, value]) => `${name}: ${value}`);
  responses.push(`${response.url} ${response.status}\n${headers.join('\n')}\n\n${body}`);
  return response;
}

class RecordingSession extends HttpSession {
  override async request(
    method: string,
    pathname: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response> {
    return keep(await super.request(method, pathname, body, headers));
  }
}

beforeAll(async () => {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-secrets-scan-'));
  zoom = await startFakeZoom();
  hubspot = await startFakeHubSpot({ app: { redirectUri: `${publicUrl}/auth/crm/hubspot/callback` } });
  stripe = await startFakeStripe();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  app = await startTestApp({
    env: {
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      LOG_LEVEL: 'debug',
      CALLRECAP_DATA_DIR: dataDir,
      SESSION_SECRET: config.SESSION_SECRET,
      TOKEN_ENCRYPTION_KEYS: `k1:${config.TOKEN_ENCRYPTION_KEY.toString('base64')}`,
      METRICS_TOKEN: config.METRICS_TOKEN,
      ZOOM_CLIENT_ID: zoom.clientId,
      ZOOM_CLIENT_SECRET: zoom.clientSecret,
      ZOOM_WEBHOOK_SECRET_TOKEN: zoom.webhookSecret,
      ZOOM_API_BASE_URL: zoom.apiBaseUrl,
      ZOOM_OAUTH_BASE_URL: zoom.oauthBaseUrl,
      HUBSPOT_CLIENT_ID: hubspot.app.clientId,
      HUBSPOT_CLIENT_SECRET: hubspot.app.clientSecret,
      HUBSPOT_API_BASE_URL: hubspot.url,
      HUBSPOT_OAUTH_BASE_URL: hubspot.url,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE_URL: stripe.url,
    },
    start: { role: 'web', logger: createLogger('debug', 'callrecap', sink) },
  });

  // Zoom install and sign-in: the first person becomes the admin; Zoom tokens are stored.
  const signedIn = await signInWithZoom({ ...app, zoom });
  admin = new RecordingSession(app.url);
  admin.setCookieHeader(signedIn.cookieHeader());
  admin.csrfToken = signedIn.csrfToken;
  await admin.loadSession();

  // A HubSpot connection through its OAuth consent.
  const connect = await admin.get('/auth/crm/hubspot/connect');
  const consent = await keep(await fetch(connect.headers.get('location')!, { redirect: 'manual' }));
  const callback = new URL(consent.headers.get('location')!);
  expect((await admin.get(callback.pathname + callback.search)).status).toBe(302);
  expect((await admin.get('/api/integrations')).status).toBe(200);

  // Stripe: a checkout session made with the secret key.
  expect((await admin.post('/api/billing/checkout', { planId: 'team', seats: 2 })).status).toBe(200);
  await admin.get('/api/billing');

  // Errors of every kind.
  const visitor = new RecordingSession(app.url);
  await visitor.loadSession();
  await visitor.get('/api/engagements');
  await admin.request('POST', '/api/categories', { name: 'x' }, { 'x-csrf-token': 'not-the-token' });
  await admin.post('/api/categories', { name: '' });
  await admin.request('POST', '/api/categories', '{"name":', { 'content-type': 'application/json' });
  await admin.request('POST', '/api/categories', JSON.stringify({ name: 'x'.repeat(200_000) }));
  await admin.request('PUT', '/api/settings', { autoApprove: 'yes' });
  await admin.get('/api/engagements', { 'x-zoom-app-context': 'bm90LWEtY29udGV4dA==' });
  await admin.get(`/api/engagements/${randomBytes(4).toString('hex')}`);
  await admin.get('/auth/zoom/callback?code=stolen&state=forged');
  await admin.get('/auth/crm/hubspot/callback?code=stolen&state=forged');
  await keep(await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token' } }));
  await keep(
    await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${config.METRICS_TOKEN}` } }),
  );
  const body = JSON.stringify({
    event: 'contact_center.engagement_ended',
    event_ts: Date.now(),
    payload: { account_id: 'x', object: { engagement_id: 'e' } },
  });
  const ts = String(Math.floor(Date.now() / 1000));
  for (const secret of ['wrong-secret', zoom.webhookSecret]) {
    await keep(
      await fetch(`${app.url}/webhooks/zoom`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-zm-request-timestamp': ts,
          'x-zm-signature': signZoomWebhook(`${body} `, secret, ts),
        },
        body,
      }),
    );
  }
  await keep(
    await fetch(`${app.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'stripe-signature': `t=${ts},v1=00` },
      body: '{}',
    }),
  );
  // The CRM refuses our token (an admin blocked the app): disconnecting still revokes and forgets it.
  hubspot.inject({ kind: 'invalid-token', times: 10 });
  await admin.request('DELETE', '/api/integrations/hubspot');

  // An account export, built by its job and downloaded.
  const queued = await admin.post('/api/account/exports');
  expect(queued.status).toBe(202);
  const { id } = (await queued.json()) as { id: string };
  const services = app.running.services;
  await registerWorker(services.boss, 'account.export', accountExportHandler(services), {
    concurrency: 1,
    log: services.log,
  });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [row] = await app.database.owner<
      { status: string }[]
    >`select status from data_exports where id = ${id}`;
    if (row!.status !== 'queued' && row!.status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const download = await admin.get(`/api/account/exports/${id}/download`);
  expect(download.status).toBe(200);
  exportFile = await download.text();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await zoom?.close();
  await hubspot?.close();
  await stripe?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Every secret and token in play, by name. */
async function secrets(): Promise<Record<string, string | Buffer>> {
  const named: Record<string, string | Buffer> = {
    'session secret': config.SESSION_SECRET,
    'token encryption key': config.TOKEN_ENCRYPTION_KEY,
    'metrics token': config.METRICS_TOKEN,
    'Zoom client secret': zoom.clientSecret,
    'Zoom webhook secret token': zoom.webhookSecret,
    'HubSpot client secret': hubspot.app.clientSecret,
    'Stripe secret key': stripe.secretKey,
    'Stripe webhook secret': stripe.webhookSecret,
  };
  const tokens = (label: string, map: Map<string, unknown>) =>
    [...map.keys()].forEach((token, i) => (named[`${label} ${i + 1}`] = token));
  tokens('Zoom access token', zoom.state.accessTokens);
  tokens('Zoom refresh token', zoom.state.refreshTokens);
  tokens('HubSpot access token', hubspot.state.accessTokens);
  tokens('HubSpot refresh token', hubspot.state.refreshTokens);
  const sessions = await app.database.owner<
    { sid: string }[]
  >`select sid from sessions where user_id is not null`;
  sessions.forEach(({ sid }, i) => (named[`session id ${i + 1}`] = sid));
  return named;
}

/** A secret as it might leak: as is, base64, base64url, hex, URL-encoded (a key's raw bytes in every text form). */
function forms(secret: string | Buffer): string[] {
  const bytes = Buffer.isBuffer(secret) ? secret : Buffer.from(secret);
  const text = Buffer.isBuffer(secret) ? [] : [secret, encodeURIComponent(secret)];
  return [
    ...text,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
  ].filter((form) => form.length >= 12);
}

async function leaksIn(where: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(await secrets())) {
    for (const form of forms(secret)) if (text.includes(form)) found.push(`${name} in ${where}`);
  }
  return [...new Set(found)];
}

describe('no secret or token leaves where it belongs', () => {
  it('the run used every secret: tokens were issued, sessions exist, the export is ready', async () => {
    const all = await secrets();
    expect(Object.keys(all).filter((name) => name.startsWith('Zoom access token')).length).toBeGreaterThan(0);
    expect(
      Object.keys(all).filter((name) => name.startsWith('HubSpot refresh token')).length,
    ).toBeGreaterThan(0);
    expect(Object.keys(all).filter((name) => name.startsWith('session id')).length).toBeGreaterThan(0);
    expect(exportFile.length).toBeGreaterThan(100);
    expect(responses.filter((r) => / (4\d\d|5\d\d)\n/.test(r)).length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(20);
    // The scan sees an encoded form when there is one.
    const probe = await leaksIn(
      'a probe',
      `?t=${encodeURIComponent(zoom.webhookSecret)}&k=${config.TOKEN_ENCRYPTION_KEY.toString('hex')}`,
    );
    expect(probe.sort()).toEqual(['Zoom webhook secret token in a probe', 'token encryption key in a probe']);
  });

  it('nothing in the logs', async () => {
    expect(await leaksIn('the logs', logLines.join(''))).toEqual([]);
  });

  it('nothing in any response, errors included', async () => {
    expect(await leaksIn('responses', responses.join('\n'))).toEqual([]);
  });

  it('nothing in the account export', async () => {
    expect(await leaksIn('the export', exportFile)).toEqual([]);
  });

  it.skipIf(!existsSync('dist/client'))('nothing in the built client bundle (dist/client)', async () => {
    const files = await readdir('dist/client', { recursive: true, withFileTypes: true });
    const contents = await Promise.all(
      files.filter((f) => f.isFile()).map((f) => readFile(path.join(f.parentPath, f.name), 'latin1')),
    );
    expect(contents.length).toBeGreaterThan(2);
    // The bundle is built before this run's random secrets exist; the fixed development defaults could be baked in, though.
    const bundle = contents.join('\n');
    expect(await leaksIn('the client bundle', bundle)).toEqual([]);
    for (const devDefault of [
      'callrecap-development-session-secret-not-for-production',
      'dev-zoom-client-secret',
      'dev-zoom-webhook-secret',
      Buffer.alloc(32, 7).toString('base64'),
    ]) {
      expect(bundle).not.toContain(devDefault);
    }
    expect(bundle).not.toMatch(/sk_(live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{10,}/);
  });
});
