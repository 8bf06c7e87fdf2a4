import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flushErrorReporting, initErrorReporting, reportError, scrub } from '../server/observability/error-reporting';

describe('error reports are scrubbed before they leave', () => {
  it('drops tokens, secrets, cookies and personal data at any depth', () => {
    const event = {
      headers: { authorization: 'Bearer abc', cookie: 'callrecap.sid=s%3Axyz', 'x-zoom-app-context': 'ctx', accept: 'json' },
      extra: { refreshToken: 'r1', nested: { accessToken: 'a1', clientSecret: 's1', note: 'call dana@example.com at 415 555 0134' } },
      list: [{ transcript: 'Customer: my card is 4111 1111 1111 1111' }],
    };
    const cleaned = JSON.stringify(scrub(event));
    for (const secret of ['abc', 'xyz', 'ctx', 'r1', 'a1', 's1', 'dana@example.com', '555 0134', '4111']) expect(cleaned).not.toContain(secret);
    expect(cleaned).toContain('"accept":"json"');
  });
});

describe('error reports sent to Sentry', () => {
  it('reach the DSN over HTTP only once configured, scrubbed of personal data', async () => {
    const envelopes: string[] = [];
    const ingest = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        envelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => ingest.listen(0, '127.0.0.1', resolve));
    const { port } = ingest.address() as AddressInfo;
    try {
      // Not configured: nothing is sent and nothing is loaded.
      await initErrorReporting(undefined, 'test');
      reportError(new Error('before configuration'));
      expect(await flushErrorReporting(500)).toBe(true);

      await initErrorReporting(`http://publickey@127.0.0.1:${port}/42`, 'test');
      reportError(new Error('Sync failed for dana@example.com, card 4111 1111 1111 1111'), { job: 'crm.sync' });
      expect(await flushErrorReporting(5000)).toBe(true);

      // An envelope is lines of JSON: a header, then an item header and its payload per item.
      const events = envelopes
        .flatMap((envelope) => envelope.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>))
        .filter((item): item is { exception: { values: Array<{ value: string }> }; tags: Record<string, string> } => 'exception' in item);
      expect(events.map((event) => event.exception.values.map((value) => value.value))).toEqual([['Sync failed for [email], card [number]']]);
      expect(events[0]!.tags).toEqual({ job: 'crm.sync' });
      for (const secret of ['dana@example.com', '4111']) expect(envelopes.join('\n')).not.toContain(secret);
    } finally {
      await new Promise((resolve) => ingest.close(resolve));
    }
  });
});
