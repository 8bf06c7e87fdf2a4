import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshot } from './browser';

/** What the web e2e tests share: a watched page, demo sign-in, and patient polling. */

/** Polls until the page catches up; generous, because two cores are shared by several test runs. */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

export interface WatchedPage {
  page: Page;
  /** Uncaught errors, console errors and HTTP responses >= 400 seen so far: a screen should have none. */
  errors: string[];
}

/** A fresh browser context at laptop size that records everything going wrong on its page. */
export async function watchedPage(browser: Browser, options: { dark?: boolean } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    colorScheme: options.dark ? 'dark' : 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  // Vite's dev client logs its HMR socket; the browser logs failed requests without their address (the
  // response listener names them).
  page.on('pageerror', (error) => {
    if (!/WebSocket|\[vite\]/.test(error.message)) errors.push(error.message);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !/WebSocket|\[vite\]|Failed to load resource/.test(message.text()))
      errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return { page, errors };
}

/** Signs in as a demo user (the demo sign-in page lists them as buttons) and waits for the engagements page. */
export async function signInAsDemoUser(
  browser: Browser,
  baseUrl: string,
  name: RegExp,
  options: { dark?: boolean } = {},
): Promise<WatchedPage> {
  const watched = await watchedPage(browser, options);
  const { page, errors } = watched;
  await page.goto(`${baseUrl}/app`);
  await page.getByRole('button', { name }).click();
  try {
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /engagements/i })
      .waitFor({ timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'web-failure-sign-in');
    throw new Error(
      `Demo sign-in did not reach the engagements page (${errors.join('; ') || 'no errors logged'})`,
      { cause: error },
    );
  }
  return watched;
}
