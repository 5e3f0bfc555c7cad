import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { configureAnswers, resetAnswerSettings } from './answer-settings.js';
import { CHOICE_CORPUS, type ChoiceExpected } from './choice.corpus.js';
import { choice, choiceOption } from './choice.js';

function expectAnswer(answer: ReturnType<typeof choice>, expected: ChoiceExpected): void {
  if (typeof expected === 'number') {
    expect(answer).toEqual({ ok: true, value: expected });
  } else if (typeof expected === 'string') {
    expect(answer).toMatchObject({ ok: false, reason: expected });
  } else {
    expect(answer).toMatchObject({
      ok: false,
      reason: 'ambiguous',
      candidates: expected.candidates,
    });
  }
}

const REASONS = ['empty', 'unrecognised', 'ambiguous', 'doubt', 'out-of-range'];

describe('choice', () => {
  afterEach(() => resetAnswerSettings());

  // Every row with its settings: jest reads a test function with more parameters than the
  // row has values as one that takes a `done` callback.
  const rows = CHOICE_CORPUS.map(
    ([text, options, expected, settings]) => [text, options, expected, settings ?? {}] as const,
  );
  it.each(rows)('%j of %j → %j', (text, options, expected, settings) => {
    expectAnswer(choice(text, options, settings), expected);
  });

  it('the corpus is large', () => {
    expect(CHOICE_CORPUS.length).toBeGreaterThanOrEqual(100);
  });

  it('refuses null, undefined and non-strings as empty', () => {
    expect(choice(null, ['Plan A'])).toEqual({ ok: false, reason: 'empty' });
    expect(choice(undefined, ['Plan A'])).toEqual({ ok: false, reason: 'empty' });
    expect(choice(2 as unknown as string, ['Plan A'])).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses, without throwing, options that are not a list or hold no text', () => {
    expect(choice('1', null as unknown as string[])).toMatchObject({ reason: 'unrecognised' });
    expect(choice('1', 'Plan A' as unknown as string[])).toMatchObject({ reason: 'unrecognised' });
    const odd = [null, 7, 'Plan B', ''] as unknown as string[];
    expect(choice('plan b', odd)).toEqual({ ok: true, value: 2 });
    expect(choice('1', odd)).toEqual({ ok: true, value: 0 });
    expect(choiceOption('1', odd)).toMatchObject({ ok: false, reason: 'unrecognised' });
  });

  it('uses the configured locale when the call does not say', () => {
    const months = ['12 meses', '24 meses'];
    expect(choice('dos', months)).toEqual({ ok: true, value: 1 });
    configureAnswers({ locale: 'pt' });
    expect(choice('dos', months)).toMatchObject({ ok: false, reason: 'unrecognised' });
    expect(choice('dois', months)).toEqual({ ok: true, value: 1 });
  });

  it('explains an out-of-range answer', () => {
    expect(choice('4', ['Plan A', 'Plan B'])).toMatchObject({
      detail: 'option 4 asked for, 2 offered',
    });
  });

  it('never throws on any text, and answers an index in range or a known reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
        fc.array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), { maxLength: 12 }),
        fc.constantFrom<'es' | 'pt' | undefined>('es', 'pt', undefined),
        (text, options, locale) => {
          const answer = choice(text, options, { locale });
          if (answer.ok) {
            expect(Number.isInteger(answer.value)).toBe(true);
            expect(answer.value).toBeGreaterThanOrEqual(0);
            expect(answer.value).toBeLessThan(options.length);
          } else {
            expect(REASONS).toContain(answer.reason);
            for (const index of answer.candidates ?? []) {
              expect(index).toBeGreaterThanOrEqual(0);
              expect(index).toBeLessThan(options.length);
            }
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('picks each option by its own text, its number and its ordinal when they are distinct', () => {
    const ordinals = ['primera', 'segunda', 'tercera', 'cuarta', 'quinta'];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{3,10}$/), { minLength: 1, maxLength: 5 }),
        (names) => {
          const options = names.map((name) => `Servicio ${name}`);
          options.forEach((option, index) => {
            expect(choice(option, options)).toEqual({ ok: true, value: index });
            expect(choice(`opción ${index + 1}`, options)).toEqual({ ok: true, value: index });
            const ordinal = choice(`la ${ordinals[index]}`, options);
            if (!options.some((o) => o.includes(ordinals[index]))) {
              expect(ordinal).toEqual({ ok: true, value: index });
            }
          });
          expect(choice(String(options.length + 1), options)).toMatchObject({
            reason: 'out-of-range',
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on corpus answers against other option lists', () => {
    const texts = CHOICE_CORPUS.map(([text]) => text);
    const lists = CHOICE_CORPUS.map(([, options]) => options);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.constantFrom(...lists), (text, options) => {
        expect(() => choice(text, options)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('reads long texts and long lists quickly', () => {
    const options = Array.from({ length: 200 }, (_, i) => `Opción número ${i + 1} del catálogo`);
    const started = performance.now();
    expect(choice('la 150', options)).toEqual({ ok: true, value: 149 });
    expect(choice('plan '.repeat(20_000), ['Plan A', 'Plan B'])).toMatchObject({ ok: false });
    expect(choice('1', ['x'.repeat(100_000)])).toEqual({ ok: true, value: 0 });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('choiceOption', () => {
  it('answers with the option as given', () => {
    expect(choiceOption('la segunda', ['#1 - Plan A', '#2 - Plan B'])).toEqual({
      ok: true,
      value: '#2 - Plan B',
    });
    expect(choiceOption('24', ['12 cuotas', '24 cuotas'])).toEqual({
      ok: true,
      value: '24 cuotas',
    });
  });

  it('passes refusals on', () => {
    expect(choiceOption('ninguna', ['Plan A', 'Plan B'])).toMatchObject({
      ok: false,
      reason: 'unrecognised',
    });
    expect(choiceOption('las dos', ['Plan A', 'Plan B'])).toMatchObject({
      ok: false,
      reason: 'ambiguous',
      candidates: [0, 1],
    });
  });
});
