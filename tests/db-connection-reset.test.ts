import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, disconnect } from '../db/client';
import { createTestDatabase, type TestDatabase } from './helpers/db';

/**
 * A database restart can cut a connection just after it opens, while its first statement runs. That
 * statement must fail on its own terms; nothing may escape as an unhandled rejection, which would end
 * the process (postgres.js's own array-type lookup did: porsager/postgres#1192).
 */

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Passes a connection through to Postgres and cuts it when the client sends its first statement. */
async function proxyCuttingFirstStatement(target: URL): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk) => {
      // 'P' (Parse) or 'Q' (Query) starts a statement; startup and password messages come before it.
      if (chunk[0] === 0x50 || chunk[0] === 0x51) {
        client.resetAndDestroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    client.on('error', () => undefined);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a connection cut while its first statement runs', () => {
  it('fails that statement and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    const proxy = await proxyCuttingFirstStatement(new URL(database.appUrl));
    const db = connect(proxy.url, { max: 1 });
    try {
      await expect(db.$client`select 1 as one`).rejects.toThrow();
      // A dropped promise rejects on a later tick; give it time to surface.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await disconnect(db, 1).catch(() => undefined);
      await proxy.close();
    }
  });
});
