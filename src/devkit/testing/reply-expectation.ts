import type { SimpleResponseType, MemoryValue } from '../../webhook/reply.builder.js';
import type { HandlerFaultKind } from '../../webhook/handler-fault.js';
import type { WebhookOutcome } from '../../webhook/webhook-outcome.js';
import type { WebhookResponseDto } from '../../contract/webhook-response.dto.js';
import { jsonEqual, show } from '../shared/json.js';
import {
  describeMatcher,
  diffTexts,
  matchesText,
  type TextMatcher,
} from '../shared/text-matcher.js';
import { DispatchedReply } from './dispatched-reply.js';

const THIS_FILE = /[/\\]reply-expectation\.[jt]s:/;

/** A failed reply expectation; its message says what was expected, what came, and why. */
export class ReplyAssertionError extends Error {
  override readonly name = 'ReplyAssertionError';
}

/**
 * Fluent assertions on a webhook reply. Each method throws a `ReplyAssertionError` whose
 * message shows the expected and the actual value, the whole reply, and how the call ended
 * (e.g. the error the handler threw), and returns `this` so checks chain:
 *
 * ```ts
 * expectReply(await kit.sendToQuestion(3, request))
 *   .toSay('Ok', '¿Qué modelo te interesa?')
 *   .toExpectList(['Model 3', 'Model Y'])
 *   .toSetCustom({ userType: 'advanced' })
 *   .toStopChat()
 *   .toJumpTo(5);
 * ```
 */
export class ReplyExpectation {
  readonly #reply: WebhookResponseDto;
  readonly #dispatched: DispatchedReply | undefined;

  constructor(subject: DispatchedReply | WebhookResponseDto) {
    this.#dispatched = subject instanceof DispatchedReply ? subject : undefined;
    this.#reply = subject instanceof DispatchedReply ? subject.reply : subject;
  }

  #fail(what: string, expected: string[], actual: string[]): never {
    this.#throw(what, [
      ...expected.map((line) => `- ${line}`),
      ...actual.map((line) => `+ ${line}`),
    ]);
  }

  #throw(what: string, diff: string[]): never {
    const lines = [`Expected the reply ${what}`, ...diff.map((line) => `  ${line}`), ''];
    lines.push(`reply: ${show(this.#reply)}`);
    if (this.#dispatched) lines.push(`outcome: ${this.#dispatched.describe()}`);
    const error = new ReplyAssertionError(lines.join('\n'));
    // Start the stack at the test's line, not inside this file.
    error.stack = error.stack
      ?.split('\n')
      .filter((line) => !(line.startsWith('    at ') && THIS_FILE.test(line)))
      .join('\n');
    throw error;
  }

  #check(ok: boolean, what: string, expected: unknown, actual: unknown): this {
    if (!ok) this.#fail(what, [show(expected)], [show(actual)]);
    return this;
  }

  /** The bot is made to say exactly these texts, in order (strings exact, or RegExps). */
  toSay(...texts: Array<string | RegExp>): this {
    const actual = this.#reply.response?.text ?? [];
    const diff = diffTexts(texts, actual);
    if (diff) {
      this.#throw(
        'to say (- expected, + actual):',
        diff.map((line) => `${line.mark} ${line.text}`),
      );
    }
    return this;
  }

  /** One of the texts contains this fragment (or matches this RegExp). */
  toMention(fragment: string | RegExp): this {
    const matcher: TextMatcher = typeof fragment === 'string' ? { contains: fragment } : fragment;
    const actual = this.#reply.response?.text ?? [];
    return this.#check(
      actual.some((text) => matchesText(matcher, text)),
      'to have a text that',
      describeMatcher(matcher),
      actual,
    );
  }

  /** The reply forces no text. */
  toSayNothing(): this {
    const actual = this.#reply.response?.text;
    return this.#check(actual === undefined, 'to say nothing', undefined, actual);
  }

  /** The bot is made to expect an answer of this type (not LIST: see `toExpectList`). */
  toExpect(type: SimpleResponseType): this {
    const actual = this.#reply.response?.response_type;
    return this.#check(actual === type, 'to expect an answer of type', type, actual);
  }

  /** The bot is made to offer exactly these LIST options, in order. */
  toExpectList(options: readonly string[]): this {
    const response = this.#reply.response;
    const actual = {
      response_type: response?.response_type,
      response_options: response?.response_options,
    };
    return this.#check(
      actual.response_type === 'LIST' && jsonEqual(actual.response_options, options),
      'to expect a LIST with options',
      { response_type: 'LIST', response_options: options },
      actual,
    );
  }

  /** The reply writes these `custom` keys with these values (it may write others). */
  toSetCustom(values: Readonly<Record<string, MemoryValue>>): this {
    const custom = this.#reply.custom ?? {};
    const wrong = Object.keys(values).filter((key) => !jsonEqual(custom[key], values[key]));
    if (wrong.length > 0) {
      this.#fail(
        'to set custom values',
        wrong.map((key) => `${key}: ${show(values[key])}`),
        wrong.map((key) => `${key}: ${show(custom[key])}`),
      );
    }
    return this;
  }

  /** The reply writes exactly these `custom` keys and values, no others. */
  toSetOnlyCustom(values: Readonly<Record<string, MemoryValue>>): this {
    const actual = this.#reply.custom ?? {};
    return this.#check(jsonEqual(actual, values), 'to set only the custom values', values, actual);
  }

  /** The reply clears these `custom` keys (writes `null` under each). */
  toClearCustom(...keys: string[]): this {
    const custom = this.#reply.custom ?? {};
    const kept = keys.filter((key) => !Object.hasOwn(custom, key) || custom[key] !== null);
    return this.#check(
      keys.length > 0 && kept.length === 0,
      `to clear custom ${keys.join(', ')}`,
      Object.fromEntries(keys.map((key) => [key, null])),
      Object.fromEntries(kept.map((key) => [key, custom[key]])),
    );
  }

  /** The reply writes none of these `custom` keys (none at all when no key is given). */
  toNotSetCustom(...keys: string[]): this {
    const custom = this.#reply.custom ?? {};
    const written =
      keys.length === 0 ? Object.keys(custom) : keys.filter((key) => Object.hasOwn(custom, key));
    return this.#check(
      written.length === 0,
      keys.length === 0 ? 'to set no custom value' : `not to set custom ${keys.join(', ')}`,
      {},
      Object.fromEntries(written.map((key) => [key, custom[key]])),
    );
  }

  /** The reply sets the visitor's name. */
  toSetName(name: string): this {
    const actual = this.#reply.name?.value;
    return this.#check(actual === name, 'to set the name', name, actual);
  }

  /** The reply sets the visitor's email. */
  toSetEmail(email: string): this {
    const actual = this.#reply.email?.value;
    return this.#check(actual === email, 'to set the email', email, actual);
  }

  /** The reply sets the phone: the formats given must match (a string: the international one). */
  toSetPhone(phone: string | { national?: string; international?: string }): this {
    const wanted = typeof phone === 'string' ? { international: phone } : phone;
    const actual = this.#reply.phone;
    const ok =
      actual !== undefined &&
      (wanted.national === undefined || actual.national_format === wanted.national) &&
      (wanted.international === undefined || actual.international_format === wanted.international);
    return this.#check(
      ok,
      'to set the phone',
      { national_format: wanted.national, international_format: wanted.international },
      actual,
    );
  }

  /** The reply stops the script until the visitor talks again (`false`: it does not). */
  toStopChat(expected = true): this {
    const actual = this.#reply.response?.stopChat === true;
    return this.#check(
      actual === expected,
      expected ? 'to stop the chat (stopChat: true)' : 'not to stop the chat',
      expected,
      this.#reply.response?.stopChat,
    );
  }

  /** The reply makes this question the active one (`response.flow`). */
  toJumpTo(questionId: number): this {
    const actual = this.#reply.response?.flow;
    return this.#check(actual === questionId, 'to jump to question (flow)', questionId, actual);
  }

  /** The reply leaves the active question as it is (no `response.flow`). */
  toStayOnQuestion(): this {
    const actual = this.#reply.response?.flow;
    return this.#check(actual === undefined, 'not to jump (no flow)', undefined, actual);
  }

  /**
   * The reply is `{}`: Cliengo goes on with its own script. With an outcome, the call must
   * also have ended that way (`timeout`, `error`, `invalid-reply` or `pass-through`): a
   * fault without a fault reply, or whose fault reply could not be sent.
   */
  toPassThrough(outcome?: Exclude<WebhookOutcome, 'replied' | 'fallback'>): this {
    this.#check(Object.keys(this.#reply).length === 0, 'to be {} (pass-through)', {}, this.#reply);
    if (outcome !== undefined) this.#outcome(outcome);
    return this;
  }

  /**
   * The reply is the handler's fault reply (`onFault`), sent because the handler faulted;
   * with an outcome, because of that fault (`timeout`, `error` or `invalid-reply`). Needs a
   * reply from `HandlerTestKit`.
   */
  toBeFaultReply(outcome?: HandlerFaultKind): this {
    const dispatched = this.#dispatchedReply();
    this.#check(
      dispatched.faultReply === 'sent',
      'to be the fault reply (faultReply: sent)',
      'sent',
      dispatched.faultReply ?? '(no fault reply)',
    );
    if (outcome !== undefined) this.#outcome(outcome);
    return this;
  }

  /** The call ended this way (needs a reply from `HandlerTestKit`). */
  toHaveOutcome(outcome: WebhookOutcome): this {
    return this.#outcome(outcome);
  }

  /** The reply is exactly this object. */
  toEqualReply(reply: WebhookResponseDto): this {
    return this.#check(jsonEqual(this.#reply, reply), 'to equal', reply, this.#reply);
  }

  #dispatchedReply(): DispatchedReply {
    if (!this.#dispatched) {
      throw new TypeError('the outcome is only known for replies from HandlerTestKit.send');
    }
    return this.#dispatched;
  }

  #outcome(outcome: WebhookOutcome): this {
    const dispatched = this.#dispatchedReply();
    return this.#check(
      dispatched.outcome === outcome,
      'to end with the outcome',
      outcome,
      dispatched.outcome,
    );
  }
}

/** Starts fluent assertions on a reply from `HandlerTestKit` (or any reply object). */
export function expectReply(reply: DispatchedReply | WebhookResponseDto): ReplyExpectation {
  return new ReplyExpectation(reply);
}
