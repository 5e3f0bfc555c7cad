import type { ResponseType } from '../../contract/response-type.js';

/** What the chatbot expects the visitor's next message to be. */
export interface AnswerExpectation {
  type: ResponseType;
  /** The options of a LIST, in the order shown (numbered from 1). */
  options?: readonly string[];
}

/** A phone as Cliengo stores it. */
export interface PhoneValue {
  national_format: string;
  international_format: string;
}

/** How the chatbot read an answer: accepted (with the value it stores) or not. */
export type ReadAnswer =
  { accepted: true; value: string; phone?: PhoneValue } | { accepted: false; reason: string };

const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const GREETING = /^(?:hola|buenas|buen[oa]s? d[ií]as|buenas tardes|hi|hello|hey)\b[\s,!.]*/i;
const NAME_PREFIX = /^(?:me llamo|mi nombre es|soy|i'?m|i am|my name is|name:?)\s+/i;

function folded(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\s+/g, ' ');
}

/** The email address in a text, if there is one (Cliengo detects it in any message). */
export function findEmail(text: string): string | undefined {
  return text.match(EMAIL)?.[0];
}

/**
 * A phone as typed, in both formats: national as typed, international with a `+` and the
 * country code (`countryCode` when the visitor did not type one; a leading 0 is dropped).
 */
export function readPhone(text: string, countryCode: string): PhoneValue | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return undefined;
  const international = trimmed.startsWith('+')
    ? `+${digits}`
    : `+${countryCode}${digits.replace(/^0+/, '')}`;
  return { national_format: trimmed, international_format: international };
}

/**
 * Reads a visitor's message as the answer to a question of the given type, as Cliengo's
 * own heuristics do before the webhook is called:
 * - TEXT: any non-blank text;
 * - LIST: the option's number (1, 2...) or its text, in any case, with or without accents;
 *   the value stored is the option's text;
 * - NAME: the name, without a greeting or a leading "me llamo", "soy", "my name is"...,
 *   up to the first punctuation (at most four words);
 * - EMAIL: an email address found in the text;
 * - PHONE: 7 to 15 digits, with spaces, dashes, dots, parentheses or a leading `+`.
 */
export function readAnswer(
  text: string,
  expectation: AnswerExpectation,
  countryCode = '54',
): ReadAnswer {
  const trimmed = text.trim();
  if (trimmed === '') return { accepted: false, reason: 'the message is empty' };
  switch (expectation.type) {
    case 'TEXT':
      return { accepted: true, value: trimmed };
    case 'LIST': {
      const options = expectation.options ?? [];
      if (/^\d+$/.test(trimmed)) {
        const chosen = options[Number(trimmed) - 1];
        if (chosen !== undefined) return { accepted: true, value: chosen };
      }
      const byText = options.find((option) => folded(option) === folded(trimmed));
      if (byText !== undefined) return { accepted: true, value: byText };
      return {
        accepted: false,
        reason: `not one of the options (type 1 to ${options.length} or the option's text)`,
      };
    }
    case 'NAME': {
      // "Hola, soy Ariel, mi mail es ..." -> "Ariel": the words after the introduction, up
      // to the first punctuation or "y"/"and", at most four of them.
      const name = trimmed
        .replace(GREETING, '')
        .replace(NAME_PREFIX, '')
        .split(/[,.;:!?¡¿()]| y | and /)[0]
        .trim()
        .split(/\s+/)
        .slice(0, 4)
        .join(' ');
      if (!/\p{L}/u.test(name) || name.length > 80) {
        return { accepted: false, reason: 'it does not look like a name' };
      }
      return { accepted: true, value: name };
    }
    case 'EMAIL': {
      const email = findEmail(trimmed);
      return email
        ? { accepted: true, value: email }
        : { accepted: false, reason: 'no email address in it' };
    }
    case 'PHONE': {
      const phone = readPhone(trimmed, countryCode);
      return phone
        ? { accepted: true, value: phone.international_format, phone }
        : { accepted: false, reason: 'it is not a phone number (7 to 15 digits)' };
    }
  }
}

/** What the bot says before asking a question again, by answer type. */
export function defaultRetryText(type: ResponseType): string {
  switch (type) {
    case 'LIST':
      return 'Por favor, elegí una de las opciones.';
    case 'NAME':
      return 'No entendí tu nombre.';
    case 'EMAIL':
      return 'Ese email no parece válido.';
    case 'PHONE':
      return 'Ese teléfono no parece válido.';
    default:
      return 'No entendí tu respuesta.';
  }
}
