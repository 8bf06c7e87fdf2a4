import { describe, expect, it } from 'vitest';
import { normalizePhone, samePhone, toE164 } from '../server/crm/phone';

/** Phone numbers as typed into CRMs, compared as E.164. */

describe('phone normalization', () => {
  it.each(['(415) 555-0134', '415.555.0134', '+1 415 555 0134', '1-415-555-0134', '+14155550134', '+1 (415) 555-0134 ext. 12'])(
    'reads %s as +14155550134 in the US',
    (typed) => {
      expect(toE164(typed)).toBe('+14155550134');
    },
  );

  it('gives the national digits CRMs index for search', () => {
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ e164: '+442079460958', nationalDigits: '2079460958' });
  });

  it('reads numbers without a country code in the configured region', () => {
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('020 7946 0958', 'US')).toBeNull();
  });

  it('rejects what is not a phone number', () => {
    for (const junk of ['', '   ', 'n/a', '555-0134', '12']) expect(toE164(junk)).toBeNull();
    expect(toE164(null)).toBeNull();
  });

  it('compares stored numbers by value, not by formatting', () => {
    expect(samePhone('+14155550134', [null, 'garbage', '(415) 555-0134'])).toBe(true);
    expect(samePhone('+14155550134', ['+44 415 555 0134', '415-555-0135'])).toBe(false);
  });
});
