import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ANSWER_COUNTRIES, configureAnswers, resetAnswerSettings } from './answer-settings.js';
import { PHONE_CORPUS, type PhoneRow } from './phone.corpus.js';
import { phone, type PhoneOptions } from './phone.js';

afterEach(() => resetAnswerSettings());

describe('phone: the corpus', () => {
  it.each<PhoneRow>(PHONE_CORPUS)('%j %j → %j', (text, options, expected) => {
    const answer = phone(text, options);
    if ('refused' in expected) {
      expect(answer).toMatchObject({ ok: false, reason: expected.refused });
    } else {
      expect(answer).toMatchObject({ ok: true, value: expected });
    }
  });

  it('holds the example of the task and says the kind of number', () => {
    expect(phone('0351 15-555-1234', { country: 'AR' })).toEqual({
      ok: true,
      value: { national: '0351 15-555-1234', international: '+5493515551234' },
      country: 'AR',
      type: 'MOBILE',
    });
    expect(phone('011 3815-2222', { country: 'AR' })).toMatchObject({ type: 'FIXED_LINE' });
  });
});

describe('phone: settings and options', () => {
  it('reads numbers without a country code in the configured country', () => {
    configureAnswers({ country: 'BR' });
    expect(phone('(11) 91234-5678')).toMatchObject({
      value: { international: '+5511912345678' },
    });
  });

  it('refuses null, undefined and blank text as empty', () => {
    expect(phone(null)).toEqual({ ok: false, reason: 'empty' });
    expect(phone(undefined)).toEqual({ ok: false, reason: 'empty' });
  });

  it('reads only international numbers with a country it does not know', () => {
    const options = { country: 'XX' } as unknown as PhoneOptions;
    expect(phone('+54 9 11 3815-2222', options)).toMatchObject({ ok: true });
    expect(phone('11 3815 2222', options)).toMatchObject({ ok: false });
    for (const odd of [undefined, {}, { country: undefined }, { country: '__proto__' }]) {
      expect(() => phone('11 3815 2222', odd as unknown as PhoneOptions)).not.toThrow();
    }
  });
});

describe('phone: properties', () => {
  const country = fc.constantFrom(...ANSWER_COUNTRIES);

  it('never throws on any string, in any country', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), country, (text, c) => {
        expect(typeof phone(text, { country: c }).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on phone-like strings, and accepts only E.164 numbers', () => {
    const unit = fc.constantFrom(...'0123456789 +-().x/'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), country, (text, c) => {
        const answer = phone(text, { country: c });
        if (answer.ok) expect(answer.value.international).toMatch(/^\+[1-9]\d{6,14}$/u);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads long texts quickly', () => {
    for (const text of [
      '1 '.repeat(100_000),
      '12345 '.repeat(30_000),
      `${'hola '.repeat(40_000)} 11 3815 2222`,
      '9'.repeat(200_000),
    ]) {
      const started = performance.now();
      phone(text, { country: 'AR' });
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('reads back every E.164 number it gives, in any country', () => {
    const typed = fc.constantFrom(
      ...PHONE_CORPUS.map(([text, options]) => [text, options] as const),
    );
    fc.assert(
      fc.property(typed, country, ([text, options], c) => {
        const first = phone(text, options);
        if (!first.ok) return;
        expect(phone(first.value.international, { country: c })).toMatchObject({
          value: first.value,
        });
      }),
    );
  });
});
