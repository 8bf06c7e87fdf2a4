import session from 'express-session';
import type { RequestHandler } from 'express';
import type { Database } from '../../db/client';
import { PostgresSessionStore } from './session-store';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;

export interface SessionOptions {
  secret: string;
  /** True when served over HTTPS: the cookie is then __Host- prefixed, Secure, SameSite=None and Partitioned. */
  secure: boolean;
  now?: () => number;
}

export function sessionCookieName(secure: boolean): string {
  // __Host- pins the cookie to this exact host, path / and Secure; it needs HTTPS.
  return secure ? '__Host-callrecap.sid' : 'callrecap.sid';
}

/**
 * Sessions in Postgres. The panel runs inside Zoom's embedded browser (a third-party frame), so the
 * cookie must be SameSite=None + Partitioned there; CSRF protection makes up for SameSite.
 */
export function sessions(db: Database, options: SessionOptions): RequestHandler[] {
  const now = options.now ?? Date.now;
  const store = new PostgresSessionStore(db);
  const middleware = session({
    name: sessionCookieName(options.secure),
    secret: options.secret,
    store,
    genid: () => store.newSessionId(),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: options.secure,
    cookie: {
      httpOnly: true,
      secure: options.secure,
      sameSite: options.secure ? 'none' : 'lax',
      partitioned: options.secure,
      path: '/',
      maxAge: IDLE_TIMEOUT_MS,
    },
  });
  const absoluteTimeout: RequestHandler = (req, _res, next) => {
    const signedInAt = req.session.signedInAt;
    if (signedInAt !== undefined && now() - signedInAt > ABSOLUTE_TIMEOUT_MS) {
      // Gone from the store, and the request goes on as a signed-out visitor's (destroy left no session to read).
      req.session.regenerate((error: unknown) => next(error));
      return;
    }
    next();
  };
  return [middleware, absoluteTimeout];
}

/** A new session id on sign-in, so a planted id is worthless (session fixation). */
export function regenerateSession(req: Parameters<RequestHandler>[0]): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(toError(error)) : resolve())));
}

export function saveSession(req: Parameters<RequestHandler>[0]): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error: unknown) => (error ? reject(toError(error)) : resolve())));
}

export function destroySession(req: Parameters<RequestHandler>[0]): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(toError(error)) : resolve())));
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
