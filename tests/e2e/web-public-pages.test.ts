import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshot } from '../helpers/browser';
import { watchedPage, type WatchedPage } from '../helpers/web-page';

/** The public site a Zoom Marketplace reviewer and a prospect see: landing, legal pages, contact, sign-in. */

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

async function openPage(path: string, options: { dark?: boolean } = {}): Promise<WatchedPage> {
  const watched = await watchedPage(browser, options);
  await watched.page.goto(`${app.url}${path}`);
  return watched;
}

async function footerLinks(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Legal and contact' }).getByRole('link').allInnerTexts();
}

describe('public pages', () => {
  it('the landing page explains the product and how to install it, in light and dark', async () => {
    const { page, errors } = await openPage('/');
    await page.getByRole('heading', { level: 1, name: /summarized and in your CRM/ }).waitFor();
    await page.getByRole('heading', { name: 'Get CallRecap from the Zoom App Marketplace' }).waitFor();
    expect(await page.getByText(/HubSpot or Salesforce/).count()).toBeGreaterThan(0);
    expect(await footerLinks(page)).toEqual(expect.arrayContaining(['Privacy', 'Terms', 'Contact']));
    await screenshot(page, 'web-landing');

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to CallRecap' }).waitFor();
    const zoomLink = page.getByRole('link', { name: 'Sign in with Zoom' });
    expect(await zoomLink.getAttribute('href')).toBe('/auth/zoom?returnTo=%2Fapp');
    await page.getByRole('button', { name: /Sam Okafor/ }).waitFor();
    await screenshot(page, 'web-sign-in');

    // Dark mode, once colour transitions have settled.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(400);
    await screenshot(page, 'web-sign-in-dark');
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: /summarized and in your CRM/ }).waitFor();
    await screenshot(page, 'web-landing-dark');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the privacy policy is the approved text, verbatim, with working contact links', async () => {
    const { page, errors } = await openPage('/privacy');
    await page.getByRole('heading', { level: 1, name: 'Privacy Policy' }).waitFor();
    const source = await readFile('client/src/web/legal/privacy-policy.txt', 'utf8');
    const seed = await readFile('/work/shared/seed/privacy-policy.txt', 'utf8').catch(() => source);
    expect(source).toBe(seed);
    // Every heading and paragraph of the text appears on the page as written.
    const pageText = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const line of source
      .split('\n')
      .map((l) => l.replace(/^\s*•\s*/, '').trim())
      .filter(Boolean)) {
      expect(pageText).toContain(line.replace(/\s+/g, ' '));
    }
    expect(
      await page.getByRole('link', { name: 'privacy@mail.callrecap.io' }).first().getAttribute('href'),
    ).toBe('mailto:privacy@mail.callrecap.io');
    await screenshot(page, 'web-privacy');

    await page.getByRole('link', { name: 'Terms of Service' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Terms of Service' }).waitFor();
    await screenshot(page, 'web-terms');

    await page
      .getByRole('navigation', { name: 'Legal and contact' })
      .getByRole('link', { name: 'Contact' })
      .click();
    await page.getByRole('heading', { level: 1, name: /here to help/ }).waitFor();
    expect(await page.getByRole('link', { name: 'privacy@mail.callrecap.io' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'support@mail.callrecap.io' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'web-contact');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an unknown address shows a friendly 404 with the footer', async () => {
    const { page } = await openPage('/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await footerLinks(page)).toEqual(expect.arrayContaining(['Privacy', 'Terms', 'Contact']));
    await page.context().close();
  });
});
