import { createRequire } from 'node:module';
import type * as Libphonenumber from 'libphonenumber-js/max';
import type { CountryCode, NumberType, PhoneNumber } from 'libphonenumber-js/max';
import { refused, type AnswerAccepted, type AnswerRefusal, type AnswerRefused } from './answer.js';
import { answerSettings, type AnswerCountry } from './answer-settings.js';
import { isBlank } from './answer-text.js';

/** A phone number in the two shapes Cliengo keeps (`collected_data.phone`). */
export interface PhoneValue {
  /**
   * As dialled inside its country, formatted the way Cliengo's own examples show
   * (`national_format`): "011 3815-2222", "0351 15-555-1234", "(11) 91234-5678".
   */
  readonly national: string;
  /** E.164, the useful one (`international_format`): "+541138152222", "+5493515551234". */
  readonly international: string;
}

/** A phone read, with what the numbering plan says of it. */
export interface PhoneAccepted extends AnswerAccepted<PhoneValue> {
  /** The number's country (ISO 3166-1 alpha-2), undefined for non-geographic numbers. */
  readonly country: string | undefined;
  /** MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE, TOLL_FREE...; undefined when the plan does not say. */
  readonly type: NumberType;
}

/** What `phone` answers: an `Answer<PhoneValue>` whose accepted form also says country and type. */
export type PhoneAnswer = PhoneAccepted | AnswerRefused;

/** What `phone` is told. */
export interface PhoneOptions {
  /** The country of numbers typed without a country code; the configured country by default. */
  country?: AnswerCountry;
}

// libphonenumber-js in its CommonJS build, the one class-validator (the service's request
// validation) already loads: one copy of the library and its metadata in memory, and next to
// no load time, where its ES module build would load a second copy (+50 ms at boot).
const require = createRequire(import.meta.url);
const {
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} = require('libphonenumber-js/max') as typeof Libphonenumber;

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/gu;
/** Zero-width characters, and what turns a digit into an emoji keycap ("2️⃣"). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]|\uFE0F|\u20E3/gu;
/** Brazil's printed placeholder for the carrier code: "0xx11 91234-5678". */
const CARRIER_PLACEHOLDER = /\b0\s?xx\s?(?=\d)/giu;
/** Digits as people group them: "+54 9 (11) 3815-2222", "0351 15.555.1234". */
const DIGIT_RUN = /(?:\+\s*)?\(?\d+(?:[\s.()-]{1,4}\d+)*\)?/gu;
/** Fewer digits than this are not an attempt at a phone number ("3 hijos", "a las 15"). */
const MIN_DIGITS = 6;
/** A message holds a few numbers at most; more are not read. */
const MAX_RUNS = 20;
/** Longer runs of digits and separators are no phone number (nor a few side by side). */
const MAX_RUN_LENGTH = 64;
/**
 * The fewest digits of a full national number (without the trunk 0), per country: fewer
 * typed without a country code are a number without its area code. libphonenumber calls
 * such lengths "possible" (local numbers), so it cannot say it by itself.
 */
const SHORTEST_NATIONAL: Readonly<Partial<Record<string, number>>> = {
  AR: 10,
  BR: 10,
  CL: 9,
  CO: 10,
  ES: 9,
  MX: 10,
  PE: 8,
  UY: 8,
};
/** The Mexican prefixes dropped in 2019-2020: 044/045 before mobiles, 01 before long distance. */
const MX_OLD_PREFIX = /^(?:044|045|01)(\d{10})$/u;

interface Run {
  /** The run as typed. */
  readonly text: string;
  /** Its digits only. */
  readonly digits: string;
}

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    const digits = match[0].replace(/\D/gu, '');
    if (digits.length < MIN_DIGITS) continue;
    runs.push({ text: match[0], digits });
    if (runs.length === MAX_RUNS) break;
  }
  return runs;
}

function parse(text: string, country: CountryCode | undefined): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country });
  return parsed?.isValid() === true ? parsed : undefined;
}

/**
 * Numbers that libphonenumber's plan does not take but people type: Mexico's dropped
 * "+52 1" before mobiles and its 044/045/01 national prefixes; in Argentina both the 9 and
 * the 15 ("+54 9 11 15 3815-2222").
 */
function repaired(run: Run, country: CountryCode | undefined): PhoneNumber | undefined {
  const loose = parsePhoneNumberFromString(run.text, { defaultCountry: country });
  if (loose?.countryCallingCode === '52' && /^1\d{10}$/u.test(loose.nationalNumber)) {
    return parse(`+52${loose.nationalNumber.slice(1)}`, country);
  }
  if (loose?.countryCallingCode === '54' && /^9\d{12}$/u.test(loose.nationalNumber)) {
    for (const areaLength of [2, 3, 4]) {
      const cut = 1 + areaLength;
      const national = loose.nationalNumber;
      if (national.slice(cut, cut + 2) !== '15') continue;
      const number = parse(`+54${national.slice(0, cut)}${national.slice(cut + 2)}`, country);
      if (number !== undefined) return number;
    }
  }
  const old =
    !run.text.trim().startsWith('+') && country === 'MX' && MX_OLD_PREFIX.exec(run.digits);
  return old ? parse(`+52${old[1]}`, country) : undefined;
}

function refusalOf(run: Run, country: CountryCode | undefined): AnswerRefusal {
  // Argentina: "15 3815-2222" is a mobile without its area code.
  if (country === 'AR' && !run.text.includes('+') && /^15\d{6,8}$/u.test(run.digits)) {
    return 'incomplete';
  }
  const shortest = country === undefined ? undefined : SHORTEST_NATIONAL[country];
  const national = run.digits.replace(/^0+/u, '');
  if (!run.text.includes('+') && shortest !== undefined && national.length < shortest) {
    return 'incomplete';
  }
  const length = validatePhoneNumberLength(run.text, { defaultCountry: country });
  return length === 'TOO_SHORT' ? 'incomplete' : 'invalid-format';
}

function accept(number: PhoneNumber): PhoneAccepted {
  return {
    ok: true,
    value: { national: number.formatNational(), international: number.number },
    country: number.country,
    type: number.getType(),
  };
}

function normalised(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(DASHES, '-')
    .replace(CARRIER_PLACEHOLDER, '0');
}

/**
 * Reads a phone number in a visitor's text with libphonenumber-js (Google's numbering
 * plans, the full "max" metadata so that numbers are validated digit by digit): alone or
 * inside a sentence ("mi cel es 11 3815 2222"), national or international, with spaces,
 * dots, dashes and parentheses. Numbers without a country code are read in
 * `options.country`, else the configured country (Argentina by default).
 *
 * The value holds the number in Cliengo's two shapes: `international` in E.164
 * ("+5493515551234"), `national` formatted as dialled in its country ("0351 15-555-1234"),
 * as Cliengo's own `national_format` ("011 3815-2222"). The accepted answer also says the
 * number's `country` and `type` (MOBILE, FIXED_LINE...).
 *
 * Mobile prefixes: in Argentina the "9" after +54 and the "15" after the area code are read
 * as one mobile number ("0351 15-555-1234", "+54 9 351 555-1234", "351 155 551234" are all
 * +5493515551234); a number typed without either ("11 3815 2222") is read as written, a
 * landline, as Cliengo does. Mexico's dropped "+52 1", 044, 045 and 01 are removed;
 * Brazil's carrier codes ("0 15 11 91234-5678") and Colombia's are understood.
 *
 * Refusals:
 * - `empty`: no text, or only spaces and punctuation;
 * - `unrecognised`: no run of 6 digits or more;
 * - `incomplete`: digits too few for the country ("4555-1234" without its area code; in
 *   Argentina "15 3815-2222" without its area code);
 * - `invalid-format`: digits that are no number of the plan (too many, an area code or
 *   mobile range that does not exist, "(11) 81234-5678" in Brazil);
 * - `ambiguous`: two different numbers ("11 3815 2222 o 11 4555 6666"; the same number
 *   twice is accepted). With a valid number and other digits that are no phone (a DNI, a
 *   local number) the valid number is accepted.
 *
 * @example phone('0351 15-555-1234', { country: 'AR' }) // value { national: '0351 15-555-1234', international: '+5493515551234' }
 * @example phone('+54 9 11 3815-2222') // value { national: '011 15-3815-2222', international: '+5491138152222' }
 * @example phone('(11) 91234-5678', { country: 'BR' }) // value { national: '(11) 91234-5678', international: '+5511912345678' }
 */
export function phone(text: string | null | undefined, options: PhoneOptions = {}): PhoneAnswer {
  if (typeof text !== 'string' || isBlank(text)) return refused('empty');
  const wanted: unknown = options?.country ?? answerSettings().country;
  // An unknown country (an unchecked option) reads international numbers only.
  const country = typeof wanted === 'string' && isSupportedCountry(wanted) ? wanted : undefined;
  try {
    const numbers = new Map<string, PhoneNumber>();
    let refusal: AnswerRefusal | undefined;
    for (const run of runsOf(normalised(text))) {
      if (run.text.length > MAX_RUN_LENGTH) {
        refusal ??= 'invalid-format';
        continue;
      }
      // libphonenumber finds the numbers in a run, also two typed side by side.
      const found = findPhoneNumbersInText(run.text, { defaultCountry: country });
      for (const { number } of found) numbers.set(number.number, number);
      if (found.length > 0) continue;
      const number = repaired(run, country);
      if (number !== undefined) numbers.set(number.number, number);
      else refusal ??= refusalOf(run, country);
    }
    if (numbers.size === 1) return accept([...numbers.values()][0]);
    if (numbers.size > 1)
      return refused('ambiguous', { detail: `${numbers.size} different numbers` });
    return refused(refusal ?? 'unrecognised');
  } catch (error) {
    // A safety net: libphonenumber throws ParseError on some inputs; a parser never throws.
    return refused('unrecognised', { detail: error instanceof Error ? error.message : 'error' });
  }
}
