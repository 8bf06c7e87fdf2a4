import { describe, expect, it } from 'vitest';
import { scrub } from '../server/observability/error-reporting';

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
