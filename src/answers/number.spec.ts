import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { configureAnswers, resetAnswerSettings } from './answer-settings.js';
import { number } from './number.js';
import { NUMBER_CORPUS } from './number.corpus.js';

describe('number', () => {
  afterEach(() => resetAnswerSettings());

  it.each(NUMBER_CORPUS.map(([text, options, expected]) => [text, options, expected] as const))(
    '%j %j → %j',
    (text, options, expected) => {
      const answer = number(text, options);
      if (typeof expected === 'number') {
        expect(answer).toEqual({ ok: true, value: expected });
      } else {
        expect(answer).toMatchObject({ ok: false, reason: expected });
      }
    },
  );

  it('reads the example of the task', () => {
    expect(number('dos mil quinientos')).toEqual({ ok: true, value: 2500 });
  });

  it('refuses null, undefined and blank text as empty', () => {
    expect(number(null)).toEqual({ ok: false, reason: 'empty' });
    expect(number(undefined)).toEqual({ ok: false, reason: 'empty' });
    expect(number(' \n\t ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('says why a fraction is refused when whole numbers are asked for', () => {
    expect(number('2,5', { integer: true })).toEqual({
      ok: false,
      reason: 'out-of-range',
      detail: 'not a whole number',
    });
  });

  it("follows the configured country's separators", () => {
    configureAnswers({ country: 'MX' });
    expect(number('1,500')).toEqual({ ok: true, value: 1500 });
    expect(number('1.500')).toMatchObject({ ok: false, reason: 'ambiguous' });
    resetAnswerSettings();
    expect(number('1.500')).toEqual({ ok: true, value: 1500 });
  });

  it('never gives -0', () => {
    expect(Object.is((number('-0') as { value: number }).value, 0)).toBe(true);
  });

  describe('never throws', () => {
    const check = (text: string, options = {}) => {
      const answer = number(text, options);
      expect(typeof answer.ok).toBe('boolean');
      if (answer.ok) expect(Number.isFinite(answer.value)).toBe(true);
    };

    it('on arbitrary strings', () => {
      fc.assert(fc.property(fc.string(), (text) => check(text)));
    });

    it('on unicode strings', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => check(text)));
    });

    it('on strings of number words, digits and separators', () => {
      const piece = fc.constantFrom(
        'dos',
        'mil',
        'millones',
        'y',
        'e',
        'medio',
        'docena',
        'un',
        'ciento',
        'veinte',
        'k',
        'lucas',
        'menos',
        'de',
        'pico',
        '1',
        '500',
        '1.000',
        '3,5',
        ',',
        '.',
        '-',
        ' ',
        ':',
        '/',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 20 }), fc.boolean(), (pieces, integer) =>
          check(pieces.join(' '), { integer, min: -1e9, max: 1e9 }),
        ),
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => check(pieces.join(''))),
      );
    });

    it('on very long strings', () => {
      check('1'.repeat(100_000));
      check('dos mil '.repeat(20_000));
      check('1.'.repeat(50_000));
      check('y '.repeat(50_000));
      check('🙂'.repeat(50_000));
    });

    it('on odd options', () => {
      check('12', { min: NaN, max: NaN });
      check('12', { min: 20, max: 10 });
      check('12', { min: -Infinity, max: Infinity });
      check('12', { locale: 'xx', country: 'ZZ' });
    });
  });
});
