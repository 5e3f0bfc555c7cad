import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { EMAIL_CORPUS, type EmailRow } from './email.corpus.js';
import { email } from './email.js';

describe('email: the corpus', () => {
  it.each<EmailRow>(EMAIL_CORPUS)('%j → %j', (text, expected) => {
    const answer = email(text);
    if (typeof expected === 'string') expect(answer).toEqual({ ok: true, value: expected });
    else expect(answer).toMatchObject({ ok: false, reason: expected.refused });
  });

  it('refuses null and undefined as empty', () => {
    expect(email(null)).toEqual({ ok: false, reason: 'empty' });
    expect(email(undefined)).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('email: properties', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(typeof email(text).ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on address-like strings, and accepts only lower-case addresses', () => {
    const unit = fc.constantFrom(...'aZ9._-+@ ,.<>"*ñé@'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => {
        const answer = email(text);
        if (answer.ok) {
          expect(answer.value).toBe(answer.value.toLowerCase());
          expect(answer.value.split('@')).toHaveLength(2);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads long texts in linear time', () => {
    for (const text of [
      'a'.repeat(200_000),
      'a.'.repeat(100_000),
      '@a'.repeat(100_000),
      `${' '.repeat(100_000)}@`,
      `${'a@'.repeat(50_000)}b.com`,
      `${'hola '.repeat(40_000)}juan@gmail.com`,
    ]) {
      const started = performance.now();
      email(text);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('reads back any simple address in a sentence, in any case', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,12}$/u);
    fc.assert(
      fc.property(
        word,
        word,
        word,
        fc.constantFrom('com', 'com.ar', 'es', 'net'),
        (a, b, d, tld) => {
          const address = `${a}.${b}@${d}.${tld}`;
          expect(email(`mi mail es ${address.toUpperCase()}, gracias`)).toEqual({
            ok: true,
            value: address,
          });
        },
      ),
    );
  });
});
