import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type Request, type Response } from 'express';
import { cspNonce } from '../http/security-headers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLIENT_DIR = path.join(ROOT, 'client');
const BUILD_DIR = path.join(ROOT, 'dist', 'client');
/** Vite writes this into every script and style tag (vite.config.ts html.cspNonce); we swap in each response's nonce. */
export const NONCE_PLACEHOLDER = 'CSP_NONCE_PLACEHOLDER';

/** Paths the SPA never answers: APIs, auth callbacks, webhooks and probes get a JSON 404 instead. */
const NOT_HTML = /^\/(api|auth|webhooks|healthz|readyz|metrics|assets)(\/|$)/;

type HtmlPage = 'index.html' | 'panel.html';

export interface ClientAssets {
  router: Router;
  close(): Promise<void>;
}

/**
 * Serves the React app: through Vite's middleware in development (hot reload), from the build in
 * production. Two entry pages: the web view and the much smaller Zoom panel.
 */
export async function clientAssets(mode: 'vite' | 'build', options: { hotReload?: boolean } = {}): Promise<ClientAssets> {
  const router = Router();
  let render: (req: Request, page: HtmlPage) => Promise<string>;
  let close = (): Promise<void> => Promise.resolve();

  if (mode === 'vite') {
    const { createServer } = await import('vite');
    const vite = await createServer({
      configFile: path.join(ROOT, 'vite.config.ts'),
      // Tests run many servers at once: without hot reload there is no websocket port to fight over.
      server: { middlewareMode: true, ...(options.hotReload === false ? { ws: false, hmr: false } : {}) },
      appType: 'custom',
      logLevel: 'warn',
    });
    router.use(vite.middlewares);
    render = async (req, page) => vite.transformIndexHtml(req.originalUrl, await readFile(path.join(CLIENT_DIR, page), 'utf8'));
    close = () => vite.close();
  } else {
    router.use('/assets', express.static(path.join(BUILD_DIR, 'assets'), { immutable: true, maxAge: '365d', index: false }));
    const files = express.static(BUILD_DIR, { index: false, maxAge: '1h' });
    // The HTML entries are templates: served as files they would carry the nonce placeholder and be cached.
    router.use((req, res, next) => (req.path.endsWith('.html') ? next() : files(req, res, next)));
    const cache = new Map<HtmlPage, string>();
    render = async (_req, page) => {
      let html = cache.get(page);
      if (!html) {
        html = await readFile(path.join(BUILD_DIR, page), 'utf8');
        cache.set(page, html);
      }
      return html;
    };
  }

  const send = async (req: Request, res: Response, page: HtmlPage) => {
    const html = (await render(req, page)).replaceAll(NONCE_PLACEHOLDER, cspNonce(res));
    res.status(200).type('html').setHeader('Cache-Control', 'no-cache').send(html);
  };

  router.get(/^\/panel(\/.*)?$/, (req, res) => send(req, res, 'panel.html'));
  router.get(/.*/, async (req, res, next) => {
    if (NOT_HTML.test(req.path) || !req.accepts('html')) return next();
    await send(req, res, 'index.html');
  });
  return { router, close };
}
