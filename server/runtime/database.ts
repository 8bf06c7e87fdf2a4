import path from 'node:path';
import { deriveAppUrl } from '../../db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { assertSafeAppRole, migrateDatabase } from '../../db/migrate';
import { installJobQueues } from '../../jobs/boss';
import type { Config } from '../config';
import type { Logger } from '../log';

export interface PreparedDatabase {
  ownerUrl: string;
  appUrl: string;
  embedded: EmbeddedDatabase | null;
}

/**
 * DATABASE_URL when set, otherwise an embedded PostgreSQL under the data folder. Then migrations and
 * the job schema are applied as the owner, before anything is served, and the app role is checked.
 */
export async function prepareDatabase(config: Config, log: Logger): Promise<PreparedDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let ownerUrl = config.database.url;
  if (!ownerUrl) {
    const dataDir = path.resolve(config.database.dataDir);
    log.info({ dataDir }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(dataDir, { log: (line) => log.debug({ postgres: line }) });
    ownerUrl = embedded.url;
  }
  try {
    const appUrl = config.database.appUrl ?? deriveAppUrl(ownerUrl, config.database.appRole, config.database.appPassword);
    await migrateDatabase(ownerUrl, {
      appRole: config.database.appRole,
      // With an explicit DATABASE_APP_URL the operator manages that role; we only grant it access.
      appPassword: config.database.appUrl ? undefined : config.database.appPassword,
    });
    await installJobQueues(ownerUrl, config.database.appRole);
    await assertSafeAppRole(appUrl);
    return { ownerUrl, appUrl, embedded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
