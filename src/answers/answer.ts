/**
 * Why a visitor's text was not understood, for a handler to ask again in the right words:
 * - `empty`: nothing but spaces and punctuation;
 * - `unrecognised`: no answer of the kind asked for could be read;
 * - `ambiguous`: it reads as more than one answer (two options, yes and no...);
 * - `doubt`: the visitor says they do not know ("no sé", "tal vez", "não sei");
 * - `invalid-check-digit`: an id whose check digit or letter is wrong;
 * - `invalid-format`: the right kind of answer, wrongly written (an id of the wrong length);
 * - `incomplete`: an email address or number cut short;
 * - `no-such-day`: a date that does not exist (31/02);
 * - `past`, `future`: a day before today (`notPast`) or after it (`notFuture`);
 * - `out-of-range`: a number outside the bounds asked for, an option number past the list.
 */
export type AnswerRefusal =
  | 'empty'
  | 'unrecognised'
  | 'ambiguous'
  | 'doubt'
  | 'invalid-check-digit'
  | 'invalid-format'
  | 'incomplete'
  | 'no-such-day'
  | 'past'
  | 'future'
  | 'out-of-range';

/** An answer understood. */
export interface AnswerAccepted<T> {
  readonly ok: true;
  readonly value: T;
}

/** An answer not understood, and why. */
export interface AnswerRefused {
  readonly ok: false;
  readonly reason: AnswerRefusal;
  /** A short explanation in English, for logs and tests (not for the visitor). */
  readonly detail?: string;
  /** With `ambiguous` from `choice`: the 0-based indexes of the options it could be. */
  readonly candidates?: readonly number[];
}

/** What a parser makes of a visitor's text: `{ ok: true, value }` or `{ ok: false, reason }`. */
export type Answer<T> = AnswerAccepted<T> | AnswerRefused;

/** An accepted answer. */
export function accepted<T>(value: T): AnswerAccepted<T> {
  return { ok: true, value };
}

/** A refused answer. */
export function refused(
  reason: AnswerRefusal,
  extra: Omit<AnswerRefused, 'ok' | 'reason'> = {},
): AnswerRefused {
  return { ok: false, reason, ...extra };
}
