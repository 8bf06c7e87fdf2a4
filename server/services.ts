import type { PgBoss } from 'pg-boss';
import type { Config } from './config';
import type { Database } from '../db/client';
import type { Logger } from './log';
import type { SecretBox } from './crypto/secrets';
import type { Clock } from './clock';
import type { Metrics } from './observability/metrics';
import type { Summarizer } from './summaries/engine';

/** What request handlers and job handlers are given: built once per process in runtime/start.ts. */
export interface Services {
  config: Config;
  log: Logger;
  /** Pool as the app's non-owner role; reach tenant rows only through db/tenant.ts. */
  db: Database;
  boss: PgBoss;
  secrets: SecretBox;
  clock: Clock;
  metrics: Metrics;
  summarizer: Summarizer;
}
