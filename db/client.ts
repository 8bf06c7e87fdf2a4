import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema> & { $client: postgres.Sql };

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
    onnotice: () => undefined,
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
