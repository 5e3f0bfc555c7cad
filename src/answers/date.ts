import { accepted, refused, type Answer, type AnswerRefusal } from './answer.js';
import { answerSettings, type AnswerLocale } from './answer-settings.js';
import { folded, isBlank } from './answer-text.js';
import { SPANISH_DATE_WORDS } from './date.es.js';
import { PORTUGUESE_DATE_WORDS } from './date.pt.js';
import type { DateWordTable } from './date.words.js';
import { saysDoubt } from './doubt-phrases.js';
import { SPANISH_NUMBER_WORDS } from './number.es.js';
import { PORTUGUESE_NUMBER_WORDS } from './number.pt.js';

/** What {@link date} accepts besides the text. */
export interface DateOptions {
  /** The moment "today" is counted from; default `new Date()`. */
  now?: Date;
  /**
   * The IANA time zone whose calendar day is "today", e.g. `America/Sao_Paulo`; default
   * `answerSettings().timeZone`. An unknown zone falls back to that default, then to UTC.
   */
  timeZone?: string;
  /** The visitors' language, for weekdays and "no"; default `answerSettings().locale`. */
  locale?: AnswerLocale;
  /** Refuse days before today (`past`). */
  notPast?: boolean;
  /** Refuse days after today (`future`). */
  notFuture?: boolean;
}

// ---------------------------------------------------------------------------------------------
// The calendar, as day numbers (days since 1970-01-01), without Date and its time zones.

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** ISO weekday: 1 Monday … 7 Sunday. */
function weekdayOf(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function isoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  let formatter = FORMATTERS.get(timeZone);
  if (formatter !== undefined) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
  // The keys are valid zone names only: a few hundred at most.
  FORMATTERS.set(timeZone, formatter);
  return formatter;
}

/** The calendar day `now` falls on in a time zone, as a day number. */
function todayIn(now: Date, timeZone: string): number {
  const formatter =
    formatterFor(timeZone) ?? formatterFor(answerSettings().timeZone) ?? formatterFor('UTC');
  const parts = formatter?.formatToParts(now) ?? [];
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  const bc = parts.find((entry) => entry.type === 'era')?.value.startsWith('B') === true;
  const year = bc ? 1 - part('year') : part('year');
  return daysFromCivil(year, part('month'), part('day'));
}

// ---------------------------------------------------------------------------------------------
// Patterns, built once from the word tables.

const TABLES: Readonly<Record<AnswerLocale, DateWordTable>> = {
  es: SPANISH_DATE_WORDS,
  pt: PORTUGUESE_DATE_WORDS,
};

const BOTH = [SPANISH_DATE_WORDS, PORTUGUESE_DATE_WORDS];

const alternation = (words: Iterable<string>) =>
  [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/ /gu, '\\s'))
    .join('|');

const MONTHS = new Map<string, number>(BOTH.flatMap((table) => Object.entries(table.months)));
/** Whole month names (not "mar", "sept"): alone they are a month without a day. */
const MONTH_NAMES = [...MONTHS.keys()].filter((name) => name.length >= 4 && name !== 'sept');

/** Day numbers in words, 1 to 31 ("quince", "vinte e um", "primero"). */
const DAY_WORDS = (() => {
  const words = new Map<string, number>([
    ['primero', 1],
    ['primer', 1],
    ['primeiro', 1],
  ]);
  for (const table of [SPANISH_NUMBER_WORDS, PORTUGUESE_NUMBER_WORDS]) {
    const units = Object.entries(table.units).filter(
      ([word, value]) =>
        value >= 1 && (!table.weak.includes(word) || word === 'uno' || word === 'um'),
    );
    for (const [word, value] of [...units, ...Object.entries({ ...table.tens, ...table.closed })]) {
      if (value >= 1 && value <= 31) words.set(word, value);
    }
    for (const [ten, tens] of Object.entries(table.tens)) {
      if (tens !== 20 && tens !== 30) continue;
      for (const connector of table.connectors) {
        for (const [unit, value] of units) {
          if (tens + value <= 31) words.set(`${ten} ${connector} ${unit}`, tens + value);
        }
      }
    }
  }
  return words;
})();

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
/** After a day number: not a time ("el 15 a las 10" is fine, "el 15:30" and "15hs" are not). */
const NOT_TIME_AFTER =
  '(?![\\p{L}\\p{N}]|\\s?(?::|h\\b|hs\\b|hrs?\\b|horas?\\b|am\\b|pm\\b)|[/.,-]\\d)';
const ORDINAL = '(?:°|º|ª|ro|er|o)?';
const DAY_NUMBER = `\\d{1,2}${ORDINAL}`;
/**
 * A day in digits or in words: any word, or two joined by "y"/"e", checked against
 * {@link DAY_WORDS} after the match (an alternation of every day word compiles slowly).
 */
const WORDS_OF_A_NUMBER = '\\p{L}+(?:\\s(?:y|e)\\s\\p{L}+)?';
const DAY = `(?:${DAY_NUMBER}|${WORDS_OF_A_NUMBER})`;
const MONTH = `(?:${alternation(MONTHS.keys())})`;
const RANGE_JOINER = '(?:-|al|a|y|o|u|e|ou|ate)';

const regex = (source: string) => new RegExp(source, 'gu');

const ISO = regex('(?<![\\d/.-])(?<y>\\d{4})(?<s>[-/.])(?<m>\\d{1,2})\\k<s>(?<d>\\d{1,2})(?!\\d)');
const NUMERIC = regex(
  '(?<![\\d/.,-])(?<d>\\d{1,2})(?<s1>\\s?/\\s?|-|\\.)(?<m>\\d{1,2})(?:(?<s2>\\s?/\\s?|-|\\.)(?<y>\\d+))?(?!\\d|[/.-]\\d)',
);
const DAY_MONTH = regex(
  `${NOT_WORD_BEFORE}(?:(?<from>\\d{1,2})${ORDINAL}\\s?${RANGE_JOINER}\\s?)?(?<d>${DAY})\\s?(?:de\\s|del\\s|do\\s|[-/.]\\s?|,\\s?)?(?<m>${MONTH})\\.?` +
    `(?:(?:\\s?(?:de|del|do|,|/|-)\\s?|\\s)(?<y>\\d{4})(?!\\d)|\\s?[-/']\\s?(?<yy>\\d{2})(?!\\d))?(?!\\p{L})`,
);
const MONTH_DAY = regex(
  `${NOT_WORD_BEFORE}(?<m>${MONTH})\\.?\\s?(?:(?:el|dia)\\s)?(?<d>\\d{1,2})${ORDINAL}${NOT_TIME_AFTER}(?:,?\\s?(?:de\\s|del\\s)?(?<y>\\d{4})(?!\\d))?`,
);
const MONTH_ALONE = regex(`${NOT_WORD_BEFORE}(?:${alternation(MONTH_NAMES)})${NOT_WORD_AFTER}`);
const COUNT = `\\d{1,3}|${WORDS_OF_A_NUMBER}`;
const IN_DAYS = regex(
  `${NOT_WORD_BEFORE}(?<pre>${BOTH.map((t) => t.inDays).join('|')}|${BOTH.map((t) => t.daysAgo).join('|')})\\s(?<n>${COUNT})\\s(?<unit>${BOTH.map((t) => `${t.dayUnit}|${t.weekUnit}`).join('|')})${NOT_WORD_AFTER}` +
    `|${NOT_WORD_BEFORE}(?<n2>${COUNT})\\s(?<unit2>${BOTH.map((t) => `${t.dayUnit}|${t.weekUnit}`).join('|')})\\s(?:${BOTH.map((t) => t.daysAgoAfter).join('|')})${NOT_WORD_AFTER}`,
);
const AGO = new RegExp(`^(?:${BOTH.map((t) => t.daysAgo).join('|')})$`, 'u');
const WEEK = new RegExp(`^(?:${BOTH.map((t) => t.weekUnit).join('|')})$`, 'u');
const RELATIVE = BOTH.flatMap((table) => table.relative).map(
  ([source, offset]) =>
    [regex(`${NOT_WORD_BEFORE}(?:${source})${NOT_WORD_AFTER}`), offset] as const,
);
/** "del 10 al 15", "entre o dia 10 e o 15": a range of days, not a day. */
const DAY_RANGE = regex(
  `${NOT_WORD_BEFORE}(?:del|desde\\sel|entre\\sel|entre|do\\sdia|do|desde\\so|entre\\so|entre\\sos\\sdias)\\s(?:dia\\s)?(?<a>${DAY_NUMBER})\\s?(?:al|a|y|ao|e|ate|hasta|-)\\s?(?:(?:el|o)\\s(?:dia\\s)?)?(?<b>${DAY_NUMBER})${NOT_TIME_AFTER}`,
);
const DAY_ALONE = regex(
  `${NOT_WORD_BEFORE}(?:${BOTH.map((t) => t.dayPrefixes).join('|')})\\s(?<d>${DAY_NUMBER}|primero|primeiro)${NOT_TIME_AFTER}`,
);
const DAY_IN_MONTH = regex(
  `${NOT_WORD_BEFORE}(?:${BOTH.map((t) => t.dayPrefixes).join('|')})\\s(?<d>${DAY_NUMBER}|primero|primeiro)\\s(?:(?<next>${BOTH.map((t) => t.nextMonth).join('|')})|(?<this>${BOTH.map((t) => t.thisMonth).join('|')}))${NOT_WORD_AFTER}`,
);
const WEEKDAY_ABBREVIATIONS = new Map<string, number>(
  BOTH.flatMap((table) => Object.entries(table.weekdayAbbreviations)),
);
const WEEKDAY_ABBREVIATION_DAY = regex(
  `${NOT_WORD_BEFORE}(?<w>${alternation(WEEKDAY_ABBREVIATIONS.keys())})\\.?\\s?,?\\s?(?<d>${DAY_NUMBER})${NOT_TIME_AFTER}`,
);
const DAY_AFTER_WEEKDAY = new RegExp(
  `\\s?,?\\s?(?:(?:el|o|dia)\\s)?(?<d>${DAY_NUMBER})${NOT_TIME_AFTER}`,
  'uy',
);
const VAGUE = regex(
  `${NOT_WORD_BEFORE}(?:${alternation(BOTH.flatMap((t) => t.vague))})${NOT_WORD_AFTER}`,
);
/** What may stand between a weekday and the date it names ("lunes 15", "segunda-feira, dia 15"). */
const WEEKDAY_GAP = /^[\s,.()-]*(?:(?:el|o|dia|no)\s)?$/u;

interface WeekdayPatterns {
  readonly pattern: RegExp;
  readonly nextWeekBefore: RegExp;
  readonly weekdays: readonly (readonly [RegExp, number])[];
  readonly modifiers: readonly (readonly [RegExp, Modifier])[];
  readonly negatedBefore: RegExp;
  readonly negatedAfter: RegExp;
}

type Modifier = 'thisOne' | 'next' | 'last' | 'nextWeek' | 'lastWeek' | 'thisWeek';

function weekdayPatterns(table: DateWordTable): WeekdayPatterns {
  const mods = table.weekdayModifiers;
  const days = table.weekdays.map(([source]) => source).join('|');
  const before = [mods.thisOne, mods.next, mods.last].join('|');
  const after = [mods.nextWeek, mods.lastWeek, mods.thisWeek, mods.next, mods.last].join('|');
  const order: Modifier[] = ['nextWeek', 'lastWeek', 'thisWeek', 'thisOne', 'next', 'last'];
  return {
    pattern: regex(
      `${NOT_WORD_BEFORE}(?:(?<week>${mods.nextWeekBefore}|${mods.lastWeekBefore})\\s?,?\\s)?(?:(?:${table.weekdayArticles})\\s)?(?:(?<before>${before})\\s)?(?<day>${days})(?:\\s(?<after>${after}))?${NOT_WORD_AFTER}`,
    ),
    nextWeekBefore: new RegExp(`^(?:${mods.nextWeekBefore})$`, 'u'),
    weekdays: table.weekdays.map(([source, weekday]) => [
      new RegExp(`^(?:${source})$`, 'u'),
      weekday,
    ]),
    modifiers: order.map((name) => [new RegExp(`^(?:${mods[name]})$`, 'u'), name]),
    negatedBefore: new RegExp(`${NOT_WORD_BEFORE}${table.negation}\\s(?:(?:para\\s)?el\\s)?$`, 'u'),
    negatedAfter: new RegExp(`^\\s?,?\\s?${table.negation}${NOT_WORD_AFTER}`, 'u'),
  };
}

const WEEKDAYS: Readonly<Record<AnswerLocale, WeekdayPatterns>> = {
  es: weekdayPatterns(TABLES.es),
  pt: weekdayPatterns(TABLES.pt),
};

// ---------------------------------------------------------------------------------------------
// Mentions: the pieces of a text that name a day, or fail to.

interface Refusal {
  readonly error: AnswerRefusal;
  readonly detail: string;
}

type Resolved = { readonly day: number } | Refusal;

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly kind: 'day' | 'weekday' | 'month-alone' | 'vague';
  resolved: Resolved;
  /** A weekday written beside the date ("lunes 15"), to check it by. */
  weekday?: number;
}

interface Context {
  readonly today: number;
  readonly year: number;
  readonly month: number;
  readonly weekday: number;
  /** Days without a year or a month are looked for before today, not after. */
  readonly backwards: boolean;
}

const noSuchDay = (detail: string): Resolved => ({ error: 'no-such-day', detail });

function fullDate(year: number, month: number, day: number): Resolved {
  if (month < 1 || month > 12) {
    return noSuchDay(
      day >= 1 && day <= 12
        ? `month ${month} does not exist (dates are day/month/year)`
        : `month ${month} does not exist`,
    );
  }
  if (day < 1 || day > daysInMonth(year, month))
    return noSuchDay(`${year}-${month} has no day ${day}`);
  return { day: daysFromCivil(year, month, day) };
}

/** A day and month without a year: the next time it comes (or the last, looking back). */
function dayAndMonth(month: number, day: number, context: Context): Resolved {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) {
    return fullDate(2000, month, day);
  }
  const step = context.backwards ? -1 : 1;
  for (let year = context.year; Math.abs(year - context.year) <= 8; year += step) {
    if (day > daysInMonth(year, month)) continue;
    const days = daysFromCivil(year, month, day);
    if (context.backwards ? days <= context.today : days >= context.today) return { day: days };
  }
  return noSuchDay(`no ${month}-${day} near today`);
}

/** A day of the month alone ("el 15"): this month if still to come, else the next. */
function dayOfMonth(day: number, context: Context): Resolved {
  if (day < 1 || day > 31) return noSuchDay(`no month has a day ${day}`);
  const step = context.backwards ? -1 : 1;
  for (let k = 0; k <= 12; k++) {
    const index = context.year * 12 + context.month - 1 + k * step;
    const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
    if (day > daysInMonth(year, month)) continue;
    const days = daysFromCivil(year, month, day);
    if (context.backwards ? days <= context.today : days >= context.today) return { day: days };
  }
  return noSuchDay(`no day ${day} near today`);
}

/** A two-digit year: the one ending so within 79 years before and 20 after this one. */
function fullYear(twoDigits: number, context: Context): number {
  const latest = context.year + 20;
  return latest - ((((latest - twoDigits) % 100) + 100) % 100);
}

function dayNumber(text: string): number {
  const digits = /^\d+/u.exec(text);
  return digits !== null ? Number(digits[0]) : (DAY_WORDS.get(text.replace(/\s+/gu, ' ')) ?? 0);
}

function countOf(text: string): number {
  if (/^\d+$/u.test(text)) return Number(text);
  if (['un', 'una', 'um', 'uma'].includes(text)) return 1;
  return DAY_WORDS.get(text.replace(/\s+/gu, ' ')) ?? 0;
}

/** Finds the mentions of a text, blanking each out of `work` so no later pattern reads it again. */
class Scanner {
  readonly mentions: Mention[] = [];
  /** The text with the mentions found so far blanked out. */
  work: string;

  constructor(readonly text: string) {
    this.work = text;
  }

  scan(
    pattern: RegExp,
    kind: Mention['kind'],
    resolve: (
      groups: Record<string, string | undefined>,
      match: RegExpExecArray,
    ) => Resolved | null,
  ): void {
    pattern.lastIndex = 0;
    const found: Mention[] = [];
    for (const match of this.work.matchAll(pattern)) {
      const resolved = resolve(match.groups ?? {}, match);
      if (resolved === null) continue;
      found.push({ start: match.index, end: match.index + match[0].length, kind, resolved });
    }
    this.add(found);
  }

  /** Adds mentions found in order, and blanks them out of `work` in one pass. */
  add(found: readonly Mention[]): void {
    if (found.length === 0) return;
    const pieces: string[] = [];
    let at = 0;
    for (const { start, end } of found) {
      pieces.push(this.work.slice(at, start), ' '.repeat(end - start));
      at = end;
    }
    pieces.push(this.work.slice(at));
    this.work = pieces.join('');
    this.mentions.push(...found);
  }
}

function mentionsOf(text: string, context: Context, locale: AnswerLocale): Mention[] {
  const scanner = new Scanner(text);
  scanner.scan(ISO, 'day', (g) => fullDate(Number(g.y), Number(g.m), Number(g.d)));
  scanner.scan(NUMERIC, 'day', (g) => {
    const [day, month] = [Number(g.d), Number(g.m)];
    if (g.y === undefined && g.s1 === '-' && month > 12) {
      return { error: 'ambiguous', detail: 'a range of days' };
    }
    if (g.y === undefined) return dayAndMonth(month, day, context);
    if (g.s2?.trim() !== g.s1?.trim())
      return { error: 'invalid-format', detail: 'mixed separators' };
    if (g.y.length === 2) return fullDate(fullYear(Number(g.y), context), month, day);
    if (g.y.length === 4 && !g.y.startsWith('0')) return fullDate(Number(g.y), month, day);
    return { error: 'invalid-format', detail: `a year of ${g.y.length} digits` };
  });
  const named = (g: Record<string, string | undefined>): Resolved | null => {
    const month = MONTHS.get(g.m ?? '') ?? 0;
    const day = dayNumber(g.d ?? '');
    if (day === 0 && !/^\d/u.test(g.d ?? '')) return null;
    if (g.from !== undefined) return { error: 'ambiguous', detail: 'a range of days' };
    if (g.y !== undefined) return fullDate(Number(g.y), month, day);
    if (g.yy !== undefined) return fullDate(fullYear(Number(g.yy), context), month, day);
    return dayAndMonth(month, day, context);
  };
  scanner.scan(DAY_MONTH, 'day', named);
  scanner.scan(MONTH_DAY, 'day', named);
  scanner.scan(IN_DAYS, 'day', (g) => {
    const count = countOf(g.n ?? g.n2 ?? '');
    if (count === 0) return null;
    const weeks = WEEK.test(g.unit ?? g.unit2 ?? '');
    const ago = g.n2 !== undefined || AGO.test(g.pre ?? '');
    return { day: context.today + (ago ? -1 : 1) * count * (weeks ? 7 : 1) };
  });
  for (const [pattern, offset] of RELATIVE) {
    scanner.scan(pattern, 'day', () => ({ day: context.today + offset }));
  }
  const patterns = WEEKDAYS[locale];
  scanner.scan(patterns.pattern, 'weekday', (g) => {
    const weekday = patterns.weekdays.find(([pattern]) => pattern.test(g.day ?? ''))?.[1] ?? 1;
    const modifierText = g.after ?? g.before;
    let modifier = patterns.modifiers.find(([pattern]) => pattern.test(modifierText ?? ''))?.[1];
    if (g.week !== undefined) {
      modifier = patterns.nextWeekBefore.test(g.week) ? 'nextWeek' : 'lastWeek';
    }
    return { day: weekdayDay(weekday, modifier, context) };
  });
  scanner.scan(DAY_IN_MONTH, 'day', (g) => {
    const index = context.year * 12 + context.month - 1 + (g.next !== undefined ? 1 : 0);
    return fullDate(Math.floor(index / 12), (index % 12) + 1, dayNumber(g.d ?? ''));
  });
  scanner.scan(WEEKDAY_ABBREVIATION_DAY, 'day', (g) => {
    const resolved = dayOfMonth(dayNumber(g.d ?? ''), context);
    return 'day' in resolved && weekdayOf(resolved.day) !== WEEKDAY_ABBREVIATIONS.get(g.w ?? '')
      ? { error: 'ambiguous', detail: 'the weekday does not fall on that date' }
      : resolved;
  });
  scanner.scan(DAY_RANGE, 'day', () => ({ error: 'ambiguous', detail: 'a range of days' }));
  scanner.scan(DAY_ALONE, 'day', (g) => dayOfMonth(dayNumber(g.d ?? ''), context));
  // "lunes 15": a weekday and a day of the month.
  const afterWeekdays: Mention[] = [];
  for (const weekday of scanner.mentions.filter((mention) => mention.kind === 'weekday')) {
    DAY_AFTER_WEEKDAY.lastIndex = weekday.end;
    const match = DAY_AFTER_WEEKDAY.exec(scanner.work);
    if (match === null) continue;
    afterWeekdays.push({
      start: weekday.end,
      end: weekday.end + match[0].length,
      kind: 'day',
      resolved: dayOfMonth(dayNumber(match.groups?.d ?? ''), context),
    });
  }
  scanner.add(afterWeekdays);
  scanner.scan(MONTH_ALONE, 'month-alone', () => ({
    error: 'incomplete',
    detail: 'a month without a day',
  }));
  scanner.scan(VAGUE, 'vague', () => ({ error: 'ambiguous', detail: 'a span of days, not a day' }));
  const bare = /^(?:el\s|dia\s)?(\d{1,2})(?:°|º)?$/u.exec(
    text.replace(/[^\p{L}\p{N}\s°º]/gu, '').trim(),
  );
  if (bare !== null && scanner.mentions.length === 0) {
    scanner.add([
      { start: 0, end: text.length, kind: 'day', resolved: dayOfMonth(Number(bare[1]), context) },
    ]);
  }
  return joinWeekdays(text, scanner.mentions);
}

/** The day a weekday names, from today. */
function weekdayDay(weekday: number, modifier: Modifier | undefined, context: Context): number {
  const ahead = (weekday - context.weekday + 7) % 7;
  const monday = context.today - (context.weekday - 1);
  switch (modifier) {
    case 'thisOne':
      return context.today + ahead;
    case 'nextWeek':
      return monday + 7 + weekday - 1;
    case 'lastWeek':
      return monday - 7 + weekday - 1;
    case 'thisWeek':
      return monday + weekday - 1;
    case 'last':
      return context.today - ((context.weekday - weekday + 6) % 7) - 1;
    case 'next':
      return context.today + ((ahead + 6) % 7) + 1;
    case undefined:
      return context.backwards
        ? context.today - ((context.weekday - weekday + 6) % 7) - 1
        : context.today + ((ahead + 6) % 7) + 1;
  }
}

/** A weekday beside a date checks it, rather than naming a second day. */
function joinWeekdays(text: string, mentions: readonly Mention[]): Mention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const dropped = new Set<Mention>();
  const isDate = (mention: Mention | undefined): mention is Mention =>
    mention?.kind === 'day' && mention.weekday === undefined && !dropped.has(mention);
  sorted.forEach((weekday, index) => {
    if (weekday.kind !== 'weekday' || !('day' in weekday.resolved)) return;
    // The date right after the weekday ("lunes 15"), else the one right before it.
    const [next, previous] = [sorted[index + 1], sorted[index - 1]];
    const date = [
      isDate(next) && WEEKDAY_GAP.test(text.slice(weekday.end, next.start)) ? next : undefined,
      isDate(previous) && WEEKDAY_GAP.test(text.slice(previous.end, weekday.start))
        ? previous
        : undefined,
    ].find((mention) => mention !== undefined);
    if (date === undefined) return;
    const weekdayNumber = weekdayOf(weekday.resolved.day);
    date.weekday = weekdayNumber;
    if ('day' in date.resolved && weekdayOf(date.resolved.day) !== weekdayNumber) {
      date.resolved = { error: 'ambiguous', detail: 'the weekday does not fall on that date' };
    }
    dropped.add(weekday);
  });
  return sorted.filter((mention) => !dropped.has(mention));
}

/**
 * Reads a calendar day from a visitor's text, relative to today in the visitor's time zone,
 * and gives it as `YYYY-MM-DD`.
 *
 * - Digits, day first: `"20/10/2030"`, `"20-10-30"`, `"20.10.2030"`, `"20/10"`, and ISO
 *   `"2030-10-20"`.
 * - Month names: `"15 de marzo"`, `"15 de marzo de 2031"`, `"marzo 15"`, `"15 mar"`,
 *   `"primero de mayo"`, `"15 de março de 2031"`.
 * - From today: `"hoy"`, `"mañana"`, `"pasado mañana"`, `"ayer"`, `"anteayer"`, `"en 3 días"`,
 *   `"hace una semana"`, `"hoje"`, `"amanhã"`, `"depois de amanhã"`, `"ontem"`.
 * - Weekdays: `"el lunes"`, `"este viernes"`, `"el próximo martes"`, `"el martes que viene"`,
 *   `"el lunes pasado"`, `"el viernes de la semana que viene"`, `"lunes 15"`,
 *   `"segunda-feira"`, `"na sexta"`, `"sáb 14"`; a day of the month alone: `"el 15"`,
 *   `"dia 15"`, `"el 5 del mes que viene"`.
 * - Inside a sentence, in capitals, without accents, with emoji: `"para el viernes 13 a las
 *   16 porfa 🙏"`.
 *
 * Rules for the hard cases:
 * - Day first always (`"03/04"` is 3 April). A second number above 12 (`"12/25/2030"`) is
 *   `no-such-day`, not read month first.
 * - Without a year, the next time that day comes, today included (`"15/03"` on 20 March is
 *   next year's); with `notFuture` alone, the last time it came. A day alone (`"el 15"`) is
 *   this month's if still to come, else next month's (the other way with `notFuture`).
 * - Two-digit years fall within the 79 years before and the 20 after this one (`"85"` is
 *   1985, `"30"` 2030, in 2026).
 * - A weekday alone or with "próximo"/"que viene" is the next one after today (1 to 7 days
 *   on); with "este" the one of the coming 7 days, today included; with "pasado" the last one
 *   before today; with "de la semana que viene" the one of next week (Monday to Sunday).
 *   With `notFuture` alone, a weekday alone is the last one.
 * - A weekday beside a date must fall on it (`"lunes 15"`), else `ambiguous`.
 * - A day ruled out does not count: `"hoy no, mañana"` is tomorrow.
 * - "Mañana" after "la", "por", "de" is the morning: `"hoy a la mañana"` is today.
 * - Spanish and Portuguese month names and words for today, tomorrow... are read whatever the
 *   locale; the locale chooses the weekdays ("segunda" alone is Monday only in Portuguese) and
 *   the word that rules a day out ("no", "não").
 *
 * Refusals:
 * - `empty`: no text, or only spaces and punctuation;
 * - `doubt`: no day, and the visitor says they do not know ("no sé", "não sei");
 * - `unrecognised`: no day in the text (or only days ruled out: "mañana no");
 * - `incomplete`: a month without a day ("en marzo");
 * - `no-such-day`: a day that does not exist (`"31/02"`, `"29/02/2027"`, `"12/25/2030"`);
 * - `invalid-format`: a year of other than 2 or 4 digits, mixed separators (`"20/10-2030"`);
 * - `ambiguous`: two different days (`"el 15 o el 16"`, `"hoy o mañana"`), a range
 *   (`"del 10 al 15 de marzo"`, `"10-15"`), a span (`"la semana que viene"`, `"el finde"`), or a weekday
 *   that does not fall on the date beside it;
 * - `past`: with `notPast`, a day before today;
 * - `future`: with `notFuture`, a day after today.
 *
 * @example date('20/10/2030') // { ok: true, value: '2030-10-20' }
 * @example
 * // 02:30 UTC on the 11th is 23:30 on the 10th in Buenos Aires: tomorrow is the 11th.
 * date('mañana', { now: new Date('2026-03-11T02:30:00Z'), timeZone: 'America/Argentina/Buenos_Aires' })
 * // { ok: true, value: '2026-03-11' }
 * @example date('30/02/2030') // { ok: false, reason: 'no-such-day' }
 * @example date('ayer', { notPast: true }) // { ok: false, reason: 'past' }
 */
export function date(text: string | null | undefined, options: DateOptions = {}): Answer<string> {
  if (typeof text !== 'string' || isBlank(text)) return refused('empty');
  const settings = answerSettings();
  const locale: AnswerLocale =
    options.locale === 'pt' || (options.locale !== 'es' && settings.locale === 'pt') ? 'pt' : 'es';
  const now =
    options.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
  const today = todayIn(now, options.timeZone ?? settings.timeZone);
  const { year, month } = civilFromDays(today);
  const context: Context = {
    today,
    year,
    month,
    weekday: weekdayOf(today),
    backwards: options.notFuture === true && options.notPast !== true,
  };
  const clean = folded(text);
  const patterns = WEEKDAYS[locale];
  const mentions = mentionsOf(clean, context, locale).filter(
    (mention) =>
      !(
        // The words just before and after are enough ("no el lunes", "hoy no").
        patterns.negatedBefore.test(clean.slice(Math.max(0, mention.start - 16), mention.start)) ||
        patterns.negatedAfter.test(clean.slice(mention.end, mention.end + 8))
      ) || mention.kind === 'month-alone',
  );
  const days = new Set<number>();
  const errors: Refusal[] = [];
  for (const mention of mentions) {
    if ('day' in mention.resolved) days.add(mention.resolved.day);
    else errors.push(mention.resolved);
  }
  if (days.size === 0 && errors.length === 0) {
    return saysDoubt(text) ? refused('doubt') : refused('unrecognised', { detail: 'no day' });
  }
  if (days.size === 0 && errors.every((error) => error.error === errors[0].error)) {
    // One refusal, or the same one twice ("31/02 o 30/02"); a month alone may be a doubt.
    const [{ error, detail }] = errors;
    if (error === 'incomplete' && saysDoubt(text)) return refused('doubt');
    return refused(error, { detail });
  }
  if (days.size + errors.length > 1) return refused('ambiguous', { detail: 'more than one day' });
  const [value] = days;
  const { year: valueYear } = civilFromDays(value);
  if (valueYear < 1 || valueYear > 9999) {
    return refused('no-such-day', { detail: 'outside the years YYYY-MM-DD can write' });
  }
  if (options.notPast === true && value < today) return refused('past', { detail: isoDate(value) });
  if (options.notFuture === true && value > today)
    return refused('future', { detail: isoDate(value) });
  return accepted(isoDate(value));
}
