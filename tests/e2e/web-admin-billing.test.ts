import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { HttpSession, startTestApp, type TestApp } from '../helpers/app';
import path from 'node:path';
import { launchBrowser, screenshot, SCREENSHOT_DIR } from '../helpers/browser';
import { signInAsDemoUser } from '../helpers/web-page';
import { eventually, freePort, settled } from './web-admin-browser';

/**
 * Settings > Billing with Stripe configured (the fake Stripe): plans and their limits, Checkout on
 * Stripe's page and back with the paid plan active, usage against the new limit, invoices, the
 * Customer Portal, and a failed payment's grace banner in the app.
 */

let app: TestApp;
let stripe: FakeStripe;
let browser: Browser;
let orgId: string;

beforeAll(async () => {
  const port = await freePort();
  // Checkout's success URL and the Portal's return URL are built from PUBLIC_URL: it must be this app.
  const publicUrl = `http://localhost:${port}`;
  stripe = await startFakeStripe({ webhookUrl: `${publicUrl}/webhooks/stripe` });
  app = await startTestApp({
    env: {
      DEMO_MODE: 'true',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE_URL: stripe.url,
    },
    start: { client: 'vite' },
  });
  const [demo] = await app.database.owner<{ id: string }[]>`select id from organizations where is_demo`;
  orgId = demo!.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await stripe?.close();
});

/** Usage as the summarizer would have counted it, for the period the billing page shows. */
async function setUsage(page: Page, used: number): Promise<void> {
  const { periodStart, limit } = await page.evaluate(
    async () =>
      ((await (await fetch('/api/billing')).json()) as { usage: { periodStart: string; limit: number } })
        .usage,
  );
  await app.database.owner`insert into usage_periods (org_id, period_start, summaries_used, summaries_limit)
    values (${orgId}, ${periodStart}, ${used}, ${limit})
    on conflict (org_id, period_start) do update set summaries_used = excluded.summaries_used`;
}

const usageText = (page: Page) => page.locator('.usage-numbers').textContent();
const planCard = (page: Page, name: string) =>
  page.locator('section.plan-card').filter({ has: page.getByRole('heading', { level: 4, name }) });

async function openBilling(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: 'Billing' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Billing' }).waitFor();
  await page.getByRole('heading', { level: 3, name: 'Plans' }).waitFor({ timeout: 30_000 });
}

describe('Settings > Billing with Stripe configured', () => {
  it('subscribes through Checkout, shows the paid plan, usage and invoices, opens the Portal, and warns of a failed payment', async () => {
    const { page, errors } = await signInAsDemoUser(browser, app.url, /Avery Morgan/);
    await openBilling(page);

    // The Free plan, its limit, and what each paid plan includes.
    await setUsage(page, 41);
    await page.reload();
    await eventually(() => usageText(page)).toBe('41 of 50 summaries');
    await page.getByText('9 summaries left this period.').waitFor();
    await planCard(page, 'Free').getByText('Current plan').waitFor();
    await planCard(page, 'Team').getByText('300 summaries per seat a month').waitFor();
    await planCard(page, 'Business').getByText('1,000 summaries per seat a month').waitFor();
    await page.getByText('No invoices yet').waitFor();
    await screenshot(page, 'web-billing-free');

    // Changing one's mind on Stripe's page comes back with nothing charged.
    await planCard(page, 'Team').getByRole('button', { name: 'Choose Team' }).click();
    await page.waitForURL(`${stripe.url}/checkout/**`, { timeout: 30_000 });
    await page.getByRole('link', { name: 'Back' }).click();
    await page.waitForURL(`${app.url}/app/settings/billing?checkout=cancelled`, { timeout: 30_000 });
    await page.getByText('Checkout cancelled.').waitFor({ timeout: 30_000 });
    await page.getByText('Nothing was charged and your plan is unchanged.').waitFor();

    // Team for 3 seats → Stripe's Checkout page → pay → back in Settings > Billing.
    const team = planCard(page, 'Team');
    await team.getByLabel('Seats').fill('3');
    await team.getByText('$57 a month').waitFor();
    await team.getByRole('button', { name: 'Choose Team' }).click();
    await page.waitForURL(`${stripe.url}/checkout/**`, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'Subscribe' }).waitFor();
    expect(await page.locator('li').first().innerText()).toContain('CallRecap Team × 3');
    await screenshot(page, 'web-billing-stripe-checkout');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL(`${app.url}/app/settings/billing?checkout=success`, { timeout: 30_000 });
    await page.getByText("You're subscribed to Team.").waitFor({ timeout: 30_000 });

    // The webhooks made the Team plan active; the new period's limit is 300 per seat.
    await eventually(() => page.locator('.plan-name').textContent()).toBe('Team Active');
    await planCard(page, 'Team').getByText('Current plan').waitFor();
    const [org] = await app.database
      .owner`select plan, seats, subscription_status, stripe_subscription_id from organizations where id = ${orgId}`;
    expect(org).toMatchObject({ plan: 'team', seats: 3, subscription_status: 'active' });
    await setUsage(page, 412);
    await page.reload();
    await eventually(() => usageText(page)).toBe('412 of 900 summaries');
    const invoices = page.getByRole('region', { name: 'Invoices' }).getByRole('row');
    await eventually(() => invoices.count()).toBe(2);
    expect(await invoices.nth(1).innerText()).toMatch(/Paid[\s\S]*\$57\.00/);
    // With a subscription, plan and seat changes go to Stripe's portal: no second Checkout is offered.
    expect(await page.locator('form.plan-checkout').count()).toBe(0);
    await settled(page);
    await screenshot(page, 'web-billing-team-active');
    const [admin] = await app.database.owner<
      { id: string }[]
    >`select id from users where org_id = ${orgId} and role = 'admin'`;
    const api = await HttpSession.signedIn(app, { id: admin!.id, orgId, role: 'admin' });
    const second = await api.post('/api/billing/checkout', { planId: 'business', seats: 3 });
    expect(second.status).toBe(409);

    // The Customer Portal shows the subscription; its Return link comes back here.
    await page.getByRole('button', { name: 'Change plan or seats' }).click();
    await page.waitForURL(`${stripe.url}/billing_portal/**`, { timeout: 30_000 });
    await page.getByRole('heading', { name: /CallRecap Team — 3 seats \(active\)/ }).waitFor();
    await screenshot(page, 'web-billing-stripe-portal');
    await page.getByRole('link', { name: 'Return' }).click();
    await page.waitForURL(`${app.url}/app/settings/billing`, { timeout: 30_000 });
    await page.getByRole('heading', { level: 3, name: 'Plans' }).waitFor({ timeout: 30_000 });

    // The renewal is declined: the grace banner on Billing, and a notice across the app.
    await stripe.helpers.failPayment(String(org!.stripe_subscription_id));
    await page.reload();
    const grace = page.getByRole('alert').filter({ hasText: 'Your last payment failed.' });
    await grace.waitFor({ timeout: 30_000 });
    expect(await grace.innerText()).toMatch(/Everything keeps working until/);
    await grace.getByRole('button', { name: 'Update payment method' }).waitFor();
    await eventually(() => page.locator('.plan-name').textContent()).toBe('Team Past due');
    await page.getByRole('region', { name: 'Invoices' }).getByRole('link', { name: 'Pay' }).waitFor();
    // The page's own alert says it; the app-wide notice does not repeat it here.
    expect(await page.getByText(/A payment failed/).count()).toBe(0);
    await settled(page);
    await screenshot(page, 'web-billing-payment-failed');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Engagements' }).click();
    const notice = page.getByRole('region', { name: 'Notices' }).or(page.locator('.banners'));
    await notice.getByText(/A payment failed/).waitFor({ timeout: 30_000 });
    await notice.getByRole('link', { name: 'Update billing' }).waitFor();
    await settled(page);
    // The top of the page is what matters here (the list below is long).
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-billing-payment-failed-banner.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
