/** The languages the parsers read: Spanish (Latin American forms) and Brazilian Portuguese. */
export type AnswerLocale = 'es' | 'pt';

export const ANSWER_LOCALES: readonly AnswerLocale[] = ['es', 'pt'];

/** The countries whose ids and phone numbers the parsers know (ISO 3166-1 alpha-2). */
export type AnswerCountry = 'AR' | 'BR' | 'CL' | 'CO' | 'ES' | 'MX' | 'PE' | 'UY';

export const ANSWER_COUNTRIES: readonly AnswerCountry[] = [
  'AR',
  'BR',
  'CL',
  'CO',
  'ES',
  'MX',
  'PE',
  'UY',
];

/** What a parser assumes when a call does not say. */
export interface AnswerSettings {
  /** The visitors' language. */
  locale: AnswerLocale;
  /** The visitors' country: for ids and phone numbers written without one. */
  country: AnswerCountry;
  /** The IANA time zone "today" is counted in, e.g. `America/Argentina/Buenos_Aires`. */
  timeZone: string;
}

const DEFAULTS: AnswerSettings = {
  locale: 'es',
  country: 'AR',
  timeZone: 'America/Argentina/Buenos_Aires',
};

let current: AnswerSettings = { ...DEFAULTS };

/** The settings in force: the service's (`ANSWER_LOCALE`, `ANSWER_COUNTRY`, `TIME_ZONE`). */
export function answerSettings(): Readonly<AnswerSettings> {
  return current;
}

/**
 * Sets what the parsers assume when a call does not say; the service does it at boot from
 * its configuration. Without a call: Spanish, Argentina, Buenos Aires time.
 */
export function configureAnswers(settings: Partial<AnswerSettings>): void {
  current = { ...current, ...settings };
}

/** Back to the built-in settings (for tests). */
export function resetAnswerSettings(): void {
  current = { ...DEFAULTS };
}
