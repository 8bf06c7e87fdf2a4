import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../server/crypto/secrets';
import { rotateEncryptionKeys } from '../server/crypto/rotate';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { seedEveryTenantTable } from './helpers/tenant-fixtures';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('npm run rotate-keys', () => {
  it('re-encrypts every organization’s tokens under the newest key, and the tokens still read back', async () => {
    const oldBox = createSecretBox([{ id: 'old', key: Buffer.alloc(32, 1) }]);
    const orgs = [await seedEveryTenantTable(database.owner, 'a'), await seedEveryTenantTable(database.owner, 'b')];
    for (const [index, org] of orgs.entries()) {
      await database.owner`update oauth_credentials set access_token_enc = ${oldBox.encrypt(`access-${index}`)},
        refresh_token_enc = ${oldBox.encrypt(`refresh-${index}`)}, key_id = 'old' where org_id = ${org.orgId}`;
    }
    const newBox = createSecretBox([{ id: 'new', key: Buffer.alloc(32, 2) }, { id: 'old', key: Buffer.alloc(32, 1) }]);
    const result = await rotateEncryptionKeys(database.db, newBox);
    expect(result).toEqual({ rows: 2, organizations: 2 });
    const rows = await database.owner`select org_id, access_token_enc, refresh_token_enc, key_id from oauth_credentials order by org_id`;
    const onlyNew = createSecretBox([{ id: 'new', key: Buffer.alloc(32, 2) }]);
    for (const row of rows) {
      expect(row.key_id).toBe('new');
      const index = orgs.findIndex((o) => o.orgId === row.org_id);
      expect(onlyNew.decrypt(row.access_token_enc as string)).toBe(`access-${index}`);
      expect(onlyNew.decrypt(row.refresh_token_enc as string)).toBe(`refresh-${index}`);
    }
    expect(await rotateEncryptionKeys(database.db, newBox)).toEqual({ rows: 0, organizations: 2 });
  });
});
