import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What the admin e2e files add to tests/helpers/web-page.ts: a port known up front, patience, settled pages. */

/** Polls until the page (or a fake) catches up; generous, because two cores are shared by several test runs. */
export function eventually<T>(read: () => T | Promise<T>, timeout = 30_000) {
  return expect.poll(read, { timeout, interval: 250 });
}

/** Waits until no skeleton or busy region is left on the page (best effort: some pages never show one). */
export async function settled(page: Page): Promise<void> {
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
}

/** Lets CSS animations (a dialog fading in) finish, so a screenshot shows what a person sees. */
export async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined))),
  );
}

/**
 * A free port, so PUBLIC_URL can name it before the app listens: the OAuth redirect URIs registered at
 * the CRM fakes and Stripe's success URL must lead the browser back to the origin holding its session.
 */
export { freePort } from '../../db/embedded';
