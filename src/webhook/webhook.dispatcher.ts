import { Inject, Injectable } from '@nestjs/common';
import type { Chatbot } from '../chatbots/chatbot.js';
import type { UnservedReason } from '../chatbots/chatbots.js';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import type { BotResponseDto } from '../contract/bot-response.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import type { HandlerResult } from './cliengo-handler.interface.js';
import { checkContract, type FieldErrors } from './contract.checker.js';
import { Conversation } from './conversation.context.js';
import type { DispatchCancellation, DispatchOptions } from './dispatch-options.js';
import { HandlerCancelledError } from './handler-cancelled.error.js';
import type { FaultReplyOutcome, HandlerFault } from './handler-fault.js';
import { HandlerSignals } from './handler-signals.js';
import { HandlerTimeoutError } from './handler-timeout.error.js';
import { HandlerRegistry, type RegisteredHandler } from './handler.registry.js';
import { builtReply, ReplyBuilder } from './reply.builder.js';
import type { CancelReason, ShedReason, WebhookOutcome } from './webhook-outcome.js';
import { WEBHOOK_OPTIONS, type WebhookModuleOptions } from './webhook.options.js';

const PASS_THROUGH: WebhookResponseDto = Object.freeze({});
const PASSED_THROUGH: Settled = Object.freeze({ reply: PASS_THROUGH, outcome: 'pass-through' });
const PAST_DEADLINE: Settled = Object.freeze({
  reply: PASS_THROUGH,
  outcome: 'shed',
  shedReason: 'deadline',
});
const TIMED_OUT = Symbol('timed out');
const NO_OPTIONS: DispatchOptions = Object.freeze({});
const ignore = () => undefined;

/** How one webhook call went: the reply sent, and what to log and count. */
export interface DispatchResult {
  /** The reply to send: the handler's, or `{}`. */
  reply: WebhookResponseDto;
  outcome: WebhookOutcome;
  conversationId: string;
  questionId: number | null;
  /** The chatbot's name, when the deployment names its chatbots and the call is for one. */
  chatbot?: string;
  /** The handler's class name, or null when no handler ran. */
  handler: string | null;
  /** Time spent in dispatch (handler and reply check), in milliseconds. */
  durationMs: number;
  /** Time from the request's arrival to the start of dispatch, in milliseconds. */
  queuedMs: number;
  /** What the handler threw (outcome `error`, or an unserialisable reply). */
  error?: unknown;
  /** The reply's offending field paths (outcome `invalid-reply`). */
  fields?: FieldErrors;
  /** Why the call was not run (outcome `shed`). */
  shedReason?: ShedReason;
  /** Why the call is for no chatbot served (outcome `unknown-chatbot`). */
  unserved?: UnservedReason;
  /**
   * What became of the handler's fault reply (outcomes `timeout`, `error`, `invalid-reply`,
   * when the handler has `onFault`); `sent` when `reply` is it.
   */
  faultReply?: FaultReplyOutcome;
  /** What `onFault` threw (`threw`), or why its reply could not be serialised (`invalid`). */
  faultReplyError?: unknown;
  /** The fault reply's offending field paths (`invalid`). */
  faultReplyFields?: FieldErrors;
}

/** A handler's deadline: its length, and when it passes (`performance.now()` time). */
interface Deadline {
  timeoutMs: number;
  deadline: number;
}

type Settled = Pick<
  DispatchResult,
  | 'reply'
  | 'outcome'
  | 'error'
  | 'fields'
  | 'shedReason'
  | 'faultReply'
  | 'faultReplyError'
  | 'faultReplyFields'
>;

/** A reply that breaks the response contract: where (`fields`), or why it cannot be serialised. */
class BrokenReply {
  constructor(
    readonly fields: FieldErrors | undefined,
    readonly error?: unknown,
  ) {}
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Whether a valid reply changes nothing, as `{}`: no memory write, no text (an empty `text`
 * list sends none), no expected answer, no jump, no stop (`stopChat: false` is the script
 * going on). Real clients send `{"response":{"text":[],"stopChat":false}}` to pass through.
 */
function changesNothing(reply: WebhookResponseDto): boolean {
  for (const key in reply) {
    const value = reply[key as keyof WebhookResponseDto];
    if (key === 'custom') {
      for (const _ in value as object) return false;
    } else if (key === 'response') {
      const response = value as BotResponseDto;
      for (const field in response) {
        if (field === 'text' ? (response.text?.length ?? 0) > 0 : field !== 'stopChat') {
          return false;
        }
      }
      if (response.stopChat === true) return false;
    } else {
      return false;
    }
  }
  return true;
}

function dispatchResult(
  settled: Settled,
  request: WebhookRequestDto,
  questionId: number | undefined,
  handler: RegisteredHandler | undefined,
  started: number,
  arrivedAt: number,
  chatbot: string | undefined,
): DispatchResult {
  return {
    chatbot,
    reply: settled.reply,
    outcome: settled.outcome,
    error: settled.error,
    fields: settled.fields,
    shedReason: settled.shedReason,
    faultReply: settled.faultReply,
    faultReplyError: settled.faultReplyError,
    faultReplyFields: settled.faultReplyFields,
    conversationId: request.conversationId,
    questionId: questionId ?? null,
    handler: handler?.name ?? null,
    durationMs: round(performance.now() - started),
    queuedMs: round(started - arrivedAt),
  };
}

/** The result of a call for a chatbot the deployment does not serve: no handler ran, `{}`. */
export function unservedResult(
  request: WebhookRequestDto,
  questionId: number | undefined,
  reason: UnservedReason,
  arrivedAt: number = performance.now(),
): DispatchResult {
  const started = performance.now();
  return {
    ...dispatchResult(
      { reply: PASS_THROUGH, outcome: 'unknown-chatbot' },
      request,
      questionId,
      undefined,
      started,
      arrivedAt,
      undefined,
    ),
    unserved: reason,
  };
}

/**
 * Runs the handler of a question and always comes back with a valid reply, in time: a
 * handler that throws, overruns its deadline (counted from the request's arrival), or
 * returns a reply that breaks the response contract yields its fault reply (`onFault`),
 * else the pass-through reply `{}`; a call cancelled while its handler runs yields `{}`.
 * The result says which of these happened.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    private readonly registry: HandlerRegistry,
    @Inject(WEBHOOK_OPTIONS)
    private readonly options: Pick<WebhookModuleOptions, 'handlerTimeoutMs'>,
  ) {}

  /**
   * The deadline a handler runs under, in milliseconds: its own `timeoutMs`, else its
   * chatbot's `handlerTimeoutMs`, else the service's default.
   */
  timeoutOf(handler: RegisteredHandler, chatbot?: Chatbot): number {
    return handler.timeoutMs ?? chatbot?.handlerTimeoutMs ?? this.options.handlerTimeoutMs;
  }

  /**
   * Dispatches one webhook call. The result comes synchronously when the handler answers
   * synchronously (no promise to settle), else as a promise; `await` takes either.
   */
  dispatch(
    request: WebhookRequestDto,
    questionId: number | undefined,
    options: DispatchOptions = NO_OPTIONS,
  ): DispatchResult | Promise<DispatchResult> {
    const started = performance.now();
    const arrivedAt = options.arrivedAt ?? started;
    const chatbot = options.chatbot;
    const handler = this.registry.resolve(questionId, chatbot?.name);
    const done = (settled: Settled) =>
      dispatchResult(settled, request, questionId, handler, started, arrivedAt, chatbot?.name);
    if (!handler) return done(PASSED_THROUGH);
    const timeoutMs = this.timeoutOf(handler, chatbot);
    const deadline = arrivedAt + timeoutMs;
    if (deadline <= started) return done(PAST_DEADLINE);
    const cancelled = options.cancellation?.cancelled;
    if (cancelled) return done({ reply: PASS_THROUGH, outcome: cancelled });
    const settled = this.#run(handler, request, questionId, { timeoutMs, deadline }, options);
    return settled instanceof Promise ? settled.then(done) : done(settled);
  }

  /**
   * Runs the handler. A synchronous answer is checked at once: no deadline can cut into
   * code that does not yield. A promise races the rest of the handler's deadline and the
   * call's cancellation; when either comes first, the handler's signal is aborted and the
   * answer is the fault reply at the deadline, `{}` on a cancellation. A throw, a rejection
   * or an invalid reply are answered with the fault reply too. Either way the call's
   * budgets end with it.
   */
  #run(
    handler: RegisteredHandler,
    request: WebhookRequestDto,
    questionId: number | undefined,
    limit: Deadline,
    options: DispatchOptions,
  ): Settled | Promise<Settled> {
    const signals = new HandlerSignals(limit.deadline);
    const conversation = new Conversation(request, questionId, signals, options.chatbot);
    if (options.cancellation) {
      options.cancellation.running = {
        handler: handler.name,
        chatbot: options.chatbot?.name,
        questionId: questionId ?? null,
        conversationId: request.conversationId,
      };
    }
    let result: HandlerResult | PromiseLike<HandlerResult>;
    try {
      result = handler.instance.handle(conversation);
    } catch (error) {
      const faulted = this.#fault(handler, conversation, { kind: 'error', error });
      signals.release();
      return faulted;
    }
    if (!isPromiseLike(result)) {
      const answered = this.#answer(result, handler, conversation);
      signals.release();
      return answered;
    }
    return this.#settle(result, handler, conversation, signals, limit, options.cancellation);
  }

  async #settle(
    work: PromiseLike<HandlerResult>,
    handler: RegisteredHandler,
    conversation: Conversation,
    signals: HandlerSignals,
    limit: Deadline,
    cancellation: DispatchCancellation | undefined,
  ): Promise<Settled> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, limit.deadline - performance.now(), TIMED_OUT);
    });
    const racers: Array<PromiseLike<HandlerResult | typeof TIMED_OUT | CancelReason>> = [
      work,
      deadline,
    ];
    if (cancellation) {
      racers.push(
        new Promise<CancelReason>((resolve) => {
          cancellation.onCancel = resolve;
        }),
      );
    }
    try {
      let result: HandlerResult | typeof TIMED_OUT | CancelReason;
      try {
        // Promise.race subscribes to the work, so a rejection after the deadline is handled,
        // never left unhandled.
        result = await Promise.race(racers);
      } catch (error) {
        return this.#fault(handler, conversation, { kind: 'error', error });
      }
      if (result === TIMED_OUT) {
        // Still the turn of the deadline's timer: the signal is aborted, then the fault
        // reply is made, and the answer goes at the deadline.
        const error = new HandlerTimeoutError(handler.name, limit.timeoutMs);
        signals.abort(error);
        return this.#fault(handler, conversation, {
          kind: 'timeout',
          timeoutMs: limit.timeoutMs,
          error,
        });
      }
      if (result === 'client-gone' || result === 'shutdown') {
        signals.abort(new HandlerCancelledError(handler.name, result));
        return { reply: PASS_THROUGH, outcome: result };
      }
      return this.#answer(result, handler, conversation);
    } finally {
      clearTimeout(timer);
      if (cancellation) cancellation.onCancel = undefined;
      signals.release();
    }
  }

  /** The handler's result as it is answered: its reply, `{}`, or its fault reply. */
  #answer(result: HandlerResult, handler: RegisteredHandler, conversation: Conversation): Settled {
    const wire = this.#wire(result);
    if (wire === PASS_THROUGH) return PASSED_THROUGH;
    if (wire instanceof BrokenReply) {
      return this.#fault(
        handler,
        conversation,
        wire.fields
          ? { kind: 'invalid-reply', fields: wire.fields }
          : { kind: 'invalid-reply', error: wire.error },
      );
    }
    return { reply: wire, outcome: handler.fallback ? 'fallback' : 'replied' };
  }

  /**
   * A result as it goes on the wire once it satisfies the response contract (`{}` for
   * nothing, or a reply that changes nothing), or where it breaks it.
   */
  #wire(result: HandlerResult): WebhookResponseDto | BrokenReply {
    if (result === undefined || result === null) return PASS_THROUGH;
    let reply: WebhookResponseDto;
    if (result instanceof ReplyBuilder) {
      // A builder checked its reply write by write, and nothing outside it can reach that
      // reply: it goes as it is.
      reply = builtReply(result);
    } else {
      // JSON would write NaN and Infinity (and undefined in an array) as null, and null
      // clears a key: `custom` is checked as the handler gave it, before it becomes JSON.
      const custom = result.custom;
      const customFields =
        custom === undefined
          ? undefined
          : checkContract(WebhookResponseDto, { custom }, { strict: true });
      let wire: unknown;
      try {
        // What is checked is exactly what will be sent: the JSON form of the reply.
        wire = JSON.parse(JSON.stringify(result) ?? 'null');
      } catch (error) {
        return new BrokenReply(undefined, error);
      }
      const fields = checkContract(WebhookResponseDto, wire, { strict: true });
      if (fields || customFields) return new BrokenReply({ ...fields, ...customFields });
      reply = wire as WebhookResponseDto;
    }
    return changesNothing(reply) ? PASS_THROUGH : reply;
  }

  /**
   * The answer to a handler's fault: its fault reply (`onFault`, called synchronously and
   * checked as any reply), else `{}`. The outcome stays the fault's; `faultReply` says what
   * became of the fault reply.
   */
  #fault(handler: RegisteredHandler, conversation: Conversation, fault: HandlerFault): Settled {
    const settled: Settled = { reply: PASS_THROUGH, outcome: fault.kind };
    // A timeout's error is the signal's reason, not something the handler did.
    if (fault.kind === 'error' || (fault.kind === 'invalid-reply' && fault.error !== undefined)) {
      settled.error = fault.error;
    }
    if (fault.kind === 'invalid-reply' && fault.fields) {
      settled.fields = fault.fields as FieldErrors;
    }
    const instance = handler.instance;
    if (typeof instance.onFault !== 'function') return settled;
    let result: unknown;
    try {
      result = instance.onFault(fault, conversation);
    } catch (error) {
      settled.faultReply = 'threw';
      settled.faultReplyError = error;
      return settled;
    }
    if (isPromiseLike(result)) {
      // Not waited for: whatever it settles with, nobody is left to take it.
      Promise.resolve(result).then(undefined, ignore);
      settled.faultReply = 'async';
      return settled;
    }
    const wire = this.#wire(result as HandlerResult);
    if (wire === PASS_THROUGH) {
      settled.faultReply = 'pass-through';
    } else if (wire instanceof BrokenReply) {
      settled.faultReply = 'invalid';
      if (wire.fields) settled.faultReplyFields = wire.fields;
      else settled.faultReplyError = wire.error;
    } else {
      settled.reply = wire;
      settled.faultReply = 'sent';
    }
    return settled;
  }
}
