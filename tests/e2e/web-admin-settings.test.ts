import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { eventually, signInAsDemoUser } from '../helpers/web-page';

/** The admin's settings: categories (edit, add, reorder, delete), summary settings, users, integrations, billing, account, audit. */

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

const categoryNames = (page: Page) =>
  page.getByRole('list', { name: 'Categories in order' }).locator('.category-name').allInnerTexts();

async function categoriesFromApi(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const response = await fetch('/api/categories');
    const body = (await response.json()) as { items: Array<{ name: string; position: number }> };
    return body.items.sort((a, b) => a.position - b.position).map((c) => c.name);
  });
}

describe('admin settings in the web view', () => {
  it('edits, adds, reorders and deletes categories, and the server keeps the result', async () => {
    const { page, errors } = await signIn(/Avery Morgan/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Categories', level: 2 }).waitFor();
    await eventually(() => categoryNames(page)).toContain('Billing');
    await screenshot(page, 'web-settings-categories');

    // Edit inline.
    await page.getByRole('button', { name: 'Edit Billing' }).click();
    await page.getByLabel('Name').fill('Billing & Payments');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Category saved.').waitFor();
    await eventually(() => categoriesFromApi(page)).toContain('Billing & Payments');

    // Add one; it goes to the end.
    await page.getByRole('button', { name: 'Add category' }).first().click();
    await page.getByLabel('Name').fill('Shipping');
    await page.getByLabel('Description').fill('Deliveries, tracking numbers, lost parcels.');
    await page.getByRole('button', { name: 'Add category' }).last().click();
    await page.getByText('Category “Shipping” added.').waitFor();
    await eventually(async () => (await categoriesFromApi(page)).at(-1)).toBe('Shipping');

    // Move it up one place.
    await page.getByRole('button', { name: 'Move Shipping up' }).click();
    await eventually(async () => (await categoriesFromApi(page)).at(-2)).toBe('Shipping');
    expect((await categoryNames(page)).at(-2)).toBe('Shipping');

    // Delete it, confirming in the dialog.
    await page.getByRole('button', { name: 'Delete Shipping' }).click();
    const dialog = page.getByRole('alertdialog', { name: /Delete “Shipping”/ });
    await screenshot(page, 'web-settings-category-delete');
    await dialog.getByRole('button', { name: 'Delete category' }).click();
    await eventually(() => categoriesFromApi(page)).not.toContain('Shipping');
    expect(await categoryNames(page)).not.toContain('Shipping');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('saves summary settings and shows every other settings tab', async () => {
    const { page, errors } = await signIn(/Avery Morgan/);
    await page.goto(`${app.url}/app/settings/summaries`);
    const redact = page.getByRole('switch', { name: 'Redact personal data' });
    await redact.waitFor({ timeout: 15_000 });
    const before = await redact.isChecked();
    await redact.click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Summary settings saved.').waitFor();
    const saved = await page.evaluate(
      async () => ((await (await fetch('/api/settings')).json()) as { redactPii: boolean }).redactPii,
    );
    expect(saved).toBe(!before);
    await screenshot(page, 'web-settings-summaries');

    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    for (const [tab, heading, shot] of [
      ['Users & roles', 'Users & roles', 'web-settings-users'],
      ['Integrations', 'Integrations', 'web-settings-integrations'],
      ['Billing', 'Billing', 'web-settings-billing'],
      ['Account', 'Account', 'web-settings-account'],
      ['Audit log', 'Audit log', 'web-settings-audit'],
    ] as const) {
      await nav.getByRole('link', { name: tab }).click();
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      await page
        .locator('[aria-busy="true"]')
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 })
        .catch(() => undefined);
      await screenshot(page, shot);
    }
    // The audit log recorded the change just made.
    await page.getByText('Changed summary settings').first().waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the integrations callback feedback, in dark mode', async () => {
    const { page } = await signIn(/Avery Morgan/, { dark: true });
    await page.goto(
      `${app.url}/app/settings/integrations?error=${encodeURIComponent('HubSpot is not configured on this server.')}`,
    );
    await page.getByText('HubSpot is not configured on this server.').waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'HubSpot', level: 3 }).waitFor();
    await screenshot(page, 'web-settings-integrations-dark');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await eventually(() => new URL(page.url()).search).toBe('');
    await page.context().close();
  });

  it('keeps supervisors out of settings', async () => {
    const { page } = await signIn(/Sam Okafor/);
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).count(),
    ).toBe(0);
    await page.goto(`${app.url}/app/settings/categories`);
    await page.getByRole('heading', { name: /don.t have access/ }).waitFor();
    await page.context().close();
  });
});
