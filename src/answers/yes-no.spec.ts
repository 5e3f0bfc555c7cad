import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { configureAnswers, resetAnswerSettings } from './answer-settings.js';
import { YES_NO_CORPUS } from './yes-no.corpus.js';
import { yesNo } from './yes-no.js';

describe('yesNo', () => {
  afterEach(() => resetAnswerSettings());

  it.each(
    YES_NO_CORPUS.map(([text, options, expected]) => [text, options.locale, expected] as const),
  )('%j (%s) → %j', (text, locale, expected) => {
    const answer = yesNo(text, { locale });
    if (typeof expected === 'boolean') {
      expect(answer).toEqual({ ok: true, value: expected });
    } else {
      expect(answer).toMatchObject({ ok: false, reason: expected });
    }
  });

  it('the corpus is large and covers both languages', () => {
    expect(YES_NO_CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(YES_NO_CORPUS.filter(([, options]) => options.locale === 'pt').length).toBeGreaterThan(
      40,
    );
  });

  it('refuses null, undefined and non-strings as empty', () => {
    expect(yesNo(null)).toEqual({ ok: false, reason: 'empty' });
    expect(yesNo(undefined)).toEqual({ ok: false, reason: 'empty' });
    expect(yesNo(42 as unknown as string)).toEqual({ ok: false, reason: 'empty' });
  });

  it('uses the configured locale when the call does not say', () => {
    expect(yesNo('no sábado')).toEqual({ ok: true, value: false });
    configureAnswers({ locale: 'pt' });
    expect(yesNo('no sábado')).toMatchObject({ ok: false, reason: 'unrecognised' });
  });

  it('explains a refusal in its detail', () => {
    expect(yesNo('no entendí')).toMatchObject({ detail: expect.stringContaining('understand') });
  });

  it('never throws, and answers with a boolean or a known reason', () => {
    const reasons = ['empty', 'unrecognised', 'ambiguous', 'doubt'];
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        fc.constantFrom<'es' | 'pt' | undefined>('es', 'pt', undefined),
        (text, locale) => {
          const answer = yesNo(text, { locale });
          if (answer.ok) expect(typeof answer.value).toBe('boolean');
          else expect(reasons).toContain(answer.reason);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on corpus words run together in any order', () => {
    const words = YES_NO_CORPUS.map(([text]) => text);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 8 }),
        fc.constantFrom(' ', ', ', '... ', '!!', ''),
        (parts, glue) => {
          expect(() => yesNo(parts.join(glue))).not.toThrow();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads a very long text quickly', () => {
    const long = 'si '.repeat(50_000) + 'no';
    const started = performance.now();
    expect(yesNo(long)).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(yesNo('x'.repeat(200_000))).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads an unknown locale as Spanish rather than throwing', () => {
    expect(yesNo('dale', { locale: 'en' as 'es' })).toEqual({ ok: true, value: true });
  });
});
