import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from '../db/migrate';
import { withDatabase } from './helpers/global-setup';
import { TEST_APP_PASSWORD, TEST_APP_ROLE } from './helpers/constants';

const name = `m_${randomBytes(5).toString('hex')}`;
const baseUrl = inject('pgBaseUrl');

afterAll(async () => {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('migrations', () => {
  it('build the whole schema on an empty database, and running them again changes nothing', async () => {
    const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = withDatabase(baseUrl, name);
    // Two processes starting at once: the advisory lock makes them take turns.
    await Promise.all([
      migrateDatabase(url, { appRole: TEST_APP_ROLE, appPassword: TEST_APP_PASSWORD }),
      migrateDatabase(url, { appRole: TEST_APP_ROLE, appPassword: TEST_APP_PASSWORD }),
    ]);
    const owner = postgres(url, { max: 1, onnotice: () => undefined });
    try {
      const tables = await owner<{ tablename: string }[]>`select tablename from pg_tables where schemaname = 'public' order by tablename`;
      expect(tables.map((t) => t.tablename)).toEqual([
        'ai_spend_days',
        'analytics_daily',
        'analytics_daily_categories',
        'analytics_daily_category_totals',
        'analytics_daily_totals',
        'analytics_dirty_days',
        'analytics_monthly',
        'audit_log',
        'categories',
        'crm_connections',
        'crm_records',
        'crm_sync_attempts',
        'data_exports',
        'engagements',
        'notifications',
        'oauth_credentials',
        'organizations',
        'rate_limit_counters',
        'sessions',
        'summaries',
        'summary_versions',
        'usage_periods',
        'users',
        'webhook_deliveries',
      ]);
      const [applied] = await owner`select count(*)::int as n from drizzle.__drizzle_migrations`;
      await migrateDatabase(url, { appRole: TEST_APP_ROLE, appPassword: TEST_APP_PASSWORD });
      const [again] = await owner`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(again!.n).toBe(applied!.n);
      const [grant] = await owner`select has_table_privilege(${TEST_APP_ROLE}, 'engagements', 'insert') as ok`;
      expect(grant!.ok).toBe(true);
    } finally {
      await owner.end();
    }
  });
});
