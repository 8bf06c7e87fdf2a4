import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connect, deriveAppUrl, disconnect, type Database } from '../../db/client';
import { TEST_APP_PASSWORD, TEST_APP_ROLE } from './constants';
import { withDatabase } from './global-setup';

export interface TestDatabase {
  name: string;
  /** Owner URL: for migrations, pg-boss install and inspecting everything, RLS aside. */
  ownerUrl: string;
  /** As the app's non-owner role, like the running app. */
  appUrl: string;
  /** Owner connection, for assertions that must see every row. */
  owner: postgres.Sql;
  /** Pool as the app role. */
  db: Database;
  drop(): Promise<void>;
}

/** A fresh database for one test file, copied from the migrated template (fast, and files run in parallel). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = inject('pgBaseUrl');
  const template = inject('pgTemplate');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const ownerUrl = withDatabase(baseUrl, name);
  const appUrl = deriveAppUrl(ownerUrl, TEST_APP_ROLE, TEST_APP_PASSWORD);
  const owner = postgres(ownerUrl, { max: 2, onnotice: () => undefined });
  const db = connect(appUrl, { max: 4 });
  return {
    name,
    ownerUrl,
    appUrl,
    owner,
    db,
    async drop() {
      await disconnect(db).catch(() => undefined);
      await owner.end({ timeout: 2 }).catch(() => undefined);
      const cleanup = postgres(baseUrl, { max: 1, onnotice: () => undefined });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Names of every table in public that has an org_id column. */
export async function tenantTables(owner: postgres.Sql): Promise<string[]> {
  const rows = await owner<{ table_name: string }[]>`
    select table_name from information_schema.columns
    where table_schema = 'public' and column_name = 'org_id' order by table_name`;
  return rows.map((r) => r.table_name);
}
