import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from '../config';

/**
 * AES-256-GCM envelopes for OAuth tokens at rest: "v1.<keyId>.<iv>.<tag>.<ciphertext>" (base64url).
 * The key id lets old rows decrypt while `npm run rotate-keys` re-encrypts them under the newest key.
 */

export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`Could not decrypt a stored secret: ${reason}`);
    this.name = 'SecretDecryptionError';
  }
}

export interface SecretBox {
  readonly currentKeyId: string;
  encrypt(plaintext: string): string;
  decrypt(envelope: string): string;
  keyIdOf(envelope: string): string;
}

export function createSecretBox(keys: EncryptionKey[]): SecretBox {
  const [current] = keys;
  if (!current) throw new Error('At least one encryption key is required');
  const byId = new Map(keys.map((k) => [k.id, k.key]));

  return {
    currentKeyId: current.id,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      // The key id is authenticated too, so an envelope cannot be relabelled to another key.
      cipher.setAAD(Buffer.from(current.id));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
    },
    decrypt(envelope) {
      const parts = envelope.split('.');
      if (parts.length !== 5 || parts[0] !== 'v1') throw new SecretDecryptionError('unknown format');
      const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
      const key = byId.get(keyId);
      if (!key) throw new SecretDecryptionError(`key "${keyId}" is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(keyId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretDecryptionError('authentication failed (tampered or wrong key)');
      }
    },
    keyIdOf(envelope) {
      return envelope.split('.')[1] ?? '';
    },
  };
}
