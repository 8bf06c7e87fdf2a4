import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { eventually, signInAsDemoUser } from '../helpers/web-page';

/** The supervisor's day in the web view: the list, its filters and search, the CSV, one summary and its history. */

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

const signedInPage = (user: RegExp, options: { dark?: boolean } = {}) =>
  signInAsDemoUser(browser, app.url, user, options);

/** Console noise that is not ours: Vite's dev client looks for its hot-reload socket, which tests switch off. */
function realErrors(errors: string[]): string[] {
  return errors.filter((e) => !/WebSocket|\[vite\]/.test(e));
}

const rows = (page: Page) => page.locator('table.engagements-table tbody tr');

describe('supervisor engagements in the web view', () => {
  it('filters by sentiment and search, keeps them in the URL, and downloads the filtered CSV', async () => {
    const { page, errors } = await signedInPage(/Sam Okafor/);
    await eventually(() => rows(page).count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    await screenshot(page, 'web-engagements');

    await page.getByRole('button', { name: 'Load more' }).click();
    await eventually(() => rows(page).count()).toBe(60);

    await page.getByLabel('Sentiment').selectOption('negative');
    await eventually(() => new URL(page.url()).searchParams.get('sentiment')).toBe('negative');
    await eventually(async () => (await rows(page).allInnerTexts()).length).toBeGreaterThan(0);
    await eventually(async () =>
      (await rows(page).allInnerTexts()).every((text) => text.includes('Negative')),
    ).toBe(true);
    await screenshot(page, 'web-engagements-filtered');

    // The CSV link carries the same filters: what you see is what you download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length - 1).toBe(await rows(page).count());
    expect(csv).toMatch(/negative/i);
    expect(csv).not.toMatch(/,positive,/i);

    await page.getByRole('searchbox', { name: 'Search summaries' }).fill('crashes');
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe('crashes');
    await eventually(async () =>
      (await rows(page).allInnerTexts()).every((text) => /crashes/i.test(text)),
    ).toBe(true);
    expect(await rows(page).count()).toBeGreaterThan(0);

    // Reloading the page restores the same view from the URL.
    await page.reload();
    expect(await page.getByLabel('Sentiment').inputValue()).toBe('negative');
    expect(await page.getByRole('searchbox', { name: 'Search summaries' }).inputValue()).toBe('crashes');

    await page.getByRole('button', { name: /Clear filters/ }).click();
    await eventually(() => new URL(page.url()).search).toBe('');
    await eventually(() => rows(page).count()).toBe(50);
    expect(realErrors(errors)).toEqual([]);
    await page.context().close();
  });

  it('opens an edited summary, shows its version history and the word diff against the offline summary', async () => {
    const { page, errors } = await signedInPage(/Sam Okafor/);
    await page.getByRole('searchbox', { name: 'Search summaries' }).fill('confirmed by the agent');
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe('confirmed by the agent');
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
    const edited = rows(page).filter({ hasText: 'confirmed by the agent' }).first();
    await edited.waitFor({ timeout: 15_000 });
    await edited.locator('a').first().click();

    await page.getByRole('heading', { level: 1, name: /confirmed by the agent/ }).waitFor();
    await page.getByText('Offline summarizer').first().waitFor();
    await page
      .getByText(/Approved by/)
      .first()
      .waitFor();
    const history = page.getByRole('region', { name: 'Version history' });
    expect(await history.getByRole('button', { name: /Version 2/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await history.getByRole('button', { name: /Version 1.*Offline summary/ }).waitFor();
    expect(await history.locator('ins').allInnerTexts()).toContainEqual(
      expect.stringContaining('confirmed by the agent'),
    );
    await screenshot(page, 'web-engagement-detail');

    await history.getByRole('button', { name: /Version 1/ }).click();
    await history.getByText('Version 1 is the offline summary').waitFor();
    expect(realErrors(errors)).toEqual([]);
    await page.context().close();
  });

  it('approves a summary that awaits approval, in dark mode', async () => {
    const { page, errors } = await signedInPage(/Sam Okafor/, { dark: true });
    await rows(page).first().waitFor();
    await page.getByLabel('Summary status').selectOption('ready');
    await page.getByRole('button', { name: /^Ended/ }).click();
    const awaiting = page
      .locator('table.engagements-table tbody tr', { hasText: 'Awaiting approval' })
      .first();
    await awaiting.waitFor({ timeout: 15_000 });
    await awaiting.locator('a').first().click();

    const approve = page.getByRole('button', { name: /Approve version 1/ });
    await approve.waitFor();
    await screenshot(page, 'web-engagement-awaiting-dark');
    await approve.click();
    await page.getByText(/Approved by Sam Okafor/).waitFor();
    await page.getByText('Summary approved.').waitFor();
    expect(realErrors(errors)).toEqual([]);
    await page.context().close();
  });
});
