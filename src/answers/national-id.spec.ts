import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stdnum } from 'stdnum';
import { ANSWER_COUNTRIES, configureAnswers, resetAnswerSettings } from './answer-settings.js';
import {
  cnpjCheck,
  cpfCheck,
  cuitCheck,
  curpCheck,
  esDniLetter,
  nitCheck,
  peDniChecks,
  rucCheck,
  rutCheck,
  uyCiCheck,
} from './national-id.checks.js';
import { NATIONAL_ID_CORPUS, type NationalIdRow } from './national-id.corpus.js';
import { NATIONAL_ID_KINDS, nationalId, type NationalIdOptions } from './national-id.js';

afterEach(() => resetAnswerSettings());

describe('nationalId: the corpus', () => {
  it.each<NationalIdRow>(NATIONAL_ID_CORPUS)('%j %j → %j', (text, options, expected) => {
    const answer = nationalId(text, options);
    if ('refused' in expected) {
      expect(answer).toMatchObject({ ok: false, reason: expected.refused });
    } else {
      expect(answer).toEqual({ ok: true, value: expected.value, kind: expected.kind });
    }
  });

  it('holds the examples of the task', () => {
    expect(nationalId('DNI 28.456.789', { country: 'AR' })).toMatchObject({ value: '28456789' });
    expect(nationalId('20-28456789-8', { country: 'AR' })).toMatchObject({ value: '20284567898' });
    expect(nationalId('20-28456789-5', { country: 'AR' })).toMatchObject({
      ok: false,
      reason: 'invalid-check-digit',
    });
  });
});

describe('nationalId: settings and options', () => {
  it('reads the configured country when the call names none', () => {
    configureAnswers({ country: 'CL' });
    expect(nationalId('12.345.678-5')).toMatchObject({ ok: true, kind: 'rut' });
    expect(nationalId('12.345.678-5', { country: 'AR' })).toMatchObject({ ok: false });
  });

  it('refuses null, undefined and blank text as empty', () => {
    expect(nationalId(null)).toEqual({ ok: false, reason: 'empty' });
    expect(nationalId(undefined)).toEqual({ ok: false, reason: 'empty' });
    expect(nationalId(' \n\t ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('does not throw on odd options', () => {
    const odd = [
      undefined,
      {},
      { country: undefined },
      { country: 'US' },
      { country: '__proto__' },
      { country: 'toString' },
      { kinds: [] },
      { kinds: ['nope'] },
      { country: 'AR', kinds: ['cpf', 'rut'] },
    ] as unknown as NationalIdOptions[];
    for (const options of odd) {
      expect(() => nationalId('28.456.789', options)).not.toThrow();
    }
    expect(nationalId('28.456.789', { country: 'US' } as unknown as NationalIdOptions)).toEqual(
      expect.objectContaining({ ok: false, reason: 'unrecognised' }),
    );
  });
});

describe('nationalId: properties', () => {
  const country = fc.constantFrom(...ANSWER_COUNTRIES);

  it('never throws on any string, in any country', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), country, (text, c) => {
        const answer = nationalId(text, { country: c });
        expect(typeof answer.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on id-like strings', () => {
    const idChar = fc.constantFrom(...'0123456789KXYZ.-/ ñÑ&abc'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: idChar, maxLength: 40 }), country, (text, c) => {
        const answer = nationalId(text, { country: c });
        if (answer.ok) expect(answer.value).toMatch(/^[0-9A-ZÑ&]+$/u);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a long text quickly', () => {
    const text = `${'hola que tal 12.3 '.repeat(20_000)} mi dni es 28.456.789`;
    const started = performance.now();
    expect(nationalId(text, { country: 'AR' })).toMatchObject({ value: '28456789' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('reads a DNI however it is grouped', () => {
    const dni = fc.integer({ min: 1_000_000, max: 99_999_999 }).map(String);
    fc.assert(
      fc.property(dni, fc.constantFrom('', '.', ' '), (number, separator) => {
        const grouped = number.replace(/\B(?=(\d{3})+$)/gu, separator);
        expect(nationalId(`mi dni es ${grouped}`, { country: 'AR' })).toMatchObject({
          ok: true,
          value: number,
        });
      }),
    );
  });

  it('refuses a CUIT with any other check digit', () => {
    const body = fc
      .tuple(
        fc.constantFrom('20', '23', '24', '27', '30', '33', '34'),
        fc.stringMatching(/^\d{8}$/u),
      )
      .map(([prefix, digits]) => prefix + digits)
      .filter((body) => cuitCheck(body) !== undefined);
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 9 }), (b, digit) => {
        const answer = nationalId(`${b.slice(0, 2)}-${b.slice(2)}-${digit}`, { country: 'AR' });
        if (String(digit) === cuitCheck(b)) expect(answer).toMatchObject({ ok: true });
        else expect(answer).toMatchObject({ ok: false, reason: 'invalid-check-digit' });
      }),
    );
  });

  it('every kind belongs to a country', () => {
    for (const c of ANSWER_COUNTRIES) expect(NATIONAL_ID_KINDS[c].length).toBeGreaterThan(0);
  });
});

/**
 * The check digits are written here by hand; `stdnum` (a port of python-stdnum) is an
 * independent implementation of the same published algorithms, used only by this test.
 */
describe('national id check digits agree with stdnum', () => {
  const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`, 'u'));
  const valid = (country: string, kind: string, value: string) =>
    stdnum[country][kind].validate(value).isValid;

  it('AR CUIT', () => {
    fc.assert(
      fc.property(fc.constantFrom('20', '23', '27', '30', '33'), digits(8), (prefix, body) => {
        const check = cuitCheck(prefix + body);
        if (check !== undefined) expect(valid('AR', 'cuit', prefix + body + check)).toBe(true);
      }),
    );
  });

  it('CL RUT', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 99_999_999 }), (n) => {
        expect(valid('CL', 'rut', `${n}${rutCheck(String(n))}`)).toBe(true);
      }),
    );
  });

  it('UY CI', () => {
    fc.assert(
      fc.property(digits(7), (body) => {
        expect(valid('UY', 'cedula', body + uyCiCheck(body))).toBe(true);
      }),
    );
  });

  it('BR CPF and CNPJ (numeric and alphanumeric)', () => {
    fc.assert(
      fc.property(digits(9), (body) => {
        fc.pre(!/^(\d)\1+$/u.test(body));
        expect(valid('BR', 'cpf', body + cpfCheck(body))).toBe(true);
      }),
    );
    const alnum = fc.stringMatching(/^[0-9A-Z]{12}$/u);
    fc.assert(
      fc.property(alnum, (body) => {
        expect(valid('BR', 'cnpj', body + cnpjCheck(body))).toBe(true);
      }),
    );
  });

  it('MX CURP', () => {
    const body = fc
      .tuple(
        fc.constantFrom('GOMC', 'BADD', 'MAHJ', 'PEGJ', 'LOAX'),
        fc.constantFrom('850101', '110313', '991231', '000229'),
        fc.constantFrom('H', 'M'),
        fc.constantFrom('DF', 'NL', 'JC', 'NE', 'YN'),
        fc.stringMatching(/^[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]$/u),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(body, (b) => {
        expect(valid('MX', 'curp', b + curpCheck(b))).toBe(true);
      }),
    );
  });

  it('CO NIT and PE RUC', () => {
    fc.assert(
      fc.property(digits(9), (body) => {
        expect(valid('CO', 'nit', body + nitCheck(body))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('10', '15', '16', '17', '20'), digits(8), (prefix, body) => {
        expect(valid('PE', 'ruc', prefix + body + rucCheck(prefix + body))).toBe(true);
      }),
    );
  });

  it('PE DNI (the check digit: stdnum does not take the letter form)', () => {
    fc.assert(
      fc.property(digits(8), (body) => {
        expect(valid('PE', 'cui', body + peDniChecks(body)[0])).toBe(true);
      }),
    );
  });

  it('ES DNI and NIE', () => {
    fc.assert(
      fc.property(digits(8), (body) => {
        expect(valid('ES', 'dni', body + esDniLetter(body))).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom('X', 'Y', 'Z'), digits(7), (letter, body) => {
        expect(valid('ES', 'nie', letter + body + esDniLetter(letter + body))).toBe(true);
      }),
    );
  });
});
