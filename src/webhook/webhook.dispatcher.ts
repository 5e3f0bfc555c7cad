import { Inject, Injectable } from '@nestjs/common';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import type { HandlerResult } from './cliengo-handler.interface.js';
import { LazyAbortController } from './lazy-abort-controller.js';
import { checkContract, type FieldErrors } from './contract.checker.js';
import { Conversation } from './conversation.context.js';
import { HandlerTimeoutError } from './handler-timeout.error.js';
import { HandlerRegistry, type RegisteredHandler } from './handler.registry.js';
import { builtReply, ReplyBuilder } from './reply.builder.js';
import type { WebhookOutcome } from './webhook-outcome.js';
import { WEBHOOK_OPTIONS, type WebhookModuleOptions } from './webhook.options.js';

const PASS_THROUGH: WebhookResponseDto = Object.freeze({});
const PASSED_THROUGH: Settled = Object.freeze({ reply: PASS_THROUGH, outcome: 'pass-through' });
const TIMED_OUT = Symbol('timed out');

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
  /** What the handler threw (outcome `error`, or an unserialisable reply). */
  error?: unknown;
  /** The reply's offending field paths (outcome `invalid-reply`). */
  fields?: FieldErrors;
}

type Settled = Pick<DispatchResult, 'reply' | 'outcome' | 'error' | 'fields'>;

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

function dispatchResult(
  settled: Settled,
  request: WebhookRequestDto,
  questionId: number | undefined,
  handler: RegisteredHandler | undefined,
  started: number,
): DispatchResult {
  return {
    reply: settled.reply,
    outcome: settled.outcome,
    error: settled.error,
    fields: settled.fields,
    conversationId: request.conversationId,
    questionId: questionId ?? null,
    handler: handler?.name ?? null,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  };
}

/**
 * Runs the handler of a question and always comes back with a valid reply, in time: a
 * handler that throws, overruns its deadline, or returns a reply that breaks the response
 * contract yields the pass-through reply `{}`. The result says which of these happened.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    private readonly registry: HandlerRegistry,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookModuleOptions,
  ) {}

  /**
   * Dispatches one webhook call. The result comes synchronously when the handler answers
   * synchronously (no promise to settle), else as a promise; `await` takes either.
   */
  dispatch(
    request: WebhookRequestDto,
    questionId: number | undefined,
  ): DispatchResult | Promise<DispatchResult> {
    const started = performance.now();
    const handler = this.registry.resolve(questionId);
    if (!handler) return dispatchResult(PASSED_THROUGH, request, questionId, undefined, started);
    const settled = this.#run(handler, request, questionId);
    return settled instanceof Promise
      ? settled.then((done) => dispatchResult(done, request, questionId, handler, started))
      : dispatchResult(settled, request, questionId, handler, started);
  }

  /**
   * Runs the handler. A synchronous answer is checked at once: no deadline can cut into
   * code that does not yield. A promise races the handler's deadline; at the deadline the
   * handler's signal is aborted and the answer is the pass-through reply.
   */
  #run(
    handler: RegisteredHandler,
    request: WebhookRequestDto,
    questionId: number | undefined,
  ): Settled | Promise<Settled> {
    const abort = new LazyAbortController();
    const conversation = new Conversation(request, questionId, () => abort.signal);
    let result: HandlerResult | PromiseLike<HandlerResult>;
    try {
      result = handler.instance.handle(conversation);
    } catch (error) {
      return { reply: PASS_THROUGH, outcome: 'error', error };
    }
    if (!isPromiseLike(result)) return this.#checked(result, handler);
    return this.#settle(result, handler, abort);
  }

  async #settle(
    work: PromiseLike<HandlerResult>,
    handler: RegisteredHandler,
    abort: LazyAbortController,
  ): Promise<Settled> {
    const timeoutMs = handler.timeoutMs ?? this.options.handlerTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
    });
    try {
      // Promise.race subscribes to the work, so a rejection after the deadline is handled,
      // never left unhandled.
      const result = await Promise.race([work, deadline]);
      if (result === TIMED_OUT) {
        abort.abort(new HandlerTimeoutError(handler.name, timeoutMs));
        return { reply: PASS_THROUGH, outcome: 'timeout' };
      }
      return this.#checked(result, handler);
    } catch (error) {
      return { reply: PASS_THROUGH, outcome: 'error', error };
    } finally {
      clearTimeout(timer);
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
