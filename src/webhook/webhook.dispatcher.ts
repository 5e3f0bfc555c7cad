import { Inject, Injectable } from '@nestjs/common';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import type { HandlerResult } from './cliengo-handler.interface.js';
import { checkContract, type FieldErrors } from './contract.checker.js';
import { Conversation } from './conversation.context.js';
import type { DispatchCancellation, DispatchOptions } from './dispatch-options.js';
import { HandlerCancelledError } from './handler-cancelled.error.js';
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

/** How one webhook call went: the reply sent, and what to log and count. */
export interface DispatchResult {
  /** The reply to send: the handler's, or `{}`. */
  reply: WebhookResponseDto;
  outcome: WebhookOutcome;
  conversationId: string;
  questionId: number | null;
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
}

/** A handler's deadline: its length, and when it passes (`performance.now()` time). */
interface Deadline {
  timeoutMs: number;
  deadline: number;
}

type Settled = Pick<DispatchResult, 'reply' | 'outcome' | 'error' | 'fields' | 'shedReason'>;

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function dispatchResult(
  settled: Settled,
  request: WebhookRequestDto,
  questionId: number | undefined,
  handler: RegisteredHandler | undefined,
  started: number,
  arrivedAt: number,
): DispatchResult {
  return {
    reply: settled.reply,
    outcome: settled.outcome,
    error: settled.error,
    fields: settled.fields,
    shedReason: settled.shedReason,
    conversationId: request.conversationId,
    questionId: questionId ?? null,
    handler: handler?.name ?? null,
    durationMs: round(performance.now() - started),
    queuedMs: round(started - arrivedAt),
  };
}

/**
 * Runs the handler of a question and always comes back with a valid reply, in time: a
 * handler that throws, overruns its deadline (counted from the request's arrival), or
 * returns a reply that breaks the response contract yields the pass-through reply `{}`, and
 * so does a call cancelled while its handler runs. The result says which of these happened.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    private readonly registry: HandlerRegistry,
    @Inject(WEBHOOK_OPTIONS)
    private readonly options: Pick<WebhookModuleOptions, 'handlerTimeoutMs'>,
  ) {}

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
    const handler = this.registry.resolve(questionId);
    const done = (settled: Settled) =>
      dispatchResult(settled, request, questionId, handler, started, arrivedAt);
    if (!handler) return done(PASSED_THROUGH);
    const timeoutMs = handler.timeoutMs ?? this.options.handlerTimeoutMs;
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
   * answer is the pass-through reply. Either way the call's budgets end with it.
   */
  #run(
    handler: RegisteredHandler,
    request: WebhookRequestDto,
    questionId: number | undefined,
    limit: Deadline,
    options: DispatchOptions,
  ): Settled | Promise<Settled> {
    const signals = new HandlerSignals(limit.deadline);
    const conversation = new Conversation(request, questionId, signals);
    if (options.cancellation) {
      options.cancellation.running = {
        handler: handler.name,
        questionId: questionId ?? null,
        conversationId: request.conversationId,
      };
    }
    let result: HandlerResult | PromiseLike<HandlerResult>;
    try {
      result = handler.instance.handle(conversation);
    } catch (error) {
      signals.release();
      return { reply: PASS_THROUGH, outcome: 'error', error };
    }
    if (!isPromiseLike(result)) {
      signals.release();
      return this.#checked(result, handler);
    }
    return this.#settle(result, handler, signals, limit, options.cancellation);
  }

  async #settle(
    work: PromiseLike<HandlerResult>,
    handler: RegisteredHandler,
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
      // Promise.race subscribes to the work, so a rejection after the deadline is handled,
      // never left unhandled.
      const result = await Promise.race(racers);
      if (result === TIMED_OUT) {
        signals.abort(new HandlerTimeoutError(handler.name, limit.timeoutMs));
        return { reply: PASS_THROUGH, outcome: 'timeout' };
      }
      if (result === 'client-gone' || result === 'shutdown') {
        signals.abort(new HandlerCancelledError(handler.name, result));
        return { reply: PASS_THROUGH, outcome: result };
      }
      return this.#checked(result, handler);
    } catch (error) {
      return { reply: PASS_THROUGH, outcome: 'error', error };
    } finally {
      clearTimeout(timer);
      if (cancellation) cancellation.onCancel = undefined;
      signals.release();
    }
  }

  /** The handler's result as it goes on the wire, once it satisfies the response contract. */
  #checked(result: HandlerResult, handler: RegisteredHandler): Settled {
    if (result === undefined || result === null) return PASSED_THROUGH;
    let reply: WebhookResponseDto;
    if (result instanceof ReplyBuilder) {
      // A builder checked its reply write by write, and nothing outside it can reach that
      // reply: it goes as it is.
      reply = builtReply(result);
    } else {
      let wire: unknown;
      try {
        // What is checked is exactly what will be sent: the JSON form of the reply.
        wire = JSON.parse(JSON.stringify(result) ?? 'null');
      } catch (error) {
        return { reply: PASS_THROUGH, outcome: 'invalid-reply', error };
      }
      const fields = checkContract(WebhookResponseDto, wire, { strict: true });
      if (fields) return { reply: PASS_THROUGH, outcome: 'invalid-reply', fields };
      reply = wire as WebhookResponseDto;
    }
    if (Object.keys(reply).length === 0) return PASSED_THROUGH;
    return { reply, outcome: handler.fallback ? 'fallback' : 'replied' };
  }
}
