import { choice, choiceOption } from './choice.js';
import { date } from './date.js';
import { email } from './email.js';
import { nationalId } from './national-id.js';
import { number } from './number.js';
import { phone } from './phone.js';
import { yesNo } from './yes-no.js';

/**
 * The answer parsers: each reads a visitor's text and gives `{ ok: true, value }` or
 * `{ ok: false, reason }` (see `AnswerRefusal`), and never throws. Spanish (Latin American
 * forms) and Brazilian Portuguese; the language, country and time zone a call does not give
 * are the service's (`ANSWER_LOCALE`, `ANSWER_COUNTRY`, `TIME_ZONE`).
 *
 * @example
 * answers.yesNo('Sí, dale'); // { ok: true, value: true }
 * answers.nationalId('DNI 28.456.789', { country: 'AR' }); // { ok: true, value: '28456789', kind: 'dni' }
 * answers.choice('la segunda', ['12 cuotas', '24 cuotas']); // { ok: true, value: 1 }
 * answers.date('20/10/2030'); // { ok: true, value: '2030-10-20' }
 */
export const answers = Object.freeze({
  yesNo,
  number,
  date,
  nationalId,
  choice,
  choiceOption,
  email,
  phone,
});

export type { Answer, AnswerAccepted, AnswerRefusal, AnswerRefused } from './answer.js';
export { accepted, refused } from './answer.js';
export {
  ANSWER_COUNTRIES,
  ANSWER_LOCALES,
  type AnswerCountry,
  type AnswerLocale,
  type AnswerSettings,
  answerSettings,
  configureAnswers,
} from './answer-settings.js';
export type { ChoiceOptions } from './choice.js';
export type { DateOptions } from './date.js';
export {
  NATIONAL_ID_KINDS,
  type NationalIdAccepted,
  type NationalIdAnswer,
  type NationalIdKind,
  type NationalIdOptions,
} from './national-id.js';
export type { NumberOptions } from './number.js';
export type { PhoneAccepted, PhoneAnswer, PhoneOptions, PhoneValue } from './phone.js';
export type { YesNoOptions } from './yes-no.js';
export { ConversationAnswers } from './conversation-answers.js';
