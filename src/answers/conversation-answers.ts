import type { Answer } from './answer.js';
import { choice, choiceOption, type ChoiceOptions } from './choice.js';
import { date, type DateOptions } from './date.js';
import { email } from './email.js';
import { nationalId, type NationalIdAnswer, type NationalIdOptions } from './national-id.js';
import { number, type NumberOptions } from './number.js';
import { phone, type PhoneAnswer, type PhoneOptions } from './phone.js';
import { yesNo, type YesNoOptions } from './yes-no.js';

/**
 * The answer parsers over one text, the visitor's latest message in a conversation
 * (`conversation.answer`): the same results as `answers`, with the same settings.
 *
 * @example
 * const dni = conversation.answer.nationalId({ kinds: ['dni'] });
 * if (!dni.ok) return conversation.reply().say(reprompt[dni.reason]).expectText().stopChat();
 */
export class ConversationAnswers {
  readonly #text: string | undefined;

  constructor(text: string | null | undefined) {
    this.#text = text ?? undefined;
  }

  /** The text read: the visitor's latest message, if any. */
  get text(): string | undefined {
    return this.#text;
  }

  /** Yes or no (`true` / `false`); doubt and contradictions are refused. */
  yesNo(options?: YesNoOptions): Answer<boolean> {
    return yesNo(this.#text, options);
  }

  /** A number, in digits or words. */
  number(options?: NumberOptions): Answer<number> {
    return number(this.#text, options);
  }

  /** A day, as `YYYY-MM-DD`, counted from today in the configured time zone. */
  date(options?: DateOptions): Answer<string> {
    return date(this.#text, options);
  }

  /** A national id, normalised, its check digit verified; the answer says its `kind`. */
  nationalId(options?: NationalIdOptions): NationalIdAnswer {
    return nationalId(this.#text, options);
  }

  /** The 0-based index of the option the visitor picked. */
  choice(options: readonly string[], settings?: ChoiceOptions): Answer<number> {
    return choice(this.#text, options, settings);
  }

  /**
   * The option the visitor picked, as written in `options`: the way to read a LIST
   * question's answer back as the option itself (give the options the reply offered).
   */
  option(options: readonly string[], settings?: ChoiceOptions): Answer<string> {
    return choiceOption(this.#text, options, settings);
  }

  /** An email address, lower-cased. */
  email(): Answer<string> {
    return email(this.#text);
  }

  /** A phone number, `{ national, international }` as Cliengo's phone fields hold them. */
  phone(options?: PhoneOptions): PhoneAnswer {
    return phone(this.#text, options);
  }
}
