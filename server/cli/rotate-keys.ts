import { connect, deriveAppUrl, disconnect } from '../../db/client';
import { loadConfig } from '../config';
import { createSecretBox } from '../crypto/secrets';
import { rotateEncryptionKeys } from '../crypto/rotate';

/**
 * `npm run rotate-keys`: after putting a new key first in TOKEN_ENCRYPTION_KEYS (keeping the old one
 * after it), re-encrypts every OAuth token under the new key. Safe to run while CallRecap runs.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url && !config.database.appUrl) {
    throw new Error('Set DATABASE_URL (and DATABASE_APP_URL in production) to the database to rotate.');
  }
  const appUrl = config.database.appUrl ?? deriveAppUrl(config.database.url!, config.database.appRole, config.database.appPassword);
  const db = connect(appUrl, { max: 2, applicationName: 'callrecap-rotate-keys' });
  try {
    const secrets = createSecretBox(config.encryptionKeys);
    const result = await rotateEncryptionKeys(db, secrets);
    console.log(`Re-encrypted ${result.rows} credential row(s) in ${result.organizations} organization(s) under key "${secrets.currentKeyId}".`);
    console.log('Every row now uses the newest key; older keys can be removed from TOKEN_ENCRYPTION_KEYS.');
  } finally {
    await disconnect(db);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
