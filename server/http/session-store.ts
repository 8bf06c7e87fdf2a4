import { randomBytes } from 'node:crypto';
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

/** An id generated but not saved within this long was for a visitor who never needed a session. */
const UNSAVED_TTL_MS = 10 * 60_000;

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
  /** Ids this process generated and has not stored yet (see newSessionId). */
  private readonly unsaved = new Map<string, number>();

  constructor(private readonly db: Database) {
    super();
  }

  /**
   * express-session's genid: only an id made here may be inserted. Any other save is an update, so a
   * request that was in flight when a role change, deauthorization or deletion ended the session cannot
   * write it back when it finishes.
   */
  newSessionId(): string {
    const now = Date.now();
    if (this.unsaved.size > 10_000) {
      for (const [sid, at] of this.unsaved) if (now - at > UNSAVED_TTL_MS) this.unsaved.delete(sid);
    }
    const sid = randomBytes(24).toString('base64url');
    this.unsaved.set(sid, now);
    return sid;
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
    const expires = new Date(expiresAt).toISOString();
    const isNew = this.unsaved.delete(sid);
    const write = isNew
      ? this.db.$client`
          insert into sessions (sid, org_id, user_id, data, expires_at)
          values (${sid}, ${data.orgId ?? null}, ${data.userId ?? null}, ${json}::jsonb, ${expires})
          on conflict (sid) do update set org_id = excluded.org_id, user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at`
      : this.db.$client`
          update sessions set org_id = ${data.orgId ?? null}, user_id = ${data.userId ?? null}, data = ${json}::jsonb, expires_at = ${expires}
          where sid = ${sid}`;
    write.then(() => callback?.()).catch((error: unknown) => callback?.(error));
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
