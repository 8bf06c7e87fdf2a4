import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { oauthCredentials, organizations } from '../../db/schema';
import { withOrg, withSystemLookup } from '../../db/tenant';
import type { SecretBox } from './secrets';

/**
 * Re-encrypts every stored token under the current key, one organization and one row at a time, each
 * row under a lock: safe while the app runs (a concurrent refresh either lands before, or waits).
 */
export async function rotateEncryptionKeys(db: Database, secrets: SecretBox): Promise<{ rows: number; organizations: number }> {
  const orgs = await withSystemLookup(db, (tx) => tx.select({ id: organizations.id }).from(organizations));
  let rows = 0;
  for (const org of orgs) {
    rows += await withOrg(db, org.id, async (tx) => {
      const stale = await tx
        .select()
        .from(oauthCredentials)
        .where(and(eq(oauthCredentials.orgId, org.id), ne(oauthCredentials.keyId, secrets.currentKeyId)))
        .for('update');
      for (const row of stale) {
        await tx
          .update(oauthCredentials)
          .set({
            accessTokenEnc: secrets.encrypt(secrets.decrypt(row.accessTokenEnc)),
            refreshTokenEnc: row.refreshTokenEnc ? secrets.encrypt(secrets.decrypt(row.refreshTokenEnc)) : null,
            keyId: secrets.currentKeyId,
          })
          .where(eq(oauthCredentials.id, row.id));
      }
      return stale.length;
    });
  }
  return { rows, organizations: orgs.length };
}
