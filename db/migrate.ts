import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { DRIVER_OPTIONS } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

// Any fixed number works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK = 7_431_993;

export interface MigrateOptions {
  appRole: string;
  /** When set, the role is created (if missing) with this password. */
  appPassword?: string;
}

/**
 * Runs as the owner: applies drizzle-kit's migrations under an advisory lock (many processes may
 * start at once), then makes sure the app role exists without BYPASSRLS and can use every table.
 */
export async function migrateDatabase(ownerUrl: string, options: MigrateOptions): Promise<void> {
  const client = postgres(ownerUrl, { max: 1, ...DRIVER_OPTIONS });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      await ensureAppRole(client, options);
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function ensureAppRole(client: postgres.Sql, { appRole, appPassword }: MigrateOptions): Promise<void> {
  const role = client(appRole);
  if (appPassword !== undefined) {
    const [existing] = await client`select 1 from pg_roles where rolname = ${appRole}`;
    if (!existing) {
      try {
        await client.unsafe(`create role ${quoteIdent(appRole)} login nosuperuser nobypassrls password ${quoteLiteral(appPassword)}`);
      } catch (error) {
        // Another process (or test file) created it between our check and create: roles are cluster-wide.
        if (!isDuplicate(error)) throw error;
      }
    }
  }
  const [current] = await client`select current_database() as db`;
  const database = client(String(current?.db));
  await client`grant connect on database ${database} to ${role}`;
  await client`grant usage on schema public to ${role}`;
  await client`grant select, insert, update, delete on all tables in schema public to ${role}`;
  await client`grant usage, select on all sequences in schema public to ${role}`;
  // Functions the migrations revoked from PUBLIC (the search function) are the app's to call.
  await client`grant execute on all functions in schema public to ${role}`;
}

function isDuplicate(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '42710' || code === '23505';
}

function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

function quoteLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}

/** The role the app connects as must not be able to step around row-level security. */
export async function assertSafeAppRole(appUrl: string): Promise<void> {
  const client = postgres(appUrl, { max: 1, ...DRIVER_OPTIONS });
  try {
    const [row] = await client<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }[]>`
      select r.rolsuper, r.rolbypassrls,
        (select count(*)::int from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user) as owns
      from pg_roles r where r.rolname = current_user`;
    if (!row) throw new Error('Could not read the app role from pg_roles');
    if (row.rolsuper || row.rolbypassrls || row.owns > 0) {
      throw new Error(
        'DATABASE_APP_URL must use a role that is not superuser, lacks BYPASSRLS and owns no tables: row-level security depends on it.',
      );
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
