import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ start: { client: 'vite' } });
});
afterAll(() => app.close());

const HTML_PAGES = ['/', '/app', '/app/engagements/00000000-0000-0000-0000-000000000000', '/app/settings', '/panel', '/privacy', '/terms', '/contact'];

describe('security headers Zoom requires on every HTML response', () => {
  for (const path of HTML_PAGES) {
    it(`${path} carries HSTS, nosniff, a strict CSP and Referrer-Policy`, async () => {
      const response = await fetch(app.url + path, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain('https://appssdk.zoom.us');
      expect(csp).toMatch(/frame-ancestors 'self' https:\/\/\*\.zoom\.us https:\/\/\*\.zoom\.com/);
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp).not.toContain("'unsafe-inline'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(response.headers.get('x-frame-options')).toBeNull();
      // Every script tag carries this response's nonce, so the strict CSP lets exactly our scripts run.
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    });
  }

  it('gives every HTML response its own nonce', async () => {
    const first = (await fetch(app.url + '/app')).headers.get('content-security-policy');
    const second = (await fetch(app.url + '/app')).headers.get('content-security-policy');
    expect(first).not.toEqual(second);
  });

  it('marks authenticated JSON as no-store', async () => {
    const response = await fetch(app.url + '/api/session');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
