import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema> & { $client: postgres.Sql };

/**
 * Options for every postgres.js client we open. The driver's own array-type lookup on each new
 * connection drops its promise, so a connection reset during it (a database restart) becomes an
 * unhandled rejection that ends the process (porsager/postgres#1192, open in 3.4.9). We skip the
 * lookup and pass arrays as text literals or JSON instead.
 */
export const DRIVER_OPTIONS = { onnotice: () => undefined, fetch_types: false } as const;

export interface ConnectOptions {
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell web from worker connections. */
  applicationName?: string;
}

/**
 * A pooled connection as the app's non-owner role; tenant data is reached only through db/tenant.ts.
 * drizzle makes the driver pass timestamps and json through as text, so raw queries on `$client`
 * send ISO strings and JSON.stringify(...)::jsonb, never Date or object parameters.
 */
export function connect(url: string, options: ConnectOptions = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    ...DRIVER_OPTIONS,
    connection: { application_name: options.applicationName ?? 'callrecap' },
  });
  return drizzle<Schema, postgres.Sql>(client, { schema });
}

export async function disconnect(db: Database, timeoutSeconds = 5): Promise<void> {
  await db.$client.end({ timeout: timeoutSeconds });
}

/** The app role's URL: given explicitly, or the owner URL with the app role's name and password. */
export function deriveAppUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}
