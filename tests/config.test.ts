import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config';

describe('configuration', () => {
  it('needs nothing set for local development', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.demoMode).toBe(true);
    expect(config.encryptionKeys[0]?.key).toHaveLength(32);
  });

  it('refuses to start in production without its secrets, naming each one', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', ZOOM_CLIENT_ID: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const missing = (error as ConfigError).missing;
    expect(missing).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'DATABASE_APP_URL', 'SESSION_SECRET', 'TOKEN_ENCRYPTION_KEYS', 'METRICS_TOKEN', 'ZOOM_CLIENT_SECRET', 'ZOOM_WEBHOOK_SECRET_TOKEN', 'PUBLIC_URL']),
    );
    expect(missing).not.toContain('ZOOM_CLIENT_ID');
    for (const name of missing) expect((error as Error).message).toContain(name);
  });

  it('starts in production once every secret is given, with the demo off', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://owner@db/callrecap',
      DATABASE_APP_URL: 'postgres://app@db/callrecap',
      PUBLIC_URL: 'https://callrecap.example.com/',
      SESSION_SECRET: 's'.repeat(40),
      TOKEN_ENCRYPTION_KEYS: `k2:${key},k1:${key}`,
      METRICS_TOKEN: 'm',
      ZOOM_CLIENT_ID: 'id',
      ZOOM_CLIENT_SECRET: 'secret',
      ZOOM_WEBHOOK_SECRET_TOKEN: 'wh',
    });
    expect(config.demoMode).toBe(false);
    expect(config.publicUrl).toBe('https://callrecap.example.com');
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('rejects malformed values with the variable name', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ TOKEN_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
  });
});
