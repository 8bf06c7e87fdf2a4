import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadZoomManifest } from '../server/zoom/manifest';
import { startTestApp, type TestApp } from './helpers/app';

const manifest = loadZoomManifest();
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ start: { client: 'vite' } });
});
afterAll(() => app.close());

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\./.test(e.name)).map((e) => path.join(e.parentPath, e.name));
}

/** The SDK's own method names, read from the installed package's type declarations. */
async function sdkMethodNames(): Promise<string[]> {
  const types = await readFile(path.resolve('node_modules/@zoom/appssdk/dist/sdk.d.ts'), 'utf8').catch(async () => {
    const dir = path.resolve('node_modules/@zoom/appssdk/dist');
    const all = await readdir(dir, { recursive: true });
    const chunks = await Promise.all(all.filter((f) => String(f).endsWith('.d.ts')).map((f) => readFile(path.join(dir, String(f)), 'utf8')));
    return chunks.join('\n');
  });
  return [...new Set([...types.matchAll(/^\s+(on[A-Z]\w+|get[A-Z]\w+|authorize|openUrl|config|[a-z]\w+)\s*\(/gm)].map((m) => m[1]!))];
}

describe('the Zoom manifest matches the code', () => {
  it('lists every Zoom Apps SDK API the panel calls', async () => {
    const sdkMethods = new Set(await sdkMethodNames());
    const listed = new Set(manifest.features.in_client_feature.zoom_app_api.zoom_app_apis);
    const source = (await Promise.all((await filesUnder(path.resolve('client/src/panel'))).map((f) => readFile(f, 'utf8')))).join('\n');
    // config and the generic event-listener helpers are part of every app, not capabilities to declare.
    const notCapabilities = new Set(['config', 'addEventListener', 'removeEventListener']);
    const used = [...sdkMethods].filter((name) => !notCapabilities.has(name) && new RegExp(`\\.${name}\\(|['"\`]${name}['"\`]`).test(source));
    expect(used.length).toBeGreaterThan(3);
    expect(used.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('serves every URL it names: the home page, the OAuth redirect and the webhook', async () => {
    const paths = [manifest.features.production_home_uri, manifest.oauth_information.production_redirect_uri].map((url) => new URL(url).pathname);
    const home = await fetch(app.url + paths[0]!, { headers: { accept: 'text/html' } });
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    const redirect = await fetch(app.url + paths[1]!);
    expect(redirect.status).toBe(400); // served: it refuses a callback with no sign-in in progress
    for (const subscription of manifest.features.event_subscription.events) {
      const hook = await fetch(app.url + new URL(subscription.production_webhook_url).pathname, { method: 'POST', body: '{}' });
      expect(hook.status).toBe(401); // served: it refuses an unsigned delivery
    }
  });
});
