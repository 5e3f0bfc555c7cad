import {
  accepted,
  refused,
  type AnswerAccepted,
  type AnswerRefusal,
  type AnswerRefused,
} from './answer.js';
import { answerSettings, type AnswerCountry } from './answer-settings.js';
import { folded, isBlank } from './answer-text.js';
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

/**
 * The kinds of id `nationalId` reads, per country:
 * - AR: `dni` (7-8 digits), `cuit` (CUIT or CUIL, 11 digits);
 * - BR: `cpf` (11 digits), `cnpj` (14 characters);
 * - CL: `rut` (RUT or RUN);
 * - CO: `cc` (cédula de ciudadanía), `nit`;
 * - ES: `dni`, `nie`;
 * - MX: `curp`, `rfc`;
 * - PE: `dni`, `ruc`;
 * - UY: `ci` (cédula de identidad).
 */
export type NationalIdKind =
  'dni' | 'cuit' | 'rut' | 'ci' | 'cpf' | 'cnpj' | 'curp' | 'rfc' | 'cc' | 'nit' | 'ruc' | 'nie';

/** The id kinds of each country, in the order they are tried. */
export const NATIONAL_ID_KINDS: Readonly<Record<AnswerCountry, readonly NationalIdKind[]>> = {
  AR: ['dni', 'cuit'],
  BR: ['cpf', 'cnpj'],
  CL: ['rut'],
  CO: ['cc', 'nit'],
  ES: ['dni', 'nie'],
  MX: ['curp', 'rfc'],
  PE: ['dni', 'ruc'],
  UY: ['ci'],
};

/** What `nationalId` is told. */
export interface NationalIdOptions {
  /** Whose ids to read; the configured country by default. */
  country?: AnswerCountry;
  /** Only these kinds (e.g. `['dni']` when the question asks for a DNI, not a CUIT). */
  kinds?: readonly NationalIdKind[];
}

/** An id read: its normalised value and which kind of id it is. */
export interface NationalIdAccepted extends AnswerAccepted<string> {
  readonly kind: NationalIdKind;
}

/** What `nationalId` answers: an `Answer<string>` whose accepted form also says the kind. */
export type NationalIdAnswer = NationalIdAccepted | AnswerRefused;

/** One way of reading a run of id characters: its characters and how they were grouped. */
interface Reading {
  /** The id characters, upper case, separators removed. */
  readonly compact: string;
  /** The groups as typed ("12", "345", "678", "K"). */
  readonly groups: readonly string[];
  /** The separators between the groups ("." "." "-"). */
  readonly separators: readonly string[];
}

type Verdict =
  | { readonly status: 'valid'; readonly value: string; readonly kind: NationalIdKind }
  | { readonly status: 'check' | 'format'; readonly detail: string };

interface Context {
  /** The text mentions a NIT (Colombia: then a final digit is its check digit). */
  readonly saysNit: boolean;
}

type KindReader = (reading: Reading, context: Context) => Verdict | undefined;

const DIGITS = /^\d+$/u;

function valid(value: string, kind: NationalIdKind): Verdict {
  return { status: 'valid', value, kind };
}

function wrongCheck(detail: string): Verdict {
  return { status: 'check', detail };
}

function wrongFormat(detail: string): Verdict {
  return { status: 'format', detail };
}

/** Digits grouped by thousands with no group of their own for the check digit ("12.345.678"). */
function lacksCheckGroup(reading: Reading): boolean {
  const last = reading.groups[reading.groups.length - 1];
  return reading.groups.length > 1 && last.length === 3 && DIGITS.test(reading.compact);
}

/** Ungrouped, or grouped by thousands ("28.456.789", "28 456 789"). */
function byThousands({ groups }: Reading): boolean {
  return (
    groups.length === 1 || (groups[0].length <= 3 && groups.slice(1).every((g) => g.length === 3))
  );
}

/** The check character stands apart after a dash ("-5", " - K"). */
function dashedCheck(reading: Reading): boolean {
  const last = reading.groups[reading.groups.length - 1];
  const separator = reading.separators[reading.separators.length - 1] ?? '';
  return last.length === 1 && separator.includes('-');
}

function isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= lengths[month - 1];
}

/** A YYMMDD date that exists in the given centuries (19xx and/or 20xx). */
function isShortDate(yymmdd: string, centuries: readonly number[]): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  return centuries.some((century) => isDate(century + yy, mm, dd));
}

const CUIT_PREFIXES = new Set(['20', '23', '24', '27', '30', '33', '34', '50', '51', '55']);
const RUC_PREFIXES = new Set(['10', '15', '16', '17', '20']);
const CURP_STATES =
  'AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE';
const CURP_SHAPE = /^[A-Z]{4}\d{6}[A-Z]{6}[0-9A-Z]\d$/u;
const CURP_FORMAT = new RegExp(
  `^[A-Z][AEIOUX][A-Z]{2}\\d{6}[HMX](?:${CURP_STATES})[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\\d$`,
  'u',
);
const RFC_SHAPE = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}$/u;
const RFC_FORMAT = /^[A-ZÑ&]{3,4}\d{6}[A-Z\d]{2}[\dA]$/u;

const READERS: Readonly<Record<AnswerCountry, Partial<Record<NationalIdKind, KindReader>>>> = {
  AR: {
    dni: (reading) => {
      const { compact } = reading;
      // "4555-1234" is a phone number; a DNI is grouped by thousands, if at all.
      if (!DIGITS.test(compact) || !byThousands(reading)) return undefined;
      const number = compact.replace(/^0+/u, '');
      return number.length === 7 || number.length === 8 ? valid(number, 'dni') : undefined;
    },
    cuit: ({ compact }) => {
      if (!/^\d{11}$/u.test(compact)) return undefined;
      if (!CUIT_PREFIXES.has(compact.slice(0, 2))) {
        return wrongFormat(`no CUIT/CUIL starts with ${compact.slice(0, 2)}`);
      }
      return cuitCheck(compact.slice(0, 10)) === compact[10]
        ? valid(compact, 'cuit')
        : wrongCheck('CUIT/CUIL check digit');
    },
  },
  BR: {
    cpf: ({ compact }) => {
      if (!/^\d{11}$/u.test(compact)) return undefined;
      if (/^(\d)\1+$/u.test(compact)) return wrongFormat('CPF of one repeated digit');
      return cpfCheck(compact.slice(0, 9)) === compact.slice(9)
        ? valid(compact, 'cpf')
        : wrongCheck('CPF check digits');
    },
    cnpj: ({ compact }) => {
      if (!/^[0-9A-Z]{12}\d{2}$/u.test(compact)) return undefined;
      if (/^(.)\1+$/u.test(compact)) return wrongFormat('CNPJ of one repeated character');
      return cnpjCheck(compact.slice(0, 12)) === compact.slice(12)
        ? valid(compact, 'cnpj')
        : wrongCheck('CNPJ check digits');
    },
  },
  CL: {
    rut: (reading) => {
      const { compact } = reading;
      if (!/^\d{7,9}$|^\d{7,8}K$/u.test(compact)) return undefined;
      if (lacksCheckGroup(reading)) return wrongFormat('RUT without its check digit');
      const body = compact.slice(0, -1);
      if (body.length < 7 || body.startsWith('0')) return undefined;
      return rutCheck(body) === compact.slice(-1)
        ? valid(compact, 'rut')
        : wrongCheck('RUT check digit');
    },
  },
  CO: {
    nit: (reading, { saysNit }) => {
      const { compact } = reading;
      if (!/^\d{7,16}$/u.test(compact)) return undefined;
      const withCheck = dashedCheck(reading) || (saysNit && compact.length >= 10);
      if (!withCheck) return saysNit ? valid(compact, 'nit') : undefined;
      const body = compact.slice(0, -1);
      return nitCheck(body) === compact.slice(-1)
        ? valid(compact, 'nit')
        : wrongCheck('NIT check digit');
    },
    cc: (reading, { saysNit }) => {
      const { compact } = reading;
      if (saysNit || dashedCheck(reading) || !/^[1-9]\d{5,9}$/u.test(compact)) return undefined;
      return valid(compact, 'cc');
    },
  },
  ES: {
    dni: ({ compact }) => {
      if (!/^\d{7,8}[A-Z]$/u.test(compact)) return undefined;
      const body = compact.slice(0, -1).padStart(8, '0');
      return esDniLetter(body) === compact.slice(-1)
        ? valid(body + compact.slice(-1), 'dni')
        : wrongCheck('DNI letter');
    },
    nie: ({ compact }) => {
      if (!/^[XYZ]\d{7}[A-Z]$/u.test(compact)) return undefined;
      return esDniLetter(compact.slice(0, 8)) === compact.slice(-1)
        ? valid(compact, 'nie')
        : wrongCheck('NIE letter');
    },
  },
  MX: {
    curp: ({ compact }) => {
      if (!CURP_SHAPE.test(compact)) return undefined;
      if (!CURP_FORMAT.test(compact)) return wrongFormat('CURP format (vowel, sex or state)');
      // The 17th character is a digit for people born in the 1900s, a letter from 2000 on.
      const century = /\d/u.test(compact[16]) ? 1900 : 2000;
      if (!isShortDate(compact.slice(4, 10), [century])) return wrongFormat('CURP birth date');
      return curpCheck(compact.slice(0, 17)) === compact[17]
        ? valid(compact, 'curp')
        : wrongCheck('CURP check digit');
    },
    rfc: ({ compact }) => {
      if (!RFC_SHAPE.test(compact)) return undefined;
      if (!RFC_FORMAT.test(compact)) return wrongFormat('RFC homoclave');
      const date = compact.slice(compact.length - 9, compact.length - 3);
      if (!isShortDate(date, [1900, 2000])) return wrongFormat('RFC date');
      return valid(compact, 'rfc');
    },
  },
  PE: {
    dni: ({ compact }) => {
      if (/^\d{8}$/u.test(compact)) return valid(compact, 'dni');
      if (!/^\d{8}[0-9A-K]$/u.test(compact)) return undefined;
      const body = compact.slice(0, 8);
      return peDniChecks(body).includes(compact[8])
        ? valid(body, 'dni')
        : wrongCheck('DNI check character');
    },
    ruc: ({ compact }) => {
      if (!/^\d{11}$/u.test(compact)) return undefined;
      if (!RUC_PREFIXES.has(compact.slice(0, 2))) {
        return wrongFormat(`no RUC starts with ${compact.slice(0, 2)}`);
      }
      return rucCheck(compact.slice(0, 10)) === compact[10]
        ? valid(compact, 'ruc')
        : wrongCheck('RUC check digit');
    },
  },
  UY: {
    ci: (reading) => {
      const { compact } = reading;
      if (!/^\d{7,8}$/u.test(compact)) return undefined;
      if (lacksCheckGroup(reading)) return wrongFormat('CI without its check digit');
      return uyCiCheck(compact.slice(0, -1)) === compact.slice(-1)
        ? valid(compact, 'ci')
        : wrongCheck('CI check digit');
    },
  },
};

// ---------------------------------------------------------------------------------------
// Finding the runs of id characters in a text.

/** Words, numbers and mixed tokens (letters of any script, so "cédula" stays one word). */
const TOKEN = /[\p{L}\p{N}&]+/gu;
/** A token that can be part of an id. */
const ID_TOKEN = /^[0-9A-ZÑ&]+$/u;
/** Separators inside an id: a dot or slash, or a dash with or without spaces around. */
const STRONG_SEPARATOR = /^(?:[./]|\s*-\s*)$/u;
const SPACE_SEPARATOR = /^\s{1,3}$/u;
/** A date typed with separators ("12/05/1985", "1-2-90"): never an id. */
const DATE = /^\d{1,2}([./-])\d{1,2}\1\d{2,4}$/u;
/** Words that name an id: never part of one. */
const KEYWORDS = new Set([
  'DNI',
  'CUIT',
  'CUIL',
  'CDI',
  'RUT',
  'RUN',
  'CI',
  'CPF',
  'CNPJ',
  'CURP',
  'RFC',
  'NIT',
  'CC',
  'RUC',
  'NIE',
  'NIF',
  'DOC',
  'NRO',
  'NUM',
  'NO',
  'NR',
]);
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/gu;
/** Zero-width characters, and what turns a digit into an emoji keycap ("2️⃣"). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]|\uFE0F|\u20E3/gu;

interface Token {
  readonly text: string;
  /** The characters between this token and the previous one. */
  readonly before: string;
  readonly hasDigit: boolean;
}

/** Tokens joined by dots, dashes or slashes: one id, or one part of one. */
interface Compound {
  readonly groups: string[];
  readonly separators: string[];
  /** What separates it from the previous compound. */
  readonly before: string;
  /** Whether id tokens may still be joined to it (false for a word such as "DNI"). */
  readonly joinable: boolean;
  hasDigit: boolean;
}

/** Id characters as typed, with the single words that may belong to them on either side. */
interface Run {
  readonly core: Compound[];
  lead?: Compound;
  trail?: Compound;
  /** Said to be a phone number ("cel 11 3815 2222", "tel: 4555-1234"): no id. */
  readonly phone: boolean;
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({
      text: match[0],
      before: text.slice(end, match.index),
      hasDigit: /\d/u.test(match[0]),
    });
    end = match.index + match[0].length;
  }
  return tokens;
}

/** Whether a letters-only token may sit inside an id between dots or dashes ("-K", "X-"). */
function isIdLetters(token: Token): boolean {
  return token.text.length <= 4 && ID_TOKEN.test(token.text) && !KEYWORDS.has(token.text);
}

function isThousandsComma(token: Token, previous: Compound | undefined): boolean {
  return (
    token.before === ',' &&
    previous !== undefined &&
    DIGITS.test(previous.groups[previous.groups.length - 1]) &&
    /^\d{3}$/u.test(token.text)
  );
}

function compoundsOf(tokens: readonly Token[]): Compound[] {
  const compounds: Compound[] = [];
  let current: Compound | undefined;
  for (const token of tokens) {
    const joinable = ID_TOKEN.test(token.text) && (token.hasDigit || isIdLetters(token));
    if (
      current?.joinable === true &&
      joinable &&
      (STRONG_SEPARATOR.test(token.before) || isThousandsComma(token, current))
    ) {
      current.groups.push(token.text);
      current.separators.push(token.before.trim());
      current.hasDigit ||= token.hasDigit;
      continue;
    }
    current = {
      groups: [token.text],
      separators: [],
      before: token.before,
      joinable,
      hasDigit: token.hasDigit,
    };
    compounds.push(current);
  }
  return compounds;
}

function textOf(compound: Compound): string {
  let text = compound.groups[0];
  for (let i = 1; i < compound.groups.length; i += 1) {
    text += compound.separators[i - 1] + compound.groups[i];
  }
  return text;
}

function length(compound: Compound): number {
  return compound.groups.reduce((sum, group) => sum + group.length, 0);
}

/** A word right before an id that may be its start: an RFC's letters, a NIE's X/Y/Z. */
function mayLead(compound: Compound): boolean {
  const [word] = compound.groups;
  return (
    compound.groups.length === 1 &&
    !compound.hasDigit &&
    ID_TOKEN.test(word) &&
    !KEYWORDS.has(word) &&
    (/^[XYZ]$/u.test(word) || word.length === 3 || word.length === 4)
  );
}

/** A letter right after an id that may be its check letter ("12345678 K"). */
function mayTrail(compound: Compound): boolean {
  return compound.groups.length === 1 && /^[A-Z]$/u.test(compound.groups[0]);
}

/** Words that introduce a phone number, upper case. */
const PHONE_WORDS = new Set([
  'TEL',
  'TELEFONO',
  'TELÉFONO',
  'TELEFONE',
  'FONE',
  'CEL',
  'CELU',
  'CELULAR',
  'MOVIL',
  'MÓVIL',
  'FIJO',
  'WHATSAPP',
  'WHATS',
  'WSP',
  'WPP',
  'WA',
  'ZAP',
]);

function runsOf(compounds: readonly Compound[]): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  let previous: Compound | undefined;
  /** The words since the last digits, latest last. */
  let words: string[] = [];
  for (const compound of compounds) {
    const spaced = SPACE_SEPARATOR.test(compound.before);
    if (compound.hasDigit && !DATE.test(textOf(compound))) {
      const last =
        current?.trail === undefined ? current?.core[current.core.length - 1] : undefined;
      // Two long numbers side by side are two ids ("28456789 30111222"), not one.
      if (current !== undefined && last === previous && spaced && last !== undefined) {
        if (!(length(last) >= 5 && length(compound) >= 5)) {
          current.core.push(compound);
          previous = compound;
          continue;
        }
      }
      // "mi cel es 11 3815 2222": a phone word among the two words before.
      const phone = words.slice(-2).some((word) => PHONE_WORDS.has(word));
      current = { core: [compound], phone };
      if (previous !== undefined && spaced && mayLead(previous)) current.lead = previous;
      runs.push(current);
      words = [];
    } else if (
      current !== undefined &&
      current.trail === undefined &&
      previous === current.core[current.core.length - 1] &&
      spaced &&
      mayTrail(compound)
    ) {
      current.trail = compound;
    } else {
      current = undefined;
    }
    if (!compound.hasDigit) words.push(...compound.groups);
    previous = compound;
  }
  return runs;
}

function readingOf(compounds: readonly Compound[]): Reading {
  const groups: string[] = [];
  const separators: string[] = [];
  compounds.forEach((compound, index) => {
    if (index > 0) separators.push(' ');
    groups.push(...compound.groups);
    separators.push(...compound.separators);
  });
  return { compact: groups.join(''), groups, separators };
}

/** The ways of reading a run: with its neighbouring words first, then without. */
function readingsOf(run: Run): Reading[] {
  const { core, lead, trail } = run;
  const readings: Reading[] = [];
  if (lead !== undefined && trail !== undefined) readings.push(readingOf([lead, ...core, trail]));
  if (trail !== undefined) readings.push(readingOf([...core, trail]));
  if (lead !== undefined) readings.push(readingOf([lead, ...core]));
  readings.push(readingOf(core));
  return readings;
}

function digitCount(run: Run): number {
  let count = 0;
  for (const compound of run.core) {
    for (const group of compound.groups) count += group.replace(/\D/gu, '').length;
  }
  return count;
}

/** The best verdict on one run: valid before a wrong check digit before a wrong format. */
function judge(run: Run, readers: readonly KindReader[], context: Context): Verdict | undefined {
  if (run.phone) return undefined;
  let best: Verdict | undefined;
  for (const reading of readingsOf(run)) {
    for (const reader of readers) {
      const verdict = reader(reading, context);
      if (verdict === undefined) continue;
      if (verdict.status === 'valid') return verdict;
      if (best === undefined || (best.status === 'format' && verdict.status === 'check')) {
        best = verdict;
      }
    }
  }
  if (best !== undefined) return best;
  // Five digits or more read as an attempt at an id, of the wrong length or shape.
  return digitCount(run) >= 5
    ? wrongFormat('no id of this country has this length or shape')
    : undefined;
}

function normalised(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-').toUpperCase();
}

const SAYS_NIT = /\bnit\b/u;

/**
 * Reads a national id in a visitor's text: alone or inside a sentence ("mi dni es
 * 28.456.789", "mi cuit: 20-28456789-8", "o RUT é 12.345.678-5"), with or without dots,
 * spaces and dashes, in any case. Only the ids of one country are read: `options.country`,
 * else the configured country (Argentina by default).
 *
 * The value is the id normalised: its digits and check character, upper case, nothing else;
 * the accepted answer also says its `kind`. Per country:
 * - **AR**: DNI, 7-8 digits (leading zeros dropped): `28.456.789` → `28456789`; CUIT/CUIL,
 *   11 digits, prefix 20 23 24 27 30 33 34 50 51 55 and check digit: `20-28456789-8` →
 *   `20284567898`.
 * - **BR**: CPF, 11 digits, two check digits, not one digit repeated: `123.456.789-09` →
 *   `12345678909`; CNPJ, 14 characters (numeric, or the alphanumeric form of 2026), two
 *   check digits: `12.345.678/0001-95` → `12345678000195`.
 * - **CL**: RUT/RUN, a 7-8 digit body and its check digit or K: `12.345.678-5` →
 *   `123456785`, `10000013k` → `10000013K`. Undotted, the last digit is the check digit;
 *   grouped by thousands with no check digit ("12.345.678") it is missing.
 * - **CO**: cédula de ciudadanía, 6-10 digits, no check digit: `1.020.304.050` →
 *   `1020304050`; NIT when its check digit stands after a dash (`900.123.456-8`) or the text
 *   says "NIT" (then 10 digits or more end with the check digit; 9 or fewer are a NIT
 *   without it).
 * - **ES**: DNI, 8 digits and the check letter (7 digits are padded): `12345678-Z` →
 *   `12345678Z`; NIE, X/Y/Z, 7 digits and the letter: `X-1234567-L` → `X1234567L`.
 * - **MX**: CURP, 18 characters: format, birth date, state code and check digit; RFC, 13
 *   characters (persona física) or 12 (moral): format and date. The RFC's last homoclave
 *   character is not verified: a share of real RFCs were issued with a wrong one.
 * - **PE**: DNI, 8 digits, with an optional check digit or letter, verified and then dropped:
 *   `12345678-1` → `12345678`; RUC, 11 digits, prefix 10 15 16 17 20 and check digit.
 * - **UY**: CI, a 6-7 digit body and its check digit: `1.234.567-2` → `12345672`; as in
 *   Chile, the last digit is the check digit unless the digits are grouped by thousands.
 *
 * Refusals:
 * - `empty`: no text, or only spaces and punctuation;
 * - `unrecognised`: nothing like an id (fewer than 5 digits in a row, only words, a date);
 * - `invalid-check-digit`: an id of the right shape whose check digit or letter is wrong;
 * - `invalid-format`: five digits or more that no id of the country has: a wrong length, a
 *   missing check digit ("12.345.678" for a RUT), a CUIT or RUC prefix that does not exist,
 *   a CPF of one repeated digit, a CURP with an impossible date or state;
 * - `ambiguous`: two different valid ids ("28456789 o 30111222", a DNI and a CUIT): ask
 *   for one, or narrow with `options.kinds`. The same id twice is accepted.
 *
 * When the text holds a valid id and other numbers that are not ids ("dni 28456789, cel
 * 1138152222"), the valid id is accepted. Digits right after a phone word ("cel", "tel",
 * "whatsapp", "fijo"...) are never read as an id, and an Argentine DNI is written ungrouped
 * or grouped by thousands ("4555-1234" is a phone number).
 *
 * @example nationalId('DNI 28.456.789', { country: 'AR' }) // { ok: true, value: '28456789', kind: 'dni' }
 * @example nationalId('20-28456789-5', { country: 'AR' }) // { ok: false, reason: 'invalid-check-digit' }
 * @example nationalId('12.345.678-5', { country: 'CL' }) // { ok: true, value: '123456785', kind: 'rut' }
 */
export function nationalId(
  text: string | null | undefined,
  options: NationalIdOptions = {},
): NationalIdAnswer {
  if (typeof text !== 'string' || isBlank(text)) return refused('empty');
  const country = options?.country ?? answerSettings().country;
  const countryReaders = Object.prototype.hasOwnProperty.call(READERS, country)
    ? READERS[country]
    : undefined;
  if (countryReaders === undefined) {
    return refused('unrecognised', { detail: `no national ids known for ${String(country)}` });
  }
  const kinds = (options?.kinds ?? NATIONAL_ID_KINDS[country]).filter(
    (kind): kind is NationalIdKind => typeof countryReaders[kind] === 'function',
  );
  const readers = kinds.map((kind) => countryReaders[kind] as KindReader);
  const context: Context = { saysNit: SAYS_NIT.test(folded(text)) };

  const runs = runsOf(compoundsOf(tokensOf(normalised(text))));
  const found = new Map<string, NationalIdKind>();
  let refusal: { reason: AnswerRefusal; detail: string } | undefined;
  for (const run of runs) {
    const verdict = judge(run, readers, context);
    if (verdict === undefined) continue;
    if (verdict.status === 'valid') {
      found.set(verdict.value, verdict.kind);
    } else if (verdict.status === 'check') {
      if (refusal?.reason !== 'invalid-check-digit') {
        refusal = { reason: 'invalid-check-digit', detail: verdict.detail };
      }
    } else if (refusal === undefined) {
      refusal = { reason: 'invalid-format', detail: verdict.detail };
    }
  }
  if (found.size === 1) {
    const [[value, kind]] = found;
    return { ...accepted(value), kind };
  }
  if (found.size > 1) {
    return refused('ambiguous', { detail: `${found.size} different ids` });
  }
  if (refusal !== undefined) return refused(refusal.reason, { detail: refusal.detail });
  return refused('unrecognised');
}
