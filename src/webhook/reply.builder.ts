import { BotResponseDto } from '../contract/bot-response.dto.js';
import type { ResponseType } from '../contract/response-type.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import { checkContract } from './contract.checker.js';
import { ReplyContractError } from './reply-contract.error.js';

/**
 * A value a reply can write into the chatbot memory under a `custom` key: any JSON value
 * (a string, a finite number, a boolean, null, an array, a plain object), within the
 * contract's bounds (`CONTRACT_LIMITS.customValue*`). The type lets any object through,
 * interfaces included; what is not JSON (undefined, NaN, a Date, a class instance, a
 * function) is refused where it is written.
 */
export type MemoryValue = string | number | boolean | null | object;

/** Both phone formats; give either or both. */
export interface PhoneInput {
  national?: string;
  international?: string;
}

/** The answer types that need no options (LIST has `expectList`). */
export type SimpleResponseType = Exclude<ResponseType, 'LIST'>;

/** Set by `ReplyBuilder` itself: the only reader of its reply from outside (`builtReply`). */
let readReply: (builder: ReplyBuilder) => WebhookResponseDto;

/**
 * Builds a webhook reply step by step. Each write is checked against the response
 * contract where it is made, so a mistake fails on the handler's own line with a
 * `ReplyContractError` instead of producing a reply Cliengo would misread.
 *
 * Memory writes (`setName`, `setCustom`...) are per key: writing a key twice keeps the last
 * value; `clearCustom` clears keys (writes `null`). Values are copied when written, so
 * changing an object after writing it does not change the reply. The bot's next move (`expect...`, `goTo`) can be set once: setting it again to
 * something else is a contradiction and is refused.
 *
 * @example
 * return reply()
 *   .setCustom('plan', 'premium')
 *   .say('¡Listo!', '¿Qué modelo te interesa?')
 *   .expectList(['Model 3', 'Model Y'])
 *   .goTo(5);
 */
export class ReplyBuilder {
  readonly #reply: WebhookResponseDto = {};

  static {
    readReply = (builder) => builder.#reply;
  }

  /** Sets the visitor's name in the chatbot memory. */
  setName(name: string): this {
    return this.#write({ name: { value: name } });
  }

  /** Sets the visitor's email in the chatbot memory; it must be an email address. */
  setEmail(email: string): this {
    return this.#write({ email: { value: email } });
  }

  /** Sets the visitor's phone in the chatbot memory, in either format or both. */
  setPhone(phone: PhoneInput): this {
    const value = {
      ...(phone.national !== undefined ? { national_format: phone.national } : {}),
      ...(phone.international !== undefined ? { international_format: phone.international } : {}),
    };
    if (Object.keys(value).length === 0) {
      throw new ReplyContractError('setPhone needs a national or an international number');
    }
    return this.#write({ phone: value });
  }

  /**
   * Sets one `custom` memory key to any JSON value (a list of offered slots, an object...);
   * other keys keep their values. `null` clears the key, as `clearCustom` does.
   */
  setCustom(key: string, value: MemoryValue): this {
    return this.setCustoms({ [key]: value });
  }

  /** Sets several `custom` memory keys at once; keys not given keep their values. */
  setCustoms(values: Readonly<Record<string, MemoryValue>>): this {
    let structured = false;
    for (const key in values) {
      const value = values[key];
      if (value === undefined) {
        throw new ReplyContractError(
          `custom value of key ${JSON.stringify(key)} is undefined: give a JSON value, or clearCustom(${JSON.stringify(key)}) to clear it`,
        );
      }
      if (typeof value === 'object' && value !== null) structured = true;
    }
    const custom = { ...this.#reply.custom, ...values };
    if (!structured) return this.#write({ custom });
    // Checked as given, then copied: the reply keeps what was checked.
    this.#check({ custom });
    return this.#write({ custom: { ...this.#reply.custom, ...structuredClone(values) } }, false);
  }

  /** Clears `custom` memory keys: the chatbot forgets them (each is written as `null`). */
  clearCustom(...keys: string[]): this {
    if (keys.length === 0) throw new ReplyContractError('clearCustom needs at least one key');
    return this.setCustoms(Object.fromEntries(keys.map((key) => [key, null])));
  }

  /** Makes the chatbot send these texts, each as its own message, after any said before. */
  say(...texts: string[]): this {
    if (texts.length === 0) throw new ReplyContractError('say needs at least one text');
    const text = [...(this.#reply.response?.text ?? []), ...texts];
    return this.#respond({ text });
  }

  /** Makes the chatbot expect a free-text answer. */
  expectText(): this {
    return this.expect('TEXT');
  }

  /** Makes the chatbot expect the visitor's name. */
  expectName(): this {
    return this.expect('NAME');
  }

  /** Makes the chatbot expect an email address. */
  expectEmail(): this {
    return this.expect('EMAIL');
  }

  /** Makes the chatbot expect a phone number. */
  expectPhone(): this {
    return this.expect('PHONE');
  }

  /** Makes the chatbot expect an answer of this type. */
  expect(type: SimpleResponseType): this {
    if ((type as ResponseType) === 'LIST') {
      throw new ReplyContractError('a LIST answer needs its options: use expectList(options)');
    }
    this.#once('response_type', type);
    return this.#respond({ response_type: type });
  }

  /** Makes the chatbot offer these options and expect one of them. */
  expectList(options: readonly string[]): this {
    this.#once('response_type', 'LIST');
    if (this.#reply.response?.response_options !== undefined) {
      throw new ReplyContractError('the LIST options are already set');
    }
    return this.#respond({ response_type: 'LIST', response_options: [...options] });
  }

  /**
   * Stops the chatbot's script until the visitor talks again. `stopChat(false)` says so
   * explicitly the other way: the texts are sent and the script goes on.
   */
  stopChat(stop = true): this {
    return this.#respond({ stopChat: stop });
  }

  /** Makes the question with this id the current one. */
  goTo(questionId: number): this {
    this.#once('flow', questionId);
    return this.#respond({ flow: questionId });
  }

  /** True while nothing has been written: the reply would be a pass-through `{}`. */
  get isEmpty(): boolean {
    return Object.keys(this.#reply).length === 0;
  }

  /** The reply as it goes on the wire: a fresh plain object. */
  build(): WebhookResponseDto {
    return structuredClone(this.#reply);
  }

  /** What `JSON.stringify` writes for the builder: the reply (a fresh copy, as `build`). */
  toJSON(): WebhookResponseDto {
    return this.build();
  }

  #once<K extends 'response_type' | 'flow'>(key: K, value: BotResponseDto[K]): void {
    const current = this.#reply.response?.[key];
    if (current !== undefined && current !== value) {
      throw new ReplyContractError(
        `${key} is already ${JSON.stringify(current)}; a reply cannot also set it to ${JSON.stringify(value)}`,
      );
    }
  }

  #respond(change: BotResponseDto): this {
    return this.#write({ response: { ...this.#reply.response, ...change } });
  }

  /**
   * Applies a change once the reply with it satisfies the response contract (`check`:
   * unless the caller checked it already).
   */
  #write(change: WebhookResponseDto, check = true): this {
    // `change` holds the whole new value of each top-level key it touches, so checking it
    // checks everything the reply will send under those keys.
    if (check) this.#check(change);
    Object.assign(this.#reply, change);
    return this;
  }

  #check(change: WebhookResponseDto): void {
    const problems = checkContract(WebhookResponseDto, change, { strict: true });
    if (problems) {
      const detail = Object.entries(problems)
        .map(([path, messages]) => `${path}: ${messages.join('; ')}`)
        .join(', ');
      throw new ReplyContractError(`invalid reply: ${detail}`);
    }
  }
}

/**
 * The reply a builder holds, without a copy: for the dispatcher, which sends it as it is.
 * Handler authors get copies (`build`, `toJSON`), so a reply can only change through the
 * builder's checked writes.
 */
export function builtReply(builder: ReplyBuilder): WebhookResponseDto {
  return readReply(builder);
}

/** Starts a reply. Return it from a handler (no need to call `build()`). */
export function reply(): ReplyBuilder {
  return new ReplyBuilder();
}
