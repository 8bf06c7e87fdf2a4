import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

const INCOMING_ID = /^[A-Za-z0-9._-]{8,80}$/;

/** A request id (reused from a trusted proxy when well-formed), a child logger, and one log line per request. */
export function requestContext(logger: Logger, observe?: (method: string, route: string, status: number, seconds: number) => void): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    req.id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      observe?.(req.method, route, res.statusCode, seconds);
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
      req.log[level]({ method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  };
}

/** The matched route pattern (never the raw path, which can hold ids) for logs and metrics. */
export function routeLabel(req: { baseUrl?: string; route?: { path?: unknown } }): string {
  const routePath = req.route?.path;
  return typeof routePath === 'string' ? `${req.baseUrl ?? ''}${routePath}` : 'unmatched';
}
