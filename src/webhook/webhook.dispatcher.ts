import { Inject, Injectable, Logger } from '@nestjs/common';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import type { HandlerResult } from './cliengo-handler.interface.js';
import { checkContract, type FieldErrors } from './contract.checker.js';
import { Conversation } from './conversation.context.js';
import { HandlerTimeoutError } from './handler-timeout.error.js';
import { HandlerRegistry, type RegisteredHandler } from './handler.registry.js';
import { ReplyBuilder } from './reply.builder.js';
import type { WebhookOutcome } from './webhook-outcome.js';
import { WEBHOOK_OPTIONS, type WebhookModuleOptions } from './webhook.options.js';

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? typeof error);
}

const PASS_THROUGH: WebhookResponseDto = Object.freeze({});
const TIMED_OUT = Symbol('timed out');

interface Settled {
  reply: WebhookResponseDto;
  outcome: WebhookOutcome;
  error?: unknown;
  fields?: FieldErrors;
}

/**
 * Runs the handler of a question and always comes back with a valid reply, in time: a
 * handler that throws, overruns its deadline, or returns a reply that breaks the response
 * contract yields the pass-through reply `{}`. Each call is logged with its outcome.
 */
@Injectable()
export class WebhookDispatcher {
  readonly #logger = new Logger('Webhook');

  constructor(
    private readonly registry: HandlerRegistry,
    @Inject(WEBHOOK_OPTIONS) private readonly options: WebhookModuleOptions,
  ) {}

  async dispatch(
    request: WebhookRequestDto,
    questionId: number | undefined,
  ): Promise<WebhookResponseDto> {
    const started = performance.now();
    const handler = this.registry.resolve(questionId);
    const settled: Settled = handler
      ? await this.#run(handler, request, questionId)
      : { reply: PASS_THROUGH, outcome: 'pass-through' };
    this.#log(settled, {
      conversationId: request.conversationId,
      questionId: questionId ?? null,
      handler: handler?.name ?? null,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    });
    return settled.reply;
  }

  async #run(
    handler: RegisteredHandler,
    request: WebhookRequestDto,
    questionId: number | undefined,
  ): Promise<Settled> {
    const timeoutMs = handler.timeoutMs ?? this.options.handlerTimeoutMs;
    const abort = new AbortController();
    const conversation = new Conversation(request, questionId, abort.signal);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, TIMED_OUT);
    });
    // An async wrapper turns a synchronous throw into a rejection. Promise.race subscribes
    // to the work, so a rejection after the deadline is handled, never left unhandled.
    const work = (async () => handler.instance.handle(conversation))();
    try {
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
    const replied: WebhookOutcome = handler.fallback ? 'fallback' : 'replied';
    if (result === undefined || result === null)
      return { reply: PASS_THROUGH, outcome: 'pass-through' };
    const candidate = result instanceof ReplyBuilder ? result.build() : result;
    let wire: unknown;
    try {
      // What is checked is exactly what will be sent: the JSON form of the reply.
      wire = JSON.parse(JSON.stringify(candidate) ?? 'null');
    } catch (error) {
      return { reply: PASS_THROUGH, outcome: 'invalid-reply', error };
    }
    const fields = checkContract(WebhookResponseDto, wire, { strict: true });
    if (fields) return { reply: PASS_THROUGH, outcome: 'invalid-reply', fields };
    const reply = wire as WebhookResponseDto;
    if (Object.keys(reply).length === 0) return { reply: PASS_THROUGH, outcome: 'pass-through' };
    return { reply, outcome: replied };
  }

  #log(settled: Settled, context: Record<string, unknown>): void {
    const entry = { message: 'webhook answered', outcome: settled.outcome, ...context };
    switch (settled.outcome) {
      case 'error':
        this.#logger.error(
          { ...entry, error: describeError(settled.error) },
          settled.error instanceof Error ? settled.error.stack : undefined,
        );
        break;
      case 'invalid-reply':
        this.#logger.error({
          ...entry,
          fields: settled.fields,
          error: settled.error === undefined ? undefined : describeError(settled.error),
        });
        break;
      case 'timeout':
        this.#logger.warn(entry);
        break;
      default:
        this.#logger.log(entry);
    }
  }
}
