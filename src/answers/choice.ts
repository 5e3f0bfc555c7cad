import { accepted, refused, type Answer } from './answer.js';
import { answerSettings, type AnswerLocale } from './answer-settings.js';
import { folded, isBlank } from './answer-text.js';
import { CHOICE_ES, CHOICE_PT, type ChoiceWords } from './choice.words.js';
import { yesNo } from './yes-no.js';

/** Options of {@link choice} and {@link choiceOption}. */
export interface ChoiceOptions {
  /** The visitor's language; default: `answerSettings().locale`. */
  readonly locale?: AnswerLocale;
}

// ---------------------------------------------------------------------------------------------
// Tables, built once.

interface Tables {
  readonly ordinals: ReadonlyMap<string, number>;
  readonly numbers: ReadonlyMap<string, number>;
  readonly oneAfterKeyword: ReadonlySet<string>;
  readonly positionWords: ReadonlySet<string>;
  readonly articles: ReadonlySet<string>;
  readonly of: ReadonlySet<string>;
  readonly middle: ReadonlySet<string>;
  readonly every: readonly (readonly string[])[];
  readonly none: readonly (readonly string[])[];
  readonly stop: ReadonlySet<string>;
}

const fold = (word: string) => folded(word);

function buildTables(own: ChoiceWords, other: ChoiceWords): Tables {
  const ownStop = new Set(own.stop.map(fold));
  const ownNumbers = new Set(Object.keys(own.numbers).map(fold));
  const entries = (record: Readonly<Record<string, number>>) =>
    Object.entries(record).map(([word, value]) => [fold(word), value] as const);
  const numbers = new Map([
    ...entries(other.numbers).filter(([word]) => !ownStop.has(word)),
    ...entries(own.numbers),
  ]);
  const ordinals = new Map([...entries(other.ordinals), ...entries(own.ordinals)]);
  const stop = new Set(
    [...other.stop.map(fold).filter((word) => !ownNumbers.has(word)), ...ownStop].filter(
      (word) => !ordinals.has(word),
    ),
  );
  const phrases = (list: readonly string[]) => list.map((phrase) => folded(phrase).split(' '));
  return {
    ordinals,
    numbers,
    oneAfterKeyword: new Set([...own.oneAfterKeyword, ...other.oneAfterKeyword].map(fold)),
    positionWords: new Set([...own.positionWords, ...other.positionWords, 'numero'].map(fold)),
    articles: new Set([...own.articles, ...other.articles].map(fold)),
    of: new Set([...own.of, ...other.of].map(fold)),
    middle: new Set([...own.middle, ...other.middle].map(fold)),
    every: phrases([...own.every, ...other.every]),
    none: phrases([...own.none, ...other.none]),
    stop,
  };
}

const TABLES: Readonly<Record<AnswerLocale, Tables>> = {
  es: buildTables(CHOICE_ES, CHOICE_PT),
  pt: buildTables(CHOICE_PT, CHOICE_ES),
};

// ---------------------------------------------------------------------------------------------
// Words.

/** A word of the answer or of an option: a number in canonical form, an ordinal, or a word. */
type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'number'; readonly text: string; readonly value: number }
  | { readonly kind: 'ordinal'; readonly text: string; readonly value: number };

/** "nº 2", "n° 2", "no. 2", "nro. 2", "#2": a position word before the number. */
const NUMBER_SIGN = /(?:\b(?:n|nro|num|no)\s*[.°º]+|#)\s*(?=\d)/gu;
/** "1°", "2º", "1.ª": ordinals written with the ordinal signs. */
const ORDINAL_SIGN = /(\d{1,2})\s*\.?\s*[°ºª]/gu;
/** "2)", "2.", "2 -" at the start of an answer: the number of a list entry. */
const LIST_MARKER = /^\s*(\d{1,3})\s*(?:\)|:|\.(?!\d)|-(?!\d))/u;
const TOKEN = /[\p{L}\p{N}]+(?:[.,:][\p{N}]+)*/gu;
const ORDINAL_SUFFIX = /^(\d{1,2})(?:ra|ro|er|era|ero|da|do|ta|to|ma|mo|va|vo|na|no|a|o)$/u;
const NUMBER = /^\d+(?:[.,:]\d+)*$/u;
const TIME_SUFFIX = /^(\d{1,2}(?::\d{2})?)(?:h|hs|hrs|hr|am|pm)$/u;
const THOUSANDS = /[.,](?=\d{3}(?!\d))/gu;
/** "50 mil", "1 millón", pt "2 milhões". */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['mil', 1_000],
  ['millon', 1_000_000],
  ['millones', 1_000_000],
  ['milhao', 1_000_000],
  ['milhoes', 1_000_000],
]);

function numberToken(text: string): Token {
  const canonical = text.replace(THOUSANDS, '').replace(/^0+(?=\d)/u, '');
  const value = /^\d{1,9}$/u.test(canonical) ? Number(canonical) : NaN;
  return { kind: 'number', text: canonical, value };
}

function tokensOf(text: string): Token[] {
  const prepared = folded(text)
    .replace(LIST_MARKER, ' numero $1 ')
    .replace(NUMBER_SIGN, ' numero ')
    .replace(ORDINAL_SIGN, ' $1o ');
  const out: Token[] = [];
  for (const raw of prepared.match(TOKEN) ?? []) {
    const ordinal = ORDINAL_SUFFIX.exec(raw);
    if (ordinal !== null) {
      out.push({ kind: 'ordinal', text: raw, value: Number(ordinal[1]) });
      continue;
    }
    const time = TIME_SUFFIX.exec(raw);
    if (time !== null) {
      out.push(numberToken(time[1]));
      continue;
    }
    const previous = out.at(-1);
    const times = MULTIPLIERS.get(raw);
    if (times !== undefined && previous?.kind === 'number' && Number.isInteger(previous.value)) {
      out[out.length - 1] = numberToken(String(previous.value * times));
      continue;
    }
    out.push(NUMBER.test(raw) ? numberToken(raw) : { kind: 'word', text: raw });
  }
  return out;
}

/** The numbers an option holds: "24 cuotas" holds 24; "10:30" holds 10:30 and 10. */
function numbersOf(tokens: readonly Token[]): Set<string> {
  const numbers = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'number') continue;
    numbers.add(token.text);
    const hour = /^(\d{1,2}):\d{2}$/u.exec(token.text);
    if (hour !== null) numbers.add(hour[1]);
  }
  return numbers;
}

const sameWord = (a: string, b: string) =>
  a === b || a + 's' === b || b + 's' === a || a + 'es' === b || b + 'es' === a;

/** At most one edit apart (a letter changed, added, dropped, or two swapped). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// ---------------------------------------------------------------------------------------------
// Options.

interface Option {
  readonly index: number;
  /** All words, label included ("#2 - Plan B": 2 plan b). */
  readonly fullKey: string;
  /** The words without the label. */
  readonly core: readonly Token[];
  readonly coreKey: string;
  /** "#2 - Plan B", "2) Plan B", "2. Plan B": 2. */
  readonly label: number | null;
  /** "a) Plan X": a. */
  readonly letter: string | null;
  /** The core's words that are not stop words. */
  readonly words: readonly string[];
  readonly numbers: ReadonlySet<string>;
  /** Whether the core has a word, not only numbers and stop words. */
  readonly hasWords: boolean;
}

const NUMBER_LABEL = /^\s*#\s*(\d{1,3})\s*[-.):]?\s*|^\s*(\d{1,3})\s*(?:[):]|\.(?!\d)|-(?!\d))\s*/u;
const LETTER_LABEL = /^\s*([a-z])\s*[).:-]\s+/u;

const keyOf = (tokens: readonly Token[]) => tokens.map((token) => token.text).join(' ');

function prepareOption(option: unknown, index: number, tables: Tables): Option {
  const text = typeof option === 'string' ? folded(option) : '';
  let label: number | null = null;
  let letter: string | null = null;
  let rest = text;
  const numbered = NUMBER_LABEL.exec(text);
  const lettered = LETTER_LABEL.exec(text);
  if (numbered !== null && numbered[0].length < text.length) {
    label = Number(numbered[1] ?? numbered[2]);
    rest = text.slice(numbered[0].length);
  } else if (lettered !== null) {
    letter = lettered[1];
    rest = text.slice(lettered[0].length);
  }
  const core = tokensOf(rest);
  const words = core
    .filter((token) => token.kind !== 'number' && !tables.stop.has(token.text))
    .map((token) => token.text);
  return {
    index,
    fullKey: keyOf(tokensOf(text.replace(/#/gu, ' '))),
    core,
    coreKey: keyOf(core),
    label,
    letter,
    words,
    numbers: numbersOf(core),
    hasWords: words.length > 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Readings, tried in order.

type Reading = Answer<number> | null;

const pick = (index: number): Answer<number> => accepted(index);

function among(indexes: Iterable<number>, detail: string): Answer<number> {
  const candidates = [...new Set(indexes)].sort((a, b) => a - b);
  return candidates.length === 1
    ? accepted(candidates[0])
    : refused('ambiguous', { detail, candidates });
}

/** The answer is an option's text, with or without its label. */
function exactOption(answerKey: string, options: readonly Option[]): Reading {
  if (answerKey === '') return null;
  const full = options.filter((option) => option.fullKey === answerKey);
  const matches = full.length > 0 ? full : options.filter((option) => option.coreKey === answerKey);
  if (matches.length === 0) return null;
  return among(
    matches.map((option) => option.index),
    'the answer is the text of several options',
  );
}

/** Options that are a yes and a no ("Sí" / "No, gracias"): the answer read as yes or no. */
function yesNoOption(text: string, raw: readonly unknown[], locale: AnswerLocale): Reading {
  const yes: number[] = [];
  const no: number[] = [];
  raw.forEach((option, index) => {
    if (typeof option !== 'string') return;
    const read = yesNo(option, { locale });
    if (read.ok) (read.value ? yes : no).push(index);
  });
  if (yes.length !== 1 || no.length !== 1) return null;
  const answer = yesNo(text, { locale });
  if (answer.ok) return pick(answer.value ? yes[0] : no[0]);
  if (answer.reason === 'doubt') return refused('doubt', { detail: answer.detail });
  if (answer.reason === 'ambiguous') {
    return refused('ambiguous', { detail: answer.detail, candidates: [yes[0], no[0]].sort() });
  }
  return null;
}

function startsAt(tokens: readonly Token[], phrase: readonly string[], at: number): boolean {
  return phrase.every((word, k) => tokens[at + k]?.text === word);
}

function findPhrase(tokens: readonly Token[], phrase: readonly string[]): number {
  for (let at = 0; at + phrase.length <= tokens.length; at += 1) {
    if (startsAt(tokens, phrase, at)) return at;
  }
  return -1;
}

/** An option's whole text inside the answer ("quiero el Plan B por favor"); the longest wins. */
function containedOption(tokens: readonly Token[], options: readonly Option[]): Reading {
  const found: Array<{ option: Option; at: number }> = [];
  for (const option of options) {
    if (!option.hasWords || option.core.length === 0) continue;
    const at = findPhrase(
      tokens,
      option.core.map((token) => token.text),
    );
    if (at >= 0) found.push({ option, at });
  }
  if (found.length === 0) return null;
  // Drop the options found inside a longer one found ("Plan A" inside "Plan A Plus").
  const kept = found.filter(
    ({ option, at }) =>
      !found.some(
        (other) =>
          other.option.core.length > option.core.length &&
          other.at <= at &&
          other.at + other.option.core.length >= at + option.core.length,
      ),
  );
  return among(
    kept.map(({ option }) => option.index),
    'the answer names several options',
  );
}

/** "ninguna", "ambas", "cualquiera": unless an option holds those words. */
function everyOrNone(
  tokens: readonly Token[],
  options: readonly Option[],
  tables: Tables,
): Reading {
  const inOptions = (phrase: readonly string[]) =>
    options.some((option) => phrase.some((word) => option.words.includes(word)));
  if (tables.none.some((phrase) => findPhrase(tokens, phrase) >= 0 && !inOptions(phrase))) {
    return refused('unrecognised', { detail: 'the visitor wants none of the options' });
  }
  if (tables.every.some((phrase) => findPhrase(tokens, phrase) >= 0 && !inOptions(phrase))) {
    return refused('ambiguous', {
      detail: 'the visitor wants any or all of the options',
      candidates: options.map((option) => option.index),
    });
  }
  return null;
}

/**
 * How a number is asked for: after a position word ("opción 2", "#2"), after an article
 * ("la 2": a position, or the option holding 2), as the option "with" it ("la de 24"), or bare.
 */
type NumberForm = 'position' | 'article' | 'with' | 'bare';

interface NumberReference {
  readonly value: number;
  readonly text: string;
  readonly form: NumberForm;
}

function numberValue(token: Token | undefined, tables: Tables, afterKeyword: boolean): number {
  if (token === undefined) return NaN;
  if (token.kind === 'number') return token.value;
  if (token.kind === 'word') {
    const word = tables.numbers.get(token.text);
    if (word !== undefined) return word;
    if (afterKeyword && tables.oneAfterKeyword.has(token.text)) return 1;
  }
  return NaN;
}

/** Every number the answer asks for, and in what form. */
function numberReferences(tokens: readonly Token[], tables: Tables): NumberReference[] {
  const out: NumberReference[] = [];
  tokens.forEach((token, at) => {
    const before = tokens[at - 1]?.text;
    const keyword = before !== undefined && tables.positionWords.has(before);
    const value = numberValue(token, tables, keyword);
    if (Number.isNaN(value)) return;
    let form: NumberForm = 'bare';
    if (keyword) form = 'position';
    else if (before !== undefined && tables.articles.has(before)) form = 'article';
    else if (before !== undefined && tables.of.has(before)) form = 'with';
    out.push({ value, text: token.kind === 'number' ? token.text : String(value), form });
  });
  return out;
}

/** Reads a number as a position (or label) and as an option's own number, per the rules. */
function resolveNumber(reference: NumberReference, options: readonly Option[]): Answer<number> {
  const { value, text, form } = reference;
  const labelled = options.filter((option) => option.label !== null);
  const byLabel = labelled.filter((option) => option.label === value).map((o) => o.index);
  if (byLabel.length > 0) return among(byLabel, 'several options carry that number');
  const allLabelled = labelled.length === options.length;
  const position = !allLabelled && value >= 1 && value <= options.length ? value - 1 : null;
  const own = options.filter((option) => option.numbers.has(text)).map((option) => option.index);
  if (form === 'with' && own.length > 0) return among(own, 'several options hold that number');
  if (position !== null) {
    if (form === 'position' || own.length === 0 || (own.length === 1 && own[0] === position)) {
      return pick(position);
    }
    return refused('ambiguous', {
      detail: 'the number is both a position and the number in another option',
      candidates: [...new Set([position, ...own])].sort((a, b) => a - b),
    });
  }
  if (own.length > 0) return among(own, 'several options hold that number');
  return refused('out-of-range', {
    detail: `option ${value} asked for, ${options.length} offered`,
  });
}

/**
 * How well a word of the answer stands for one of an option's words: 1 for the word itself or
 * its plural ("cuota", "cuotas"), 0.5 for a prefix of 4 letters or more ("info") or a word of 5
 * letters or more one typo away ("premiun"), else 0.
 */
function wordMatch(word: string, own: string): number {
  if (sameWord(word, own)) return 1;
  if (word.length >= 4 && own.length > word.length && own.startsWith(word)) return 0.5;
  if (word.length >= 5 && own.length >= 5 && oneEditApart(word, own)) return 0.5;
  return 0;
}

function wordScore(word: string, option: Option): number {
  let best = 0;
  for (const own of option.words) best = Math.max(best, wordMatch(word, own));
  return best;
}

interface TextMatch {
  readonly reading: Reading;
  /** Options named only by words every option has ("cuotas"). */
  readonly common: ReadonlySet<number>;
  /** Whether some word of the answer fits no option ("Plan C"). */
  readonly unmatched: boolean;
}

/** The options the answer's words point at; words every option has do not count. */
function textMatch(
  tokens: readonly Token[],
  options: readonly Option[],
  tables: Tables,
): TextMatch {
  const scores = new Map<number, number>();
  const common = new Set<number>();
  /** The options' words the answer says. */
  const said = new Set<string>();
  let unmatched = false;
  const live = options.filter((option) => option.core.length > 0);
  // Numbers after a position word or an article ("opción 2", "la 2") are positions: not here.
  // The end of a range is not ("de 12 a 15": "a" is the Portuguese article, and "to").
  const content = tokens.filter(
    (token, at) =>
      !tables.stop.has(token.text) &&
      !tables.positionWords.has(token.text) &&
      token.kind !== 'ordinal' &&
      !(
        token.kind === 'number' &&
        at > 0 &&
        (tables.positionWords.has(tokens[at - 1].text) ||
          (tables.articles.has(tokens[at - 1].text) && tokens[at - 2]?.kind !== 'number'))
      ),
  );
  for (const token of content) {
    const matched = new Map<number, number>();
    for (const option of live) {
      const score =
        token.kind === 'number'
          ? option.numbers.has(token.text)
            ? 1
            : 0
          : wordScore(token.text, option);
      if (score > 0) matched.set(option.index, score);
    }
    if (matched.size === 0) {
      unmatched = true;
      continue;
    }
    // A close or partial match counts only where no option has the word itself.
    const best = Math.max(...matched.values());
    const kept = [...matched].filter(([, score]) => score === best);
    if (live.length > 1 && kept.length === live.length) {
      for (const [index] of kept) common.add(index);
      continue;
    }
    for (const [index, score] of kept) scores.set(index, (scores.get(index) ?? 0) + score);
    if (token.kind === 'word') {
      for (const [index] of kept) {
        for (const word of options[index].words) {
          if (wordMatch(token.text, word) === best) said.add(word);
        }
      }
    }
  }
  if (scores.size === 0) return { reading: null, common, unmatched };
  const top = Math.max(...scores.values());
  let winners = [...scores].filter(([, score]) => score === top).map(([index]) => index);
  if (winners.length > 1) {
    // "premium" for "Plan Premium" rather than "Plan Premium Plus": the option whose own words
    // the answer says all of (or that every option has) wins a tie.
    const everyWordSaid = winners.filter((index) =>
      options[index].words.every(
        (word) =>
          said.has(word) ||
          live.every((option) => option.words.some((other) => sameWord(word, other))),
      ),
    );
    if (everyWordSaid.length === 1) winners = everyWordSaid;
  }
  return { reading: among(winners, 'the answer fits several options'), common, unmatched };
}

/** "a", "la b", "opción c": a letter that is an option's label or one of its words. */
function letterOption(
  tokens: readonly Token[],
  options: readonly Option[],
  tables: Tables,
): Reading {
  if (tokens.length > 4) return null;
  const letters = tokens.filter((token) => /^[a-z]$/u.test(token.text));
  const others = tokens.filter(
    (token) =>
      !/^[a-z]$/u.test(token.text) &&
      !tables.stop.has(token.text) &&
      !tables.positionWords.has(token.text),
  );
  if (
    letters.length !== 1 ||
    others.some((token) => !options.some((o) => o.words.includes(token.text)))
  ) {
    return null;
  }
  const letter = letters[0].text;
  const byLabel = options.filter((option) => option.letter === letter).map((o) => o.index);
  if (byLabel.length > 0) return among(byLabel, 'several options carry that letter');
  const byWord = options.filter((option) => option.core.some((token) => token.text === letter));
  if (byWord.length === 0 || byWord.length === options.length) return null;
  return among(
    byWord.map((option) => option.index),
    'several options have that letter',
  );
}

/** "la primera", "segunda", "1ra", "2°", "la última", "la del medio". */
function ordinalOption(
  tokens: readonly Token[],
  options: readonly Option[],
  tables: Tables,
): Reading {
  const positions = new Set<number>();
  let outOfRange: number | null = null;
  const count = options.length;
  tokens.forEach((token, at) => {
    let value = token.kind === 'ordinal' ? token.value : tables.ordinals.get(token.text);
    if (
      value === undefined &&
      tables.middle.has(token.text) &&
      tables.of.has(tokens[at - 1]?.text ?? '')
    ) {
      if (count >= 3 && count % 2 === 1) positions.add((count - 1) / 2);
      else if (count >= 4) [count / 2 - 1, count / 2].forEach((index) => positions.add(index));
      return;
    }
    if (value === undefined) return;
    if (value < 0) value = count + 1 + value;
    if (value >= 1 && value <= count) positions.add(value - 1);
    else outOfRange = value;
  });
  if (positions.size > 0) return among(positions, 'the answer names several positions');
  if (outOfRange !== null) {
    return refused('out-of-range', {
      detail: `option ${String(outOfRange)} asked for, ${count} offered`,
    });
  }
  return null;
}

/**
 * An ordinal word that is also an option's word ("segunda" in "Segunda vía de factura") is read
 * as that text; where the text match rests on it alone and its position is another option of
 * the list, the answer is both ("a segunda": the second option, or "Segunda via"?).
 */
function ordinalAgainstText(
  reading: Answer<number>,
  tokens: readonly Token[],
  options: readonly Option[],
  tables: Tables,
): Answer<number> {
  if (!reading.ok) return reading;
  const ordinals = tokens.filter(
    (token) =>
      tables.ordinals.has(token.text) &&
      options.some((o) => o.words.some((word) => sameWord(token.text, word))),
  );
  if (ordinals.length === 0) return reading;
  const withoutOrdinals = textMatch(
    tokens.filter((token) => !ordinals.includes(token)),
    options,
    tables,
  ).reading;
  if (withoutOrdinals?.ok === true && withoutOrdinals.value === reading.value) return reading;
  const byPosition = ordinalOption(ordinals, options, tables);
  if (byPosition === null || !byPosition.ok || byPosition.value === reading.value) return reading;
  return refused('ambiguous', {
    detail: 'the ordinal is both a position and a word of another option',
    candidates: [reading.value, byPosition.value].sort((a, b) => a - b),
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads which of a list of options the visitor picked, as the 0-based index of the option.
 *
 * Accepts, accent- and case-insensitive and with words around ("quiero la segunda por favor"):
 * - the option's text, with or without its label: "Plan B", "#2 - Plan B" for
 *   `['#1 - Plan A', '#2 - Plan B']`; an option's whole text inside the answer, the longest
 *   winning ("quiero el plan a plus" is "Plan A Plus", not "Plan A");
 * - its number, 1-based, as people type it: "2", "#2", "2.", "2)", "2️⃣", "opción 2", "la 2",
 *   "el 2", "número 2", "nº 2", "la dos", pt "opção 2", "a 2"; where every option carries a
 *   number label ("#3 - ..."), the numbers are the labels;
 * - its letter: "b", "la c" for `['a) Transferencia', 'b) Efectivo', ...]` or `['Plan A',
 *   'Plan B']`;
 * - a number the option holds: "24" for "Préstamo en 24 cuotas", "10" for "Martes 10:00",
 *   "100.000" or "100 mil" for "$100.000";
 * - an ordinal: "la primera", "primero", "1ra", "1°", "segunda" ... "décima", "la última",
 *   "la penúltima", "la del medio" (the middle one of an odd count); pt "primeira", "terceiro",
 *   "última";
 * - a part of the option's text that fits it better than the others: "la de 24 cuotas" for
 *   "Préstamo en 24 cuotas", "premium" for "Plan Premium"; plurals, prefixes of 4 letters or
 *   more ("info") and one-letter typos ("premiun") count, weaker than the word itself. Words that
 *   every option has ("cuotas") and stop words ("la", "de", "quiero") do not pick;
 * - for options that are a yes and a no ("Sí" / "No"), the answer as {@link yesNo} reads it
 *   ("dale", "nop").
 *
 * Hard cases, decided:
 * - an answer that is exactly an option's text picks it, whatever else it could be;
 * - a number past the list that is an option's own number picks that option ("24" for
 *   `['12 cuotas', '24 cuotas']`); "la de 24" always means the option holding 24;
 * - a number that is a position and also another option's own number is `ambiguous` with
 *   both ("3" or "la 3" for `['1 cuota', '3 cuotas', '6 cuotas']`: candidates 1 and 2); after
 *   a position word ("opción 3", "#3", "nº 3", "3)") it is the position; where the two agree
 *   ("2" for `['Plan 1', 'Plan 2']`) there is nothing to decide;
 * - a number in a sentence counts only after a position word or an article ("prefiero la
 *   opción 2 porque..."), or as an option's own number ("el martes a las 10");
 * - where a word picks two options and one of them has no other word than those the answer
 *   says, that one wins ("premium" is "Plan Premium", not "Plan Premium Plus");
 * - an ordinal or number word found in an option's text ("sexta" in "Sexta 14h") is read as
 *   that text, not as a position; but where the match rests on that word alone and its
 *   position is another option, both ("a segunda" for `['Segunda via do boleto', 'Falar com
 *   atendente']`: candidates 0 and 1);
 * - "la del medio" of an even count is `ambiguous` between the two middle ones;
 * - identical options are `ambiguous`, with all their indexes.
 *
 * @example choice('la primera', ['Plan A', 'Plan B']) // { ok: true, value: 0 }
 * @example choice('#2 - Plan B', ['#1 - Plan A', '#2 - Plan B']) // { ok: true, value: 1 }
 * @example choice('24', ['12 cuotas', '24 cuotas']) // { ok: true, value: 1 }
 * @example choice('4', ['Plan A', 'Plan B']) // { ok: false, reason: 'out-of-range' }
 *
 * Refusals:
 * - `empty`: no text, or only spaces and punctuation;
 * - `out-of-range`: a number or ordinal past the list that is no option's own number;
 * - `ambiguous`: the answer fits several options (`candidates`: their 0-based indexes,
 *   ascending): a word several options share, "ambas", "cualquiera", "la 1 o la 2", options
 *   written twice;
 * - `doubt`: the visitor does not know ("no sé", "ni idea", pt "não sei");
 * - `unrecognised`: no option fits, the visitor wants none ("ninguna", "nenhuma"), or the
 *   list is empty (or not a list).
 */
export function choice(
  text: string | null | undefined,
  options: readonly string[],
  settings: ChoiceOptions = {},
): Answer<number> {
  if (typeof text !== 'string' || isBlank(text)) return refused('empty');
  if (!Array.isArray(options) || options.length === 0) {
    return refused('unrecognised', { detail: 'no options to choose from' });
  }
  const raw = options as readonly unknown[];
  const locale = settings?.locale ?? answerSettings().locale;
  const tables = TABLES[locale] ?? TABLES.es;
  const prepared = raw.map((option, index) => prepareOption(option, index, tables));
  const tokens = tokensOf(text);
  const answerKey = keyOf(tokensOf(text.replace(/#/gu, ' ')));

  const exact = exactOption(answerKey, prepared);
  if (exact !== null) return exact;
  const yesOrNo = yesNoOption(text, raw, locale);
  if (yesOrNo !== null) return yesOrNo;
  const contained = containedOption(tokens, prepared);
  if (contained !== null) return contained;
  const everyNone = everyOrNone(tokens, prepared, tables);
  if (everyNone !== null) return everyNone;

  // A number alone, maybe with a position word or stop words: "2", "la 2", "opción 2", "el de 24".
  const references = numberReferences(tokens, tables);
  const others = tokens.filter(
    (token) =>
      Number.isNaN(numberValue(token, tables, true)) &&
      !tables.stop.has(token.text) &&
      !tables.positionWords.has(token.text),
  );
  if (references.length === 1 && others.length === 0) {
    // A number word that is an option's word ("Dos cuotas") is read as that text.
    const asWord = tokens.some(
      (token) =>
        tables.numbers.has(token.text) && prepared.some((o) => o.words.includes(token.text)),
    );
    if (!asWord) return resolveNumber(references[0], prepared);
  }

  const byText = textMatch(tokens, prepared, tables);
  if (byText.reading !== null) return ordinalAgainstText(byText.reading, tokens, prepared, tables);
  const letter = letterOption(tokens, prepared, tables);
  if (letter !== null) return letter;
  const ordinal = ordinalOption(tokens, prepared, tables);
  if (ordinal !== null) return ordinal;

  // A number with a position word among other words: "prefiero la opción 2 porque...".
  const positional = references.filter((reference) => reference.form !== 'bare');
  if (positional.length > 0) {
    const read = positional.map((reference) => resolveNumber(reference, prepared));
    const picked = read.filter((answer) => answer.ok).map((answer) => answer.value);
    if (picked.length > 0) return among(picked, 'the answer names several options');
    return read[0];
  }

  if (byText.common.size > 0 && !byText.unmatched) {
    return refused('ambiguous', {
      detail: 'the answer has only words that every option has',
      candidates: [...byText.common].sort((a, b) => a - b),
    });
  }
  const doubt = yesNo(text, { locale });
  if (!doubt.ok && doubt.reason === 'doubt') return refused('doubt', { detail: doubt.detail });
  return refused('unrecognised', { detail: 'the answer fits no option' });
}

/**
 * {@link choice}, answering with the option's own text (as given, label included) instead of
 * its index: for a LIST answer read back as the item picked.
 *
 * @example choiceOption('la segunda', ['#1 - Plan A', '#2 - Plan B']) // { ok: true, value: '#2 - Plan B' }
 * @example choiceOption('ninguna', ['Plan A', 'Plan B']) // { ok: false, reason: 'unrecognised' }
 *
 * Refusals: those of {@link choice}.
 */
export function choiceOption(
  text: string | null | undefined,
  options: readonly string[],
  settings: ChoiceOptions = {},
): Answer<string> {
  const answer = choice(text, options, settings);
  if (!answer.ok) return answer;
  const option: unknown = options[answer.value];
  return typeof option === 'string'
    ? accepted(option)
    : refused('unrecognised', { detail: 'the option picked is not a text' });
}
