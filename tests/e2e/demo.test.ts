import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  // The production build when there is one (CI builds first): what a deployment serves, and no dev-server
  // dependency optimisation reloading the page under the test.
  const client = existsSync('dist/client/index.html') ? 'build' : 'vite';
  app = await startTestApp({ env: { DEMO_MODE: 'true' }, start: { client } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the demo a newcomer sees', () => {
  it('signs in as the demo supervisor and shows engagements with summaries', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${app.url}/app`);
    await page.getByRole('button', { name: /Sam Okafor/ }).click();
    await page.getByText(/Customer was charged twice/).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'demo-engagements');
    // Vite's dev client looks for its hot-reload socket, which tests switch off.
    expect(errors.filter((e) => !/WebSocket|\[vite\]/.test(e))).toEqual([]);
  });
});
