import session from 'express-session';
import type { Database } from '../../db/client';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    orgId?: string;
    role?: 'agent' | 'supervisor' | 'admin';
    csrfToken?: string;
    /** When the user signed in; sessions end 12 hours later whatever the activity. */
    signedInAt?: number;
    oauth?: { state: string; verifier: string; returnTo: string; startedAt: number };
    crmOauth?: { state: string; kind: 'hubspot' | 'salesforce'; environment: 'production' | 'sandbox'; startedAt: number; codeVerifier?: string };
  }
}

/** A 30-minute idle timeout loses at most this much precision; saves a write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * express-session's store on our Postgres. Kept in-house (not connect-pg-simple) because we need
 * org_id and user_id columns to end sessions per user and per organization, on the driver we use.
 */
export class PostgresSessionStore extends session.Store {
  /** When this process last extended each session: the idle timeout moves at most once a minute. */
  private readonly touched = new Map<string, number>();

  constructor(private readonly db: Database) {
    super();
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    this.db.$client`select data from sessions where sid = ${sid} and expires_at > now()`
      .then((rows) => callback(undefined, (rows[0]?.data as session.SessionData | undefined) ?? null))
      .catch((error: unknown) => callback(error));
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const expiresAt = data.cookie.expires ?? new Date(Date.now() + 30 * 60_000);
    // drizzle's pool passes json parameters through untouched, so send the text and cast it.
    const json = JSON.stringify(data);
    this.db.$client`
      insert into sessions (sid, org_id, user_id, data, expires_at)
      values (${sid}, ${data.orgId ?? null}, ${data.userId ?? null}, ${json}::jsonb, ${new Date(expiresAt).toISOString()})
      on conflict (sid) do update set org_id = excluded.org_id, user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at`
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const now = Date.now();
    if (now - (this.touched.get(sid) ?? 0) < TOUCH_INTERVAL_MS) {
      callback?.();
      return;
    }
    if (this.touched.size > 50_000) this.touched.clear();
    this.touched.set(sid, now);
    const expiresAt = data.cookie.expires ?? new Date(Date.now() + 30 * 60_000);
    this.db.$client`update sessions set expires_at = ${new Date(expiresAt).toISOString()} where sid = ${sid}`
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }

  override destroy(sid: string, callback?: Callback): void {
    this.db.$client`delete from sessions where sid = ${sid}`
      .then(() => callback?.())
      .catch((error: unknown) => callback?.(error));
  }
}

export async function endSessionsOfUser(db: Database, orgId: string, userId: string): Promise<number> {
  const rows = await db.$client`delete from sessions where org_id = ${orgId} and user_id = ${userId} returning sid`;
  return rows.length;
}

export async function endSessionsOfOrg(db: Database, orgId: string): Promise<number> {
  const rows = await db.$client`delete from sessions where org_id = ${orgId} returning sid`;
  return rows.length;
}

export async function deleteExpiredSessions(db: Database): Promise<number> {
  const rows = await db.$client`delete from sessions where expires_at <= now() returning sid`;
  return rows.length;
}
