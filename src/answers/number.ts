import { accepted, refused, type Answer } from './answer.js';
import { answerSettings, type AnswerCountry, type AnswerLocale } from './answer-settings.js';
import { folded, isBlank } from './answer-text.js';
import { saysDoubt } from './doubt-phrases.js';
import { NUMBER_LEXICON, type NumberWord } from './number.words.js';

/** What {@link number} accepts besides the text. */
export interface NumberOptions {
  /**
   * The visitors' language; default `answerSettings().locale`. Spanish and Portuguese number
   * words are both read whatever it says (they do not collide).
   */
  locale?: AnswerLocale;
  /**
   * The country whose separators the digits follow; default `answerSettings().country`. Mexico
   * and Peru write `1,500.50`; the others `1.500,50`.
   */
  country?: AnswerCountry;
  /** The least value accepted (inclusive). */
  min?: number;
  /** The greatest value accepted (inclusive). */
  max?: number;
  /** Only whole numbers: "2,5" is refused as `out-of-range`. */
  integer?: boolean;
}

/** The countries that write the decimal mark as a dot and group thousands with commas. */
const DOT_DECIMAL_COUNTRIES: ReadonlySet<string> = new Set<AnswerCountry>(['MX', 'PE']);

const LEX = NUMBER_LEXICON;

/** Digits grouped by spaces ("2 500", "1 234 567"): the spaces are dropped before reading. */
const SPACE_GROUPS = /(?<![\d.,'’])\d{1,3}(?: \d{3}(?!\d))+/gu;
const TOKEN = /\d+(?:[.,'’]\d+)*|\p{L}+|\S/gu;
const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set([
  'o',
  'a',
  'ro',
  'do',
  'er',
  'to',
  'vo',
  'no',
  'mo',
  'ra',
  'da',
  'ta',
  'º',
  'ª',
  'os',
  'as',
]);
const MINUS_SIGNS: ReadonlySet<string> = new Set(['-', '−', '–']);

interface Token {
  readonly text: string;
  readonly kind: 'digits' | 'word' | 'sign';
  readonly start: number;
  readonly end: number;
}

/** One way a phrase could be read; numbers with an unclear separator have two. */
type Item =
  | { readonly kind: 'digits'; readonly readings: readonly number[] }
  | Exclude<NumberWord, { kind: 'vague' }>;

interface Phrase {
  readonly items: Item[];
  /** Token indexes: the first and one past the last. */
  start: number;
  end: number;
  weak: boolean;
  vague: boolean;
  negative: boolean;
  bound: boolean;
  /** A half read after a unit word ("un kilo y medio"). */
  half: boolean;
}

interface State {
  readonly total: number;
  readonly group: number | null;
  readonly cls: 'unit' | 'ten' | 'closed' | 'hundred' | 'digits' | 'half' | null;
  readonly lastScale: number;
  readonly maxScale: number;
  readonly connector: boolean;
  readonly closed: boolean;
}

const START: State = {
  total: 0,
  group: null,
  cls: null,
  lastScale: Infinity,
  maxScale: 0,
  connector: false,
  closed: false,
};

/** The state after one more item, or null when the item cannot belong to this number. */
function step(state: State, item: Item, reading: number): State | null {
  if (state.closed) return null;
  const empty = state.group === null && state.total === 0 && state.lastScale === Infinity;
  switch (item.kind) {
    case 'connector':
      if (empty || state.connector) return null;
      return { ...state, connector: true };
    case 'digits':
      if (state.group !== null || reading >= state.lastScale) return null;
      return { ...state, group: reading, cls: 'digits', connector: false };
    case 'small': {
      const { value, cls } = item;
      if (state.group === null) {
        if (value >= state.lastScale) return null;
        return { ...state, group: value, cls, connector: false };
      }
      const joins =
        value > 0 &&
        ((state.cls === 'hundred' && value < 100 && cls !== 'hundred') ||
          (state.cls === 'ten' && cls === 'unit' && state.group % 10 === 0));
      if (!joins) return null;
      const next = cls === 'unit' ? 'unit' : cls === 'ten' ? 'ten' : 'closed';
      return { ...state, group: state.group + value, cls: next, connector: false };
    }
    case 'scale': {
      if (state.connector) return null;
      let group = state.group;
      if (group === null) {
        if (item.slang) return null;
        // "mil" alone is 1000, "dos millones mil" 2 001 000, "mil millones" 10⁹.
        group = empty || item.value < state.lastScale ? 1 : 0;
      }
      if (item.value < state.lastScale) {
        return {
          ...state,
          total: state.total + group * item.value,
          group: null,
          cls: null,
          lastScale: item.value,
          maxScale: Math.max(state.maxScale, item.value),
        };
      }
      if (item.value > state.maxScale) {
        // "mil millones", "dos mil millones": the scale multiplies all that came before.
        return {
          ...state,
          total: (state.total + group) * item.value,
          group: null,
          cls: null,
          lastScale: item.value,
          maxScale: item.value,
        };
      }
      return null;
    }
    case 'half':
      if (state.connector) {
        // "dos y medio", "dos millones y medio", "una docena y media".
        const unit = state.group !== null ? 1 : state.lastScale;
        return {
          ...state,
          total: state.total + (state.group ?? 0) + unit / 2,
          group: null,
          connector: false,
          closed: true,
        };
      }
      if (!empty) return null;
      return { ...state, group: 0.5, cls: 'half' };
  }
}

function valueOf(state: State): number {
  return state.total + (state.group ?? 0);
}

/** The readings of a run of digits and separators, or null when it is no number. */
function readDigits(raw: string, decimalMark: '.' | ','): number[] | null {
  let text = raw;
  if (/['’]/u.test(text)) {
    // "1'500": an apostrophe groups thousands, as in Peru and Switzerland.
    if (!/^\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)*$/u.test(text)) return null;
    text = text.replace(/['’]/gu, '');
  }
  const marks = text.replace(/\d/gu, '');
  if (marks === '') return [Number(text)];
  const groups = text.split(/[.,]/u);
  const grouped = (parts: readonly string[]) =>
    parts[0].length <= 3 && parts.slice(1).every((part) => part.length === 3);
  const decimal = (whole: string, fraction: string) => Number(`${whole}.${fraction}`);
  const hasDot = marks.includes('.');
  const hasComma = marks.includes(',');
  if (hasDot && hasComma) {
    // "1.234.567,89", "1,234,567.89": the last mark is the decimal one, once.
    const last = marks[marks.length - 1];
    if (marks.indexOf(last) !== marks.length - 1) return null;
    const fraction = groups.pop() ?? '';
    if (!grouped(groups)) return null;
    return [decimal(groups.join(''), fraction)];
  }
  if (marks.length > 1) return grouped(groups) ? [Number(groups.join(''))] : null;
  const [whole, fraction] = groups;
  if (fraction.length !== 3 || /^0+$/u.test(whole) || whole.length > 3) {
    return [decimal(whole, fraction)];
  }
  const thousands = Number(whole + fraction);
  // One mark and three digits: a thousands mark where it is one ("1.500" in Argentina);
  // the decimal mark may also be either ("1,500" there may be 1.5 or 1500).
  // Nobody writes "1,000" for 1: three zeros after the mark are thousands.
  return marks === decimalMark && fraction !== '000'
    ? [decimal(whole, fraction), thousands]
    : [thousands];
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const value = match[0];
    const kind = /^\d/u.test(value) ? 'digits' : /^\p{L}/u.test(value) ? 'word' : 'sign';
    tokens.push({ text: value, kind, start: match.index, end: match.index + value.length });
  }
  return tokens;
}

function glued(a: Token | undefined, b: Token | undefined): boolean {
  return a !== undefined && b !== undefined && a.end === b.start;
}

function wordsBefore(tokens: readonly Token[], index: number, words: readonly string[]): boolean {
  if (index < words.length) return false;
  return words.every((word, k) => {
    const token = tokens[index - words.length + k];
    return token.kind === 'word' && token.text === word;
  });
}

/** What a token is to the phrase reader: an item, a foreign number (a time, a date), or neither. */
type Classified = Item | 'foreign' | 'bad' | null;

function classify(tokens: readonly Token[], i: number, decimalMark: '.' | ','): Classified {
  const token = tokens[i];
  if (token.kind === 'word') {
    const word = LEX.words.get(token.text);
    return word === undefined || word.kind === 'vague' ? null : word;
  }
  if (token.kind !== 'digits') return null;
  // "15:30", "20/10", "1/2", "10h30": a time, a date or a fraction, not a number.
  const joins = (sign: Token | undefined, digits: Token | undefined) =>
    sign !== undefined &&
    digits?.kind === 'digits' &&
    (sign.text === ':' || sign.text === '/' || sign.text === 'h') &&
    glued(sign, digits);
  const [before, next] = [tokens[i - 1], tokens[i + 1]];
  if (
    (glued(token, next) && joins(next, tokens[i + 2])) ||
    (glued(before, token) && joins(before, token))
  ) {
    return 'foreign';
  }
  const readings = readDigits(token.text, decimalMark);
  return readings === null ? 'bad' : { kind: 'digits', readings };
}

/** The phrases of a text that read as numbers, in order. */
function phrasesOf(tokens: readonly Token[], decimalMark: '.' | ','): Phrase[] {
  const classified = tokens.map((_, i) => classify(tokens, i, decimalMark));
  /** Ordinal suffixes glued to digits ("3er", "1º"): not read. */
  const skip = tokens.map(
    (token, i) =>
      token.kind !== 'digits' &&
      tokens[i - 1]?.kind === 'digits' &&
      glued(tokens[i - 1], token) &&
      (ORDINAL_SUFFIXES.has(token.text) || token.text === '°'),
  );
  const itemAt = (i: number): Item | null => {
    const entry = classified[i];
    return entry === 'foreign' || entry === 'bad' ? null : entry;
  };
  const phrases: Phrase[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.kind === 'word' && LEX.words.get(token.text)?.kind === 'vague') {
      phrases.push(bare(i, { vague: true }));
      i++;
      continue;
    }
    const first = skip[i] ? null : itemAt(i);
    let state = first === null ? null : step(START, first, primary(first));
    if (first === null || state === null) {
      i++;
      continue;
    }
    const phrase: Phrase = { ...bare(i, {}), items: [first] };
    /** For each item kept, the index of its token. */
    const at = [i];
    /** The item and token indexes where the group below the next scale began. */
    let group = state.group === null ? null : { item: 0, token: i };
    for (let j = i + 1; j < tokens.length; j++) {
      if (skip[j]) continue;
      const item = itemAt(j);
      if (item === null) break;
      const next = step(state, item, primary(item));
      if (next === null) {
        if (item.kind === 'scale' && group !== null && group.item > 0 && state.group !== null) {
          // "500 mil 300 mil": the second number starts at "300".
          phrase.items.length = group.item;
          at.length = group.item;
        }
        break;
      }
      if (state.group === null && next.group !== null)
        group = { item: phrase.items.length, token: j };
      if (next.group === null) group = null;
      state = next;
      phrase.items.push(item);
      at.push(j);
    }
    // A connector with nothing after it is no part of the number.
    while (phrase.items.length > 1 && phrase.items[phrase.items.length - 1].kind === 'connector') {
      phrase.items.pop();
      at.pop();
    }
    phrase.end = at[at.length - 1] + 1;
    while (phrase.end < tokens.length && skip[phrase.end]) phrase.end++;
    // "un kilo y medio", "duas horas e meia": a half after one word.
    const [unitWord, connector, half] = [
      tokens[phrase.end],
      itemAt(phrase.end + 1),
      itemAt(phrase.end + 2),
    ];
    if (
      unitWord?.kind === 'word' &&
      classified[phrase.end] === null &&
      connector?.kind === 'connector' &&
      half?.kind === 'half' &&
      step({ ...replay(phrase.items), connector: true }, half, 0) !== null
    ) {
      phrase.items.push(connector, half);
      phrase.half = true;
      phrase.end += 3;
    }
    describe(tokens, phrase);
    phrases.push(phrase);
    i = Math.max(phrase.end, i + 1);
  }
  if (classified.includes('bad')) phrases.push(bare(-1, {}));
  return phrases;
}

function bare(index: number, extra: Partial<Phrase>): Phrase {
  return {
    items: [],
    start: index,
    end: index + 1,
    weak: false,
    vague: false,
    negative: false,
    bound: false,
    half: false,
    ...extra,
  };
}

function primary(item: Item): number {
  return item.kind === 'digits' ? item.readings[0] : 0;
}

function replay(items: readonly Item[]): State {
  let state = START;
  for (const item of items) state = step(state, item, primary(item)) ?? state;
  return state;
}

/** Sets what the words around a phrase say of it: a sign, a bound, vagueness, weakness. */
function describe(tokens: readonly Token[], phrase: Phrase): void {
  const { start, end } = phrase;
  const before = tokens[start - 1];
  const first = tokens[start];
  if (
    before !== undefined &&
    MINUS_SIGNS.has(before.text) &&
    first.kind === 'digits' &&
    glued(before, first) &&
    !(tokens[start - 2]?.kind === 'digits' && glued(tokens[start - 2], before))
  ) {
    phrase.negative = true;
  }
  if (
    before?.kind === 'word' &&
    LEX.negative.has(before.text) &&
    !LEX.notNegativeAfter.has(tokens[start - 2]?.text ?? '')
  ) {
    phrase.negative = true;
  }
  const closedBound = LEX.closedBounds.some((words) => wordsBefore(tokens, start, words));
  if (!closedBound && LEX.openBounds.some((words) => wordsBefore(tokens, start, words))) {
    phrase.bound = true;
  }
  if (
    LEX.openBoundsAfter.some((words) =>
      words.every((word, k) => tokens[end + k]?.kind === 'word' && tokens[end + k].text === word),
    ) &&
    !(tokens[end + 2]?.text === 'o' || tokens[end + 2]?.text === 'ou')
  ) {
    // "5 o más" (but "5 más o menos" is about 5).
    phrase.bound = true;
  }
  const [tail1, tail2] = [tokens[end], tokens[end + 1]];
  if (
    tail1 !== undefined &&
    LEX.words.get(tail1.text)?.kind === 'connector' &&
    tail2 !== undefined &&
    LEX.vagueTails.has(tail2.text)
  ) {
    phrase.vague = true;
  }
  if (phrase.items.length === 1 && !phrase.half) {
    const only = tokens[start].text;
    if (LEX.weak.has(only) || phrase.items[0].kind === 'half') {
      const inRange =
        LEX.rangeWords.has(tokens[end]?.text ?? '') ||
        LEX.rangeWords.has(before?.text ?? '') ||
        MINUS_SIGNS.has(tokens[end]?.text ?? '');
      phrase.weak = !inRange;
      if (LEX.quantityWords.has(tokens[end]?.text ?? '')) phrase.items.length = 0;
    }
  }
}

/** Every value a phrase may have: one per way of reading its separators. */
function valuesOf(phrase: Phrase): number[] {
  const values = new Set<number>();
  const walk = (index: number, state: State) => {
    if (index === phrase.items.length) {
      const value = Number(valueOf(state).toPrecision(15));
      values.add(phrase.negative && value !== 0 ? -value : value);
      return;
    }
    const item = phrase.items[index];
    const readings = item.kind === 'digits' ? item.readings : [0];
    for (const reading of readings) {
      const next = step(state, item, reading);
      if (next !== null) walk(index + 1, next);
    }
  };
  walk(0, START);
  return [...values];
}

/**
 * Reads a number from a visitor's text: digits with the local separators, number words in
 * Spanish or Portuguese, or both mixed, alone or inside a sentence.
 *
 * - Digits: `"1.000"` → 1000, `"3,5"` → 3.5, `"1.234.567,89"`, `"2 500"`, `"$ 1.500"`,
 *   `"R$ 2.000,00"`, `"1500 pesos"`, `"-5"`, `"5k"`, `"3er"`.
 * - Words: `"dos mil quinientos"` → 2500, `"veintitrés"`, `"treinta y cinco"`,
 *   `"un millón doscientos mil"`, `"ciento uno"`, `"dois mil e quinhentos"`, `"cento e um"`,
 *   `"dos y medio"` → 2.5, `"media docena"` → 6, `"menos cinco"` → -5, `"ninguno"` → 0.
 * - Mixed: `"2 mil"`, `"1,5 millones"`, `"3 mil quinientos"`, `"10 lucas"` → 10000.
 * - In a sentence: `"tengo 3 hijos"` → 3, `"son como 25 años"` → 25, `"hasta 5000"` → 5000.
 *
 * Separators: where both a dot and a comma appear, the last one is the decimal mark. One mark
 * followed by other than three digits is a decimal mark (`"1.5"`, `"3,25"`). One mark followed
 * by exactly three digits is a thousands mark when it is the country's (`"1.500"` is 1500 in
 * Argentina, `"1,500"` in Mexico); when it is the country's decimal mark the number reads both
 * ways, and `integer`, `min` and `max` choose: `"1,500"` in Argentina is `ambiguous`, but 1500
 * with `integer: true` and 1.5 with `max: 100` (three zeros, `"1,000"`, are always thousands). A
 * mark followed by three digits after a lone zero (`"0,500"`) or after more than three digits is a
 * decimal mark. Spaces and apostrophes group thousands (`"2 500"`, `"1'500"`). "Un", "una", "medio" and "ninguno" alone count
 * only when the text holds no other number ("un préstamo de 50 mil" → 50000).
 *
 * Refusals:
 * - `empty`: no text, or only spaces and punctuation;
 * - `doubt`: no number, and the visitor says they do not know ("no sé", "não sei");
 * - `unrecognised`: no number ("muchos", "un montón"), or digits that are no number ("1.2.3"),
 *   or only a time or a date ("15:30", "20/10");
 * - `ambiguous`: two different numbers ("3 o 4", "entre 20 y 30", "20-30"), a vague one
 *   ("30 y pico", "vinte e poucos"), an open or strict bound ("más de 10", "al menos 3",
 *   "menos de 5"), or a separator that reads both ways and the options do not settle;
 * - `out-of-range`: below `min`, above `max`, a fraction with `integer` (detail
 *   `not a whole number`), or too large to hold exactly.
 *
 * @example number('dos mil quinientos') // { ok: true, value: 2500 }
 * @example number('tengo 3 hijos', { integer: true, max: 20 }) // { ok: true, value: 3 }
 * @example number('1,500', { country: 'MX' }) // { ok: true, value: 1500 }
 * @example number('3 o 4') // { ok: false, reason: 'ambiguous' }
 */
export function number(
  text: string | null | undefined,
  options: NumberOptions = {},
): Answer<number> {
  if (typeof text !== 'string' || isBlank(text)) return refused('empty');
  const country = options.country ?? answerSettings().country;
  const decimalMark = DOT_DECIMAL_COUNTRIES.has(country) ? '.' : ',';
  const clean = folded(text).replace(SPACE_GROUPS, (groups) => groups.replace(/ /gu, ''));
  const phrases = phrasesOf(tokenize(clean), decimalMark).filter(
    (phrase) => phrase.items.length > 0 || phrase.vague || phrase.start < 0,
  );
  const strong = phrases.filter((phrase) => !phrase.weak);
  const chosen = strong.length > 0 ? strong : phrases;
  if (chosen.length === 0) {
    return saysDoubt(text) ? refused('doubt') : refused('unrecognised', { detail: 'no number' });
  }
  if (chosen.some((phrase) => phrase.start < 0)) {
    return chosen.length === 1
      ? refused('unrecognised', { detail: 'digits that are no number' })
      : refused('ambiguous', { detail: 'more than one number' });
  }
  if (chosen.some((phrase) => phrase.vague)) {
    return refused('ambiguous', { detail: 'an approximate number ("30 y pico")' });
  }
  if (chosen.some((phrase) => phrase.bound)) {
    return refused('ambiguous', { detail: 'a bound, not a number' });
  }
  let candidates = valuesOf(chosen[0]);
  for (const phrase of chosen.slice(1)) {
    const values = valuesOf(phrase);
    candidates = candidates.filter((value) => values.includes(value));
  }
  if (candidates.length === 0) return refused('ambiguous', { detail: 'more than one number' });
  if (candidates.every((value) => !Number.isSafeInteger(Math.trunc(value)))) {
    return refused('out-of-range', { detail: 'too large to hold exactly' });
  }
  if (options.integer === true) {
    candidates = candidates.filter((value) => Number.isInteger(value));
    if (candidates.length === 0) return refused('out-of-range', { detail: 'not a whole number' });
  }
  const { min, max } = options;
  const inRange = candidates.filter(
    (value) =>
      !(typeof min === 'number' && value < min) && !(typeof max === 'number' && value > max),
  );
  if (inRange.length === 0) {
    return refused('out-of-range', {
      detail: `${candidates[0]} is outside ${min ?? '-∞'}..${max ?? '∞'}`,
    });
  }
  if (inRange.length > 1) {
    return refused('ambiguous', { detail: `the separator reads as ${inRange.join(' or ')}` });
  }
  return accepted(inRange[0]);
}
