import type { Answer } from './answer.js';
import { answerSettings, type AnswerSettings } from './answer-settings.js';
import { choice, choiceOption, type ChoiceOptions } from './choice.js';
import { date, type DateOptions } from './date.js';
import { email } from './email.js';
import { nationalId, type NationalIdAnswer, type NationalIdOptions } from './national-id.js';
import { number, type NumberOptions } from './number.js';
import { phone, type PhoneAnswer, type PhoneOptions } from './phone.js';
import { yesNo, type YesNoOptions } from './yes-no.js';

/**
 * The answer parsers over one text, the visitor's latest message in a conversation
 * (`conversation.answer`): the same results as `answers`, with the conversation's settings
 * (its chatbot's language, country and time zone, else the service's) where a call does
 * not say.
 *
 * @example
 * const dni = conversation.answer.nationalId({ kinds: ['dni'] });
 * if (!dni.ok) return conversation.reply().say(reprompt[dni.reason]).expectText().stopChat();
 */
export class ConversationAnswers {
  readonly #text: string | undefined;
  readonly #settings: Readonly<AnswerSettings> | undefined;

  /**
   * @param settings what the parsers assume where a call does not say; left out: the
   *   service's (`answerSettings()`).
   */
  constructor(text: string | null | undefined, settings?: Readonly<AnswerSettings>) {
    this.#text = text ?? undefined;
    this.#settings = settings;
  }

  /** The text read: the visitor's latest message, if any. */
  get text(): string | undefined {
    return this.#text;
  }

  /** What the parsers assume where a call does not say. */
  get settings(): Readonly<AnswerSettings> {
    return this.#settings ?? answerSettings();
  }

  /** The same parsers, with the same settings, over another text. */
  of(text: string | null | undefined): ConversationAnswers {
    return new ConversationAnswers(text, this.#settings);
  }

  /** A call's options with the settings filled in where it does not say. */
  #with<T extends object>(options: T | undefined): T | undefined {
    const settings = this.#settings;
    if (!settings) return options;
    const filled = { ...options } as T & Partial<AnswerSettings>;
    filled.locale ??= settings.locale;
    filled.country ??= settings.country;
    filled.timeZone ??= settings.timeZone;
    return filled;
  }

  /** Yes or no (`true` / `false`); doubt and contradictions are refused. */
  yesNo(options?: YesNoOptions): Answer<boolean> {
    return yesNo(this.#text, this.#with(options));
  }

  /** A number, in digits or words. */
  number(options?: NumberOptions): Answer<number> {
    return number(this.#text, this.#with(options));
  }

  /** A day, as `YYYY-MM-DD`, counted from today in the configured time zone. */
  date(options?: DateOptions): Answer<string> {
    return date(this.#text, this.#with(options));
  }

  /** A national id, normalised, its check digit verified; the answer says its `kind`. */
  nationalId(options?: NationalIdOptions): NationalIdAnswer {
    return nationalId(this.#text, this.#with(options));
  }

  /** The 0-based index of the option the visitor picked. */
  choice(options: readonly string[], settings?: ChoiceOptions): Answer<number> {
    return choice(this.#text, options, this.#with(settings));
  }

  /**
   * The option the visitor picked, as written in `options`: the way to read a LIST
   * question's answer back as the option itself (give the options the reply offered).
   */
  option(options: readonly string[], settings?: ChoiceOptions): Answer<string> {
    return choiceOption(this.#text, options, this.#with(settings));
  }

  /** An email address, lower-cased. */
  email(): Answer<string> {
    return email(this.#text);
  }

  /** A phone number, `{ national, international }` as Cliengo's phone fields hold them. */
  phone(options?: PhoneOptions): PhoneAnswer {
    return phone(this.#text, this.#with(options));
  }
}
