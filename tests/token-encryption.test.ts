import { describe, expect, it } from 'vitest';
import { createSecretBox, SecretDecryptionError } from '../server/crypto/secrets';

const key = (fill: number) => Buffer.alloc(32, fill);

describe('OAuth tokens at rest (AES-256-GCM with a key id)', () => {
  const box = createSecretBox([{ id: 'k2', key: key(2) }, { id: 'k1', key: key(1) }]);

  it('round-trips and labels the envelope with the current key id', () => {
    const envelope = box.encrypt('zoom-access-token');
    expect(envelope.startsWith('v1.k2.')).toBe(true);
    expect(box.keyIdOf(envelope)).toBe('k2');
    expect(envelope).not.toContain('zoom-access-token');
    expect(box.decrypt(envelope)).toBe('zoom-access-token');
  });

  it('uses a fresh random IV every time', () => {
    const envelopes = new Set(Array.from({ length: 50 }, () => box.encrypt('same token')));
    expect(envelopes.size).toBe(50);
    const ivs = new Set([...envelopes].map((e) => e.split('.')[2]));
    expect(ivs.size).toBe(50);
  });

  it('still decrypts rows written under an older key during rotation', () => {
    const old = createSecretBox([{ id: 'k1', key: key(1) }]).encrypt('old token');
    expect(box.decrypt(old)).toBe('old token');
  });

  it('refuses tampered ciphertext, a swapped tag, a relabelled key id and an unknown key', () => {
    const envelope = box.encrypt('secret');
    const parts = envelope.split('.');
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const tampered = [
      [parts[0], parts[1], parts[2], parts[3], flip(parts[4]!)].join('.'),
      [parts[0], parts[1], parts[2], flip(parts[3]!), parts[4]].join('.'),
      [parts[0], parts[1], flip(parts[2]!), parts[3], parts[4]].join('.'),
      [parts[0], 'k1', parts[2], parts[3], parts[4]].join('.'),
      [parts[0], 'k9', parts[2], parts[3], parts[4]].join('.'),
      'not an envelope',
    ];
    for (const bad of tampered) expect(() => box.decrypt(bad), bad).toThrow(SecretDecryptionError);
  });
});
