import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot, SCREENSHOT_DIR } from '../helpers/browser';
import { signInAsDemoUser } from '../helpers/web-page';
import { animationsDone, eventually, settled } from './web-admin-browser';

/**
 * Settings > Account: the admin exports everything (the job runs, the file downloads and is the
 * documented JSON), then schedules the organization's deletion 30 days out (the date on the page and a
 * banner on every page) and cancels it.
 */

/** docs/EXPORT-FORMAT.md, "Top level": these keys, in this order. */
const EXPORT_KEYS = [
  'format',
  'version',
  'exportedAt',
  'organization',
  'users',
  'categories',
  'engagements',
  'summaries',
  'crmConnections',
  'crmRecords',
  'crmSyncAttempts',
  'usagePeriods',
  'auditLog',
  'notifications',
];
const DAY_MS = 24 * 3600_000;

let app: TestApp;
let browser: Browser;
let dataDir: string;
let orgId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-e2e-account-'));
  app = await startTestApp({
    env: { DEMO_MODE: 'true', CALLRECAP_DATA_DIR: dataDir },
    start: { client: 'vite' },
  });
  const [demo] = await app.database.owner<{ id: string }[]>`select id from organizations where is_demo`;
  orgId = demo!.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function openAccount(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: 'Account' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Account' }).waitFor();
  await page.getByRole('heading', { name: 'Export all data' }).waitFor({ timeout: 30_000 });
}

/** The date as the page writes it (browser locale), so the check does not depend on the machine's language. */
const pageDate = (page: Page, iso: string) =>
  page.evaluate(
    (value) =>
      new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }).format(
        new Date(value),
      ),
    iso,
  );

describe('Settings > Account', () => {
  it('exports all data as the documented JSON file', async () => {
    const { page, errors } = await signInAsDemoUser(browser, app.url, /Avery Morgan/);
    await openAccount(page);
    await page.getByText('No exports yet').waitFor();
    await screenshot(page, 'web-account-no-exports');

    await page.getByRole('button', { name: 'Request export' }).click();
    await page.getByText('Export requested.', { exact: false }).first().waitFor();
    const rows = page.getByRole('region', { name: 'Export all data' }).getByRole('row');
    await eventually(() => rows.count()).toBe(2);
    // The page looks again by itself until the job has written the file.
    const download = rows.nth(1).getByRole('link', { name: 'Download' });
    await download.waitFor({ timeout: 90_000 });
    expect(await rows.nth(1).innerText()).toContain('Ready');
    await settled(page);
    await screenshot(page, 'web-account-export-ready');

    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^callrecap-export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json$/);
    const saved = await file.path();
    const exported = JSON.parse(await readFile(saved, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(exported)).toEqual(EXPORT_KEYS);
    expect(exported).toMatchObject({
      format: 'callrecap-export',
      version: 1,
      organization: { id: orgId, name: 'Acme Support (demo)' },
    });
    expect(exported.engagements).toHaveLength(60);
    expect(exported.users).toHaveLength(5);
    const [audit] = await app.database
      .owner`select count(*)::int as n from audit_log where action = 'account.export_downloaded'`;
    expect(audit!.n).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('schedules deletion 30 days out, shows it across the app, and cancels it', async () => {
    const { page, errors } = await signInAsDemoUser(browser, app.url, /Avery Morgan/);
    await openAccount(page);
    await page.getByRole('button', { name: 'Delete organization…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete Acme Support (demo)?' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: 'Schedule deletion' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/to confirm/).fill('Acme Support (demo)');
    await eventually(() => confirm.isEnabled()).toBe(true);
    await animationsDone(page);
    await screenshot(page, 'web-account-delete-confirm');
    const requestedAt = Date.now();
    await confirm.click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });

    // The server scheduled it 30 days out; the page and the banner name that date.
    const [org] = await app.database.owner<
      { deletion_scheduled_for: Date | null }[]
    >`select deletion_scheduled_for from organizations where id = ${orgId}`;
    const scheduledFor = org!.deletion_scheduled_for!;
    expect(Math.abs(scheduledFor.getTime() - (requestedAt + 30 * DAY_MS))).toBeLessThan(5 * 60_000);
    const date = await pageDate(page, scheduledFor.toISOString());
    await page.getByRole('heading', { name: 'Deletion scheduled' }).waitFor({ timeout: 30_000 });
    await page.getByText(`Acme Support (demo) will be permanently deleted on ${date}.`).waitFor();
    const banner = page
      .locator('.banners')
      .getByText(`Acme Support (demo) is scheduled for deletion on ${date}.`);
    await banner.waitFor({ timeout: 30_000 });
    await page.getByText(`Deletion scheduled for ${date}. You can cancel it here until then.`).waitFor();
    // Here the page's own button cancels; the banner does not offer a link back to this same page.
    expect(await page.locator('.banners').getByRole('link', { name: 'Cancel deletion' }).count()).toBe(0);
    await settled(page);
    await screenshot(page, 'web-account-deletion-scheduled');

    // Every page carries the banner.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Engagements' }).click();
    await page.getByRole('heading', { level: 1, name: /Engagements/ }).waitFor();
    await banner.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-account-deletion-banner.png') });

    // The banner leads back to Account, where the deletion is cancelled.
    await page.locator('.banners').getByRole('link', { name: 'Cancel deletion' }).click();
    await page.getByRole('heading', { name: 'Deletion scheduled' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel deletion' }).click();
    await page.getByText('Deletion cancelled.', { exact: false }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Delete this organization' }).waitFor();
    await eventually(() => page.locator('.banners').count()).toBe(0);
    const [after] = await app.database
      .owner`select deletion_scheduled_for from organizations where id = ${orgId}`;
    expect(after!.deletion_scheduled_for).toBeNull();
    await settled(page);
    await screenshot(page, 'web-account-deletion-cancelled');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
