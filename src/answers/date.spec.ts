import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { configureAnswers, resetAnswerSettings } from './answer-settings.js';
import { date, type DateOptions } from './date.js';
import { DATE_CORPUS, DATE_CORPUS_NOW, DATE_CORPUS_TIME_ZONE } from './date.corpus.js';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;

describe('date', () => {
  afterEach(() => resetAnswerSettings());

  const base: DateOptions = { now: DATE_CORPUS_NOW, timeZone: DATE_CORPUS_TIME_ZONE };

  it.each(DATE_CORPUS.map(([text, options, expected]) => [text, options, expected] as const))(
    '%j %j → %j',
    (text, options, expected) => {
      const answer = date(text, { ...base, ...options });
      if (ISO_DAY.test(expected)) {
        expect(answer).toEqual({ ok: true, value: expected });
      } else {
        expect(answer).toMatchObject({ ok: false, reason: expected });
      }
    },
  );

  it('reads the examples of the task', () => {
    const now = new Date('2026-03-10T18:00:00Z');
    expect(date('20/10/2030', { now })).toEqual({ ok: true, value: '2030-10-20' });
    expect(date('30/02/2030', { now }).ok).toBe(false);
  });

  it('refuses null, undefined and blank text as empty', () => {
    expect(date(null)).toEqual({ ok: false, reason: 'empty' });
    expect(date(undefined)).toEqual({ ok: false, reason: 'empty' });
    expect(date(' \n ')).toEqual({ ok: false, reason: 'empty' });
  });

  describe('counts today in the time zone', () => {
    // 02:30 UTC on Wednesday 11 March 2026.
    const now = new Date('2026-03-11T02:30:00Z');
    it.each([
      ['America/Argentina/Buenos_Aires', '2026-03-10'], // 23:30 on the 10th
      ['America/Sao_Paulo', '2026-03-10'], // 23:30
      ['America/Mexico_City', '2026-03-10'], // 20:30
      ['America/Bogota', '2026-03-10'], // 21:30
      ['America/Santiago', '2026-03-10'], // 23:30 (summer time)
      ['UTC', '2026-03-11'],
      ['Europe/Madrid', '2026-03-11'], // 03:30
      ['Asia/Tokyo', '2026-03-11'], // 11:30
      ['Pacific/Kiritimati', '2026-03-11'], // 16:30, UTC+14
      ['Pacific/Pago_Pago', '2026-03-10'], // 15:30, UTC-11
    ])('%s: hoy is %s', (timeZone, today) => {
      expect(date('hoy', { now, timeZone })).toEqual({ ok: true, value: today });
    });

    it('a visitor in Buenos Aires at 23:30 is still on that day, whatever UTC says', () => {
      const zone = { now, timeZone: 'America/Argentina/Buenos_Aires' };
      expect(date('mañana', zone)).toEqual({ ok: true, value: '2026-03-11' });
      expect(date('ayer', zone)).toEqual({ ok: true, value: '2026-03-09' });
      expect(date('el miércoles', zone)).toEqual({ ok: true, value: '2026-03-11' });
      expect(date('10/03', { ...zone, notPast: true })).toEqual({ ok: true, value: '2026-03-10' });
      expect(date('10/03/2026', { ...zone, notPast: true })).toEqual({
        ok: true,
        value: '2026-03-10',
      });
      expect(date('10/03/2026', { now, timeZone: 'UTC', notPast: true })).toMatchObject({
        reason: 'past',
      });
    });

    it('just after midnight the new day has begun', () => {
      const justAfter = new Date('2026-03-11T03:00:30Z'); // 00:00:30 in Buenos Aires
      expect(date('hoy', { now: justAfter })).toEqual({ ok: true, value: '2026-03-11' });
      expect(date('hoy', { now: justAfter, timeZone: 'America/Mexico_City' })).toEqual({
        ok: true,
        value: '2026-03-10',
      });
    });

    it('takes the configured time zone when the call does not say', () => {
      configureAnswers({ timeZone: 'Asia/Tokyo' });
      expect(date('hoy', { now })).toEqual({ ok: true, value: '2026-03-11' });
    });

    it('falls back to the configured zone, then UTC, for an unknown zone', () => {
      expect(date('hoy', { now, timeZone: 'Mars/Olympus' })).toEqual({
        ok: true,
        value: '2026-03-10',
      });
      configureAnswers({ timeZone: 'Nowhere/Special' });
      expect(date('hoy', { now, timeZone: 'Mars/Olympus' })).toEqual({
        ok: true,
        value: '2026-03-11',
      });
    });
  });

  it('reads Portuguese weekdays when the configured locale is Portuguese', () => {
    configureAnswers({ locale: 'pt' });
    expect(date('na sexta', base)).toEqual({ ok: true, value: '2026-03-13' });
    expect(date('el viernes', { ...base, locale: 'es' })).toEqual({
      ok: true,
      value: '2026-03-13',
    });
  });

  it('turns the year over', () => {
    const newYearsEve = { now: new Date('2026-12-31T15:00:00Z'), timeZone: 'UTC' };
    expect(date('mañana', newYearsEve)).toEqual({ ok: true, value: '2027-01-01' });
    expect(date('el 2', newYearsEve)).toEqual({ ok: true, value: '2027-01-02' });
    expect(date('5 de enero', newYearsEve)).toEqual({ ok: true, value: '2027-01-05' });
    expect(date('el viernes', newYearsEve)).toEqual({ ok: true, value: '2027-01-01' });
  });

  it('reads back any day written dd/mm/yyyy', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (day) => {
          const iso = day.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-');
          expect(date(`${d}/${m}/${y}`, base)).toEqual({ ok: true, value: iso });
          expect(date(`${Number(d)}-${Number(m)}-${y}`, base)).toEqual({ ok: true, value: iso });
          expect(date(iso, base)).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });

  describe('never throws', () => {
    const check = (text: string, options: DateOptions = base) => {
      const answer = date(text, options);
      expect(typeof answer.ok).toBe('boolean');
      if (answer.ok) expect(answer.value).toMatch(ISO_DAY);
    };

    it('on arbitrary strings', () => {
      fc.assert(fc.property(fc.string(), (text) => check(text)));
    });

    it('on unicode strings', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => check(text)));
    });

    it('on strings of date words, digits and separators', () => {
      const piece = fc.constantFrom(
        'el',
        'de',
        'del',
        'lunes',
        'sexta',
        'feira',
        'marzo',
        'mar',
        'dez',
        'mañana',
        'pasado',
        'no',
        'que viene',
        'semana',
        'dia',
        'hace',
        'en',
        '15',
        '31',
        '2030',
        '30',
        '/',
        '-',
        '.',
        ',',
        ' ',
        ':',
      );
      fc.assert(
        fc.property(
          fc.array(piece, { maxLength: 20 }),
          fc.boolean(),
          fc.boolean(),
          (pieces, notPast, notFuture) =>
            check(pieces.join(' '), { ...base, notPast, notFuture, locale: notPast ? 'pt' : 'es' }),
        ),
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => check(pieces.join(''))),
      );
    });

    it('on very long strings', () => {
      check('15/03/2030 '.repeat(10_000));
      check('el lunes '.repeat(10_000));
      check('1'.repeat(100_000));
      check('de '.repeat(30_000));
      check('🙂'.repeat(50_000));
    });

    it('on odd options', () => {
      fc.assert(
        fc.property(
          fc.date({ noInvalidDate: false }),
          fc.string(),
          fc.boolean(),
          fc.boolean(),
          (now, timeZone, notPast, notFuture) => {
            check('mañana', { now, timeZone, notPast, notFuture });
            check('15/03', { now, timeZone, notPast, notFuture });
            check('el 31', { now, timeZone, notPast, notFuture });
          },
        ),
      );
      check('hoy', { now: new Date(Number.NaN) });
      check('hoy', { now: new Date(8.64e15) });
      check('hoy', { now: new Date(-8.64e15) });
      check('hoy', { locale: 'xx' as 'es' });
      expect(date('hoy', { ...base, notPast: true, notFuture: true })).toEqual({
        ok: true,
        value: '2026-03-10',
      });
    });
  });
});
