import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { eventually, signInAsDemoUser } from '../helpers/web-page';

/** Analytics for supervisors: totals, charts, sortable tables, CSV reports; agents are kept out. */

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp({ env: { DEMO_MODE: 'true' }, start: { client: 'vite' } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const signIn = (user: RegExp, options: { dark?: boolean } = {}) =>
  signInAsDemoUser(browser, app.url, user, options);

describe('analytics in the web view', () => {
  it('shows the period totals, charts and per-agent table, and downloads the agents report', async () => {
    const { page, errors } = await signIn(/Sam Okafor/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();

    const totals = page.getByRole('list', { name: 'Totals for the period' });
    await totals.waitFor({ timeout: 15_000 });
    const engagementsCard = totals.getByRole('listitem').filter({ hasText: 'Engagements handled' });
    expect(await engagementsCard.innerText()).toContain('60');
    expect(await totals.getByRole('listitem').count()).toBe(6);
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'web-analytics');

    // Sorting the agents table by name puts them in alphabetical order.
    const agents = page.getByRole('region', { name: 'By agent' });
    await agents.getByRole('button', { name: 'Agent' }).click();
    const names = await agents.locator('tbody th').allInnerTexts();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names).toEqual(expect.arrayContaining(['Alex Rivera', 'Jordan Lee', 'Priya Patel']));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      agents.getByRole('link', { name: /Download the agents report/ }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('Agent');
    for (const name of ['Alex Rivera', 'Jordan Lee', 'Priya Patel']) expect(csv).toContain(name);

    // The 7-day period is a URL people can share.
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '7 days' }).click();
    await eventually(() => new URL(page.url()).searchParams.get('period')).toBe('7d');
    await page.getByRole('heading', { name: 'Sentiment by day' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('renders in dark mode', async () => {
    const { page, errors } = await signIn(/Sam Okafor/, { dark: true });
    await page.goto(`${app.url}/app/analytics?period=90d`);
    await page.getByRole('list', { name: 'Totals for the period' }).waitFor({ timeout: 15_000 });
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'web-analytics-dark');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is hidden from agents and answers them with a 403 page', async () => {
    const { page } = await signIn(/Alex Rivera/);
    await page.getByRole('heading', { level: 1, name: 'My engagements' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toEqual([
      'My engagements',
    ]);
    await page.goto(`${app.url}/app/analytics`);
    await page.getByRole('heading', { name: /don.t have access/ }).waitFor();
    await screenshot(page, 'web-forbidden');
    await page.context().close();
  });
});
