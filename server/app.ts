import express, { type Express, type Router } from 'express';
import type { Services } from './services';
import { requestContext } from './http/request-context';
import { securityHeaders, noStore } from './http/security-headers';
import { sessions } from './http/session';
import { csrfProtection } from './http/csrf';
import { abuseLimits } from './http/rate-limit';
import { errorHandler, notFoundHandler } from './http/errors';
import { loadCurrentUser } from './auth/current-user';
import { healthRoutes } from './health/routes';
import { metricsRoutes } from './observability/metrics';
import { authRoutes } from './auth/routes';
import { engagementRoutes } from './engagements/routes';
import { summaryRoutes } from './summaries/routes';
import { crmRoutes } from './crm/routes';
import { accountRoutes } from './account/routes';
import { settingsRoutes } from './settings/routes';
import { analyticsRoutes } from './analytics/routes';
import { auditRoutes } from './audit/routes';
import { notificationRoutes } from './notifications/routes';
import { filterRoutes } from './engagements/filters';
import { billingRoutes, stripeWebhookRoutes } from './billing/routes';
import { bindZoomAppContext, zoomAuthRoutes, zoomWebhookRoutes } from './zoom/routes';

export type RouterFactory = (services: Services) => Router;

export interface AppOptions {
  /** The React app (Vite middleware or the build); tests of the API may leave it out. */
  client?: Router;
  isShuttingDown?: () => boolean;
  /** Extra routes that verify their own signatures and need the raw body, mounted before sessions. */
  webhooks?: RouterFactory[];
  /** Extra API routers (tests), mounted behind sessions and CSRF protection. */
  api?: RouterFactory[];
}

/**
 * The app factory: wiring only. Every route family is listed here, in the order requests meet it.
 */
export function createApp(services: Services, options: AppOptions = {}): Express {
  const app = express();
  const secure = services.config.publicUrl.startsWith('https://');
  app.disable('x-powered-by');
  app.set('trust proxy', secure ? 1 : false);
  app.set('query parser', 'simple');

  const { metrics } = services;
  app.use(
    requestContext(services.log, (method, route, status, seconds) =>
      metrics.httpDuration.observe({ method, route, status: String(status) }, seconds),
    ),
  );
  app.use(securityHeaders({ development: !services.config.production }));
  app.use(healthRoutes(services, options.isShuttingDown ?? (() => false)));
  app.use(metricsRoutes(metrics, services.boss, services.config.metricsToken));

  // Webhooks authenticate by signature over the exact bytes received, so they parse their own bodies.
  app.use(zoomWebhookRoutes(services, (result) => metrics.webhooks.inc({ source: 'zoom', result })));
  app.use(stripeWebhookRoutes(services));
  for (const router of options.webhooks ?? []) app.use(router(services));

  app.use(['/api', '/auth'], noStore);
  // Per-IP before sessions, so a flood of sign-in attempts creates no session rows.
  const limits = abuseLimits(services);
  app.use('/auth', ...limits.auth);
  app.use(express.json({ limit: '100kb', strict: true }));
  app.use(...sessions(services.db, { secret: services.config.sessionSecret, secure, now: () => services.clock.now().getTime() }));
  app.use(csrfProtection(new URL(services.config.publicUrl).origin));
  app.use(loadCurrentUser(services));
  app.use(bindZoomAppContext(services));
  app.use('/api', ...limits.api);
  app.post('/api/engagements/:id/summary/retry', ...limits.summaryRetry);

  app.use(authRoutes(services));
  app.use(zoomAuthRoutes(services));
  app.use(engagementRoutes(services));
  app.use(summaryRoutes(services));
  app.use(crmRoutes(services));
  app.use(accountRoutes(services));
  app.use(settingsRoutes(services));
  app.use(analyticsRoutes(services));
  app.use(auditRoutes(services));
  app.use(notificationRoutes(services));
  app.use(filterRoutes(services));
  app.use(billingRoutes(services));
  // Route families added by each concept (analytics, settings, audit, notifications) go here.
  for (const router of options.api ?? []) app.use(router(services));

  if (options.client) app.use(options.client);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
