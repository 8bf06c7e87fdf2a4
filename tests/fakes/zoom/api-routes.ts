import { createHmac, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import { countCall, type FakeZoomContext } from './context';
import {
  contactCenterUserJson,
  engagementJson,
  isMessaging,
  recordingJson,
  userJson,
  zoomTime,
} from './serialize';
import { opaqueToken, type FakeGrant } from './state';

/**
 * api.zoom.us/v2: the Users and Contact Center endpoints CallRecap calls, with Zoom's error bodies
 * (`{ code, message }`), scope checks, account isolation, paging and signed file redirects.
 */

const SCOPES = {
  me: ['user:read:user:admin', 'user:read:user', 'user:read:admin', 'user:read'],
  contactCenterUser: ['contact_center:read:user:admin', 'contact_center_user:read:admin'],
  engagement: ['contact_center:read:engagement:admin', 'contact_center_report:read:admin'],
  listEngagements: ['contact_center:read:list_engagements:admin', 'contact_center_report:read:admin'],
  recordings: ['contact_center:read:list_recordings:admin', 'contact_center_recording:read:admin'],
} as const;

const RATE_LABEL: Array<[RegExp, string]> = [
  [/\/recordings$/, 'Medium'],
  [/\/engagements$/, 'Medium'],
  [/.*/, 'Light'],
];

const PAGE_TOKEN_TTL_MS = 15 * 60_000;
const STORAGE_URL_TTL_MS = 10 * 60_000;
const ONE_MONTH_MS = 31 * 24 * 3600_000;

type Locals = { grant: FakeGrant };

export function apiRoutes(ctx: FakeZoomContext): express.Router {
  const router = express.Router();
  const apiBase = () => `${ctx.origin()}/v2`;

  router.use('/v2', track(ctx), authenticate(ctx), injectFaults(ctx));

  const route = (pattern: string, handler: (req: Request, res: Response<unknown, Locals>) => void) =>
    router.get(pattern, (req, res: Response<unknown, Locals>) => {
      countCall(ctx.stats, `GET ${pattern}`);
      handler(req, res);
    });

  route('/v2/users/me', (_req, res) => {
    if (!hasScope(res, SCOPES.me)) return;
    const user = ctx.state.users.get(res.locals.grant.userId);
    const account = ctx.state.accounts.get(res.locals.grant.accountId);
    if (!user || !account) return zoomError(res, 404, 1001, 'User does not exist: me.');
    res.json(userJson(user, account));
  });

  route('/v2/contact_center/users/:userId', (req, res) => {
    if (!hasScope(res, SCOPES.contactCenterUser)) return;
    const user = ctx.state.users.get(String(req.params.userId));
    if (!user || user.accountId !== res.locals.grant.accountId || !user.contactCenterRole)
      return zoomError(res, 404, 300, 'Invalid user ID.');
    res.json(contactCenterUserJson(user));
  });

  route('/v2/contact_center/engagements', (req, res) => {
    if (!hasScope(res, SCOPES.listEngagements)) return;
    const range = dateRange(req, 24 * 3600_000);
    if ('error' in range) return zoomError(res, 400, 300, range.error);
    const pageSize = clampPageSize(req.query.page_size, 10, 100);
    const matching = [...ctx.state.engagements.values()]
      .filter(
        (e) =>
          e.accountId === res.locals.grant.accountId &&
          e.endTime &&
          e.startTime >= range.from &&
          e.startTime <= range.to,
      )
      .sort((a, b) => b.startTime.getTime() - a.startTime.getTime() || a.id.localeCompare(b.id));
    const page = paginate(
      ctx,
      req,
      `engagements|${range.from.toISOString()}|${range.to.toISOString()}|${pageSize}`,
      matching,
      pageSize,
    );
    if ('error' in page) return zoomError(res, 400, 300, page.error);
    res.json({
      next_page_token: page.nextPageToken,
      page_size: pageSize,
      total_records: matching.length,
      timezone: 'UTC',
      from: zoomTime(range.from),
      to: zoomTime(range.to),
      engagements: page.items.map((e) => engagementJson(e, ctx.state, apiBase())),
    });
  });

  route('/v2/contact_center/engagements/:engagementId', (req, res) => {
    if (!hasScope(res, SCOPES.engagement)) return;
    const engagement = ctx.state.engagements.get(String(req.params.engagementId));
    // Zoom serves an engagement only once it is over.
    if (!engagement || engagement.accountId !== res.locals.grant.accountId || !engagement.endTime) {
      return zoomError(res, 404, 2901, `Engagement does not exist: ${String(req.params.engagementId)}.`);
    }
    res.json(engagementJson(engagement, ctx.state, apiBase()));
  });

  route('/v2/contact_center/engagements/:engagementId/recordings', (req, res) => {
    if (!hasScope(res, SCOPES.recordings)) return;
    const id = String(req.params.engagementId);
    const engagement = ctx.state.engagements.get(id);
    if (!engagement || engagement.accountId !== res.locals.grant.accountId) {
      return zoomError(
        res,
        404,
        2805,
        `Engagement recordings does not exist or you do not have the corresponding operation authority: ${id}.`,
      );
    }
    const recordings = [...ctx.state.recordings.values()]
      .filter((r) => r.engagementId === id)
      .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    const pageSize = clampPageSize(req.query.page_size, 30, 300);
    const page = paginate(ctx, req, `recordings|${id}|${pageSize}`, recordings, pageSize);
    if ('error' in page) return zoomError(res, 400, 300, page.error);
    res.json({
      next_page_token: page.nextPageToken,
      page_size: pageSize,
      from: zoomTime(new Date(Date.now() - 30 * 24 * 3600_000)),
      to: zoomTime(new Date()),
      recordings: page.items.map((r) => recordingJson(r, ctx.state, apiBase())),
    });
  });

  route('/v2/contact_center/recording/transcripts/:recordingId', (req, res) => {
    const recording = ctx.state.recordings.get(String(req.params.recordingId));
    if (!recording || recording.accountId !== res.locals.grant.accountId)
      return zoomError(res, 404, 3001, 'File does not exist.');
    if (ctx.faults.transcriptNotReady > 0 || !recording.transcript) {
      ctx.faults.transcriptNotReady = Math.max(0, ctx.faults.transcriptNotReady - 1);
      return zoomError(res, 404, 3001, 'File does not exist.');
    }
    res.redirect(302, signedStorageUrl(ctx, `/fake-storage/transcripts/${recording.id}.vtt`));
  });

  route('/v2/contact_center/engagements/transcripts/download/:engagementId', (req, res) => {
    const engagement = ctx.state.engagements.get(String(req.params.engagementId));
    if (!engagement || engagement.accountId !== res.locals.grant.accountId || !isMessaging(engagement))
      return zoomError(res, 404, 3001, 'File does not exist.');
    if (ctx.faults.transcriptNotReady > 0 || !engagement.messagingTranscript) {
      ctx.faults.transcriptNotReady = Math.max(0, ctx.faults.transcriptNotReady - 1);
      return zoomError(res, 404, 3001, 'File does not exist.');
    }
    res.redirect(302, signedStorageUrl(ctx, `/fake-storage/messaging/${engagement.id}.txt`));
  });

  router.use('/v2', (_req, res) => zoomError(res, 404, 404, 'Not found.'));
  return router;
}

/** Zoom's file storage, on its own host: no bearer token, the URL itself is signed and short-lived. */
export function storageRoutes(ctx: FakeZoomContext): express.Router {
  const router = express.Router();
  router.get('/fake-storage/:kind/:file', (req, res) => {
    countCall(ctx.stats, 'GET /fake-storage/:kind/:file');
    ctx.stats.storageRequests.push({
      path: req.path,
      hadAuthorization: req.headers.authorization !== undefined,
    });
    if (!validStorageSignature(ctx, req))
      return void res.status(403).type('text/plain').send('Request has expired or the signature is invalid.');
    const [id, extension] = String(req.params.file).split('.');
    if (req.params.kind === 'transcripts' && extension === 'vtt') {
      const transcript = id ? ctx.state.recordings.get(id)?.transcript : undefined;
      if (transcript)
        return void res
          .type('text/vtt; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="${id}.vtt"`)
          .send(transcript);
    }
    if (req.params.kind === 'messaging' && extension === 'txt') {
      const transcript = id ? ctx.state.engagements.get(id)?.messagingTranscript : undefined;
      if (transcript) return void res.type('text/plain; charset=utf-8').send(transcript);
    }
    res.status(404).type('text/plain').send('Not found.');
  });

  return router;
}

function track(ctx: FakeZoomContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stats = ctx.stats;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => {
      stats.inFlight -= 1;
      const accountId = (res.locals as Partial<Locals>).grant?.accountId ?? null;
      if (accountId)
        stats.inFlightByAccount.set(accountId, (stats.inFlightByAccount.get(accountId) ?? 1) - 1);
      stats.requests.push({
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? '',
        status: res.statusCode,
        accountId,
      });
    });
    next();
  };
}

function authenticate(ctx: FakeZoomContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const record = ctx.state.accessTokens.get(token);
    const grant = record ? ctx.state.grants.get(record.grantId) : undefined;
    if (!record || !grant || grant.revoked) return zoomError(res, 401, 124, 'Invalid access token.');
    if (record.expiresAt <= Date.now()) return zoomError(res, 401, 124, 'Access token is expired.');
    (res.locals as Locals).grant = grant;
    const inFlight = (ctx.stats.inFlightByAccount.get(grant.accountId) ?? 0) + 1;
    ctx.stats.inFlightByAccount.set(grant.accountId, inFlight);
    ctx.stats.maxInFlightByAccount.set(
      grant.accountId,
      Math.max(ctx.stats.maxInFlightByAccount.get(grant.accountId) ?? 0, inFlight),
    );
    next();
  };
}

function injectFaults(ctx: FakeZoomContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const fault = ctx.faults.take(req.originalUrl.split('?')[0] ?? '');
    if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
    if (!fault) return next();
    if (fault.kind === 'hang') return; // the socket stays open until the client gives up or the fake closes
    if (fault.kind === 'server_error')
      return zoomError(res, fault.status, fault.status, 'Internal Error. Please try again later.');
    const path = req.originalUrl.split('?')[0] ?? '';
    const label = RATE_LABEL.find(([pattern]) => pattern.test(path))?.[1] ?? 'Light';
    res.set({
      'X-RateLimit-Category': label,
      'X-RateLimit-Type': fault.rateLimitType,
      'X-RateLimit-Limit': label === 'Light' ? '20' : '10',
      'X-RateLimit-Remaining': '0',
    });
    if (fault.retryAfterSeconds !== null) res.set('Retry-After', String(fault.retryAfterSeconds));
    const message =
      fault.rateLimitType === 'QPS'
        ? 'You have reached the maximum per-second rate limit for this API. Try again later.'
        : 'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.';
    zoomError(res, 429, 429, message);
  };
}

function hasScope(res: Response<unknown, Locals>, anyOf: readonly string[]): boolean {
  if (anyOf.some((scope) => res.locals.grant.scopes.includes(scope))) return true;
  zoomError(res, 400, 4711, `Invalid access token, does not contain scopes:[${anyOf[0]}].`);
  return false;
}

function zoomError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ code, message });
}

function dateRange(req: Request, defaultSpanMs: number): { from: Date; to: Date } | { error: string } {
  const parse = (name: 'from' | 'to'): Date | null | undefined => {
    const value = req.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') return null;
    // A bare date means the whole day.
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T${name === 'from' ? '00:00:00' : '23:59:59'}Z`)
      : new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  };
  const from = parse('from');
  const to = parse('to');
  if (from === null) return { error: 'Invalid parameter: from.' };
  if (to === null) return { error: 'Invalid parameter: to.' };
  const end = to ?? new Date();
  const start = from ?? new Date(end.getTime() - defaultSpanMs);
  if (start > end) return { error: 'The from date must be before the to date.' };
  if (end.getTime() - start.getTime() > ONE_MONTH_MS)
    return { error: 'The date range can not be more than one month.' };
  return { from: start, to: end };
}

function clampPageSize(value: unknown, fallback: number, max: number): number {
  const number = typeof value === 'string' ? Number.parseInt(value, 10) : NaN;
  return Number.isFinite(number) && number > 0 ? Math.min(number, max) : fallback;
}

function paginate<T>(
  ctx: FakeZoomContext,
  req: Request,
  query: string,
  items: T[],
  pageSize: number,
): { items: T[]; nextPageToken: string } | { error: string } {
  const token = typeof req.query.next_page_token === 'string' ? req.query.next_page_token : '';
  let offset = 0;
  if (token) {
    const saved = ctx.state.pageTokens.get(token);
    if (!saved || saved.query !== query || saved.expiresAt < Date.now())
      return { error: 'The next page token is invalid or expired.' };
    offset = saved.offset;
  }
  const pageItems = items.slice(offset, offset + pageSize);
  let nextPageToken = '';
  if (offset + pageSize < items.length) {
    nextPageToken = opaqueToken('').slice(0, 32);
    ctx.state.pageTokens.set(nextPageToken, {
      query,
      offset: offset + pageSize,
      expiresAt: Date.now() + PAGE_TOKEN_TTL_MS,
    });
  }
  return { items: pageItems, nextPageToken };
}

function storageSignature(ctx: FakeZoomContext, path: string, expires: string): string {
  return createHmac('sha256', ctx.storageSecret).update(`${path}|${expires}`).digest('base64url');
}

function signedStorageUrl(ctx: FakeZoomContext, path: string): string {
  const expires = String(Date.now() + STORAGE_URL_TTL_MS);
  return `${ctx.storageOrigin()}${path}?expires=${expires}&signature=${storageSignature(ctx, path, expires)}`;
}

function validStorageSignature(ctx: FakeZoomContext, req: Request): boolean {
  const expires = typeof req.query.expires === 'string' ? req.query.expires : '';
  const signature = typeof req.query.signature === 'string' ? req.query.signature : '';
  if (!expires || Number(expires) < Date.now()) return false;
  const expected = Buffer.from(storageSignature(ctx, req.path, expires));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
