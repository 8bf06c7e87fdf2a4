import { describe, expect, it } from 'vitest';
import { classifyEvent, parseZoomWebhook } from '../server/zoom/events';
import { urlValidationResponse } from '../server/zoom/webhook-signature';

describe('Zoom endpoint.url_validation', () => {
  it('answers with the plain token and its hex HMAC-SHA256 under the secret token', () => {
    // Expected value computed independently (Python hmac).
    expect(urlValidationResponse('qgg8vlvZRS6UYooatFL8Aw', 'whsec-test-secret')).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: '2890cea2014c02d2f94ab28bcb4b1ac02949d6df5d2e84a016e2fa3716b76c5b',
    });
  });

  it('a different secret gives a different answer', () => {
    expect(urlValidationResponse('qgg8vlvZRS6UYooatFL8Aw', 'other').encryptedToken).not.toBe(
      '2890cea2014c02d2f94ab28bcb4b1ac02949d6df5d2e84a016e2fa3716b76c5b',
    );
  });

  it('classifies the challenge body Zoom sends and extracts the plain token', () => {
    const parsed = parseZoomWebhook(
      JSON.stringify({
        event: 'endpoint.url_validation',
        event_ts: 1654503849680,
        payload: { plainToken: 'qgg8vlvZRS6UYooatFL8Aw' },
      }),
    );
    if (!parsed.ok) throw new Error('parse failed');
    expect(classifyEvent(parsed.envelope)).toEqual({
      kind: 'url_validation',
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
    });
  });

  it('a challenge without a plain token is an invalid payload, not a crash', () => {
    const parsed = parseZoomWebhook(
      JSON.stringify({ event: 'endpoint.url_validation', event_ts: 1, payload: {} }),
    );
    if (!parsed.ok) throw new Error('parse failed');
    expect(classifyEvent(parsed.envelope)).toEqual({
      kind: 'unknown',
      event: 'endpoint.url_validation',
      reason: 'invalid_payload',
    });
  });
});
