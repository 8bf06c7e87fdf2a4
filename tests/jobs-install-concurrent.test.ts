import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from '../db/migrate';
import { BOSS_SCHEMA, installJobQueues } from '../jobs/boss';
import { withDatabase } from './helpers/global-setup';
import { TEST_APP_PASSWORD, TEST_APP_ROLE } from './helpers/constants';

const name = `jq_${randomBytes(5).toString('hex')}`;
const baseUrl = inject('pgBaseUrl');

afterAll(async () => {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('installing the job queues', () => {
  // Seen in CI: two workers starting together, one died with "tuple concurrently updated" from a GRANT.
  it('lets many processes start at once on one database, each granting the app role the same rights', async () => {
    const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = withDatabase(baseUrl, name);
    await migrateDatabase(url, { appRole: TEST_APP_ROLE, appPassword: TEST_APP_PASSWORD });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => installJobQueues(url, TEST_APP_ROLE)),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const owner = postgres(url, { max: 1, onnotice: () => undefined });
    try {
      const [rights] = await owner<{ usage: boolean; insert: boolean }[]>`
        select has_schema_privilege(${TEST_APP_ROLE}, ${BOSS_SCHEMA}, 'usage') as usage,
               has_table_privilege(${TEST_APP_ROLE}, ${BOSS_SCHEMA + '.job'}, 'insert') as insert`;
      expect(rights).toEqual({ usage: true, insert: true });
    } finally {
      await owner.end();
    }
  });
});
