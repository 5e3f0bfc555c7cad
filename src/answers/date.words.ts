/**
 * The date words of one language, folded (no accents, lower case). Fields that are regular
 * expression sources say so; they are joined into the parser's patterns once, at load.
 */
export interface DateWordTable {
  /** Month names and their usual abbreviations, to the month number (1-12). */
  readonly months: Readonly<Record<string, number>>;
  /** Weekdays as regular expression sources, to the ISO weekday (1 Monday … 7 Sunday). */
  readonly weekdays: readonly (readonly [source: string, weekday: number])[];
  /** Weekday abbreviations, read only before a day of the month ("sáb 14", "sex 13"). */
  readonly weekdayAbbreviations: Readonly<Record<string, number>>;
  /** Words before a weekday that say nothing of which one ("el", "na"): a source. */
  readonly weekdayArticles: string;
  /** Words before or after a weekday, as sources, by what they make of it. */
  readonly weekdayModifiers: {
    /** The one of this week, today included: "este viernes", "nesta sexta". */
    readonly thisOne: string;
    /** The next one after today: "el próximo martes", "el martes que viene". */
    readonly next: string;
    /** The last one before today: "el lunes pasado", "segunda passada". */
    readonly last: string;
    /** In the next calendar week (Monday to Sunday): "el martes de la semana que viene". */
    readonly nextWeek: string;
    /** In the last calendar week: "el martes de la semana pasada". */
    readonly lastWeek: string;
    /** In this calendar week: "el jueves de esta semana". */
    readonly thisWeek: string;
    /** Before the weekday, naming the next week: "la semana que viene, el martes". */
    readonly nextWeekBefore: string;
    /** Before the weekday, naming the last week: "la semana pasada, el martes". */
    readonly lastWeekBefore: string;
  };
  /** After a day of the month, as sources: "el 5 del mes que viene", "el 5 de este mes". */
  readonly nextMonth: string;
  readonly thisMonth: string;
  /**
   * Days named from today, as sources, to the number of days from today ("pasado mañana": 2).
   * In order: each phrase read is blanked out before the next is looked for.
   */
  readonly relative: readonly (readonly [source: string, offset: number])[];
  /** Words before a count of days or weeks from today ("en 3 días", "daqui a 2 semanas"). */
  readonly inDays: string;
  /** Words before a count of days or weeks before today ("hace 3 días", "faz 2 dias"). */
  readonly daysAgo: string;
  /** Words after a count of days or weeks before today ("3 días atrás"). */
  readonly daysAgoAfter: string;
  /** "día", "semana" and their plurals. */
  readonly dayUnit: string;
  readonly weekUnit: string;
  /** Words before a day of the month alone ("el 15", "dia 15"). */
  readonly dayPrefixes: string;
  /** The word that rules a day out ("hoy no, mañana"). */
  readonly negation: string;
  /** Phrases that name a span, not a day ("la semana que viene", "fim de semana"). */
  readonly vague: readonly string[];
}
