import { UNSERVED_MESSAGES } from '../../chatbots/chatbots.js';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import type {
  TargetChatbot,
  UrlMode,
  WebhookExchange,
  WebhookTransport,
} from '../simulator/webhook-client.js';
import type { DispatchedReply } from './dispatched-reply.js';
import type { KitRequest } from './handler-test-kit.js';
import { InvalidTestRequestError } from './invalid-test-request.error.js';

/**
 * What the transport needs of the kit (`HandlerTestKit`, or a chatbot of it: `KitChatbot`):
 * its two ways of sending a request, and for a chatbot, its name and website id.
 */
export interface KitDispatch {
  send(request: KitRequest): Promise<DispatchedReply>;
  sendToQuestion(questionId: number, request: KitRequest): Promise<DispatchedReply>;
  /** The chatbot whose own URLs the calls go to (`/chatbots/{name}/webhook`); none: the global URLs. */
  readonly name?: string;
  /** That chatbot's website id, when the kit serves it. */
  readonly websiteId?: string;
}

/** A webhook call made in-process: the exchange, and the dispatch behind it. */
export interface KitExchange extends WebhookExchange {
  /**
   * How the dispatcher answered (outcome, handler, fault reply...); undefined when the
   * service would have refused the request (400: it breaks the request contract).
   */
  dispatched?: DispatchedReply;
}

/**
 * The `DispatchedReply` behind an exchange (a `Turn`'s, a transport's) made through a
 * `KitTransport`; undefined for any other exchange, or a request refused with 400.
 */
export function dispatchedOf(exchange: KitExchange | undefined): DispatchedReply | undefined {
  return exchange?.dispatched;
}

/**
 * Delivers the simulator's webhook calls in-process, through a `HandlerTestKit`: the real
 * dispatch path (request contract check, routing, deadline and abort signal, fault replies,
 * reply check) without HTTP. `global` sends like the global URL (`kit.send`), routed by
 * `flow.last_question_id`; `per-question` like the active question's URL
 * (`kit.sendToQuestion`). Each call comes back as the service would answer it: status 200
 * with the reply as the body (its JSON, as it goes on the wire), the `DispatchedReply`
 * kept beside it (`exchange.dispatched`, `transport.exchanges`). A request the service
 * would refuse comes back as its 400.
 *
 * Get one with `kit.transport(mode?)`, or `kit.chatbot(name).transport(mode?)` for a
 * chatbot's own URLs (`/chatbots/{name}/webhook...`). Without a mode it serves the global URL
 * and follows a conversation file's `mode` when `runFlow` is given it (`forMode`); with one,
 * it keeps it. A call for a chatbot the kit does not serve, answered 404 by its
 * `unknownChatbot`, comes back as that 404 (its `dispatched` kept).
 */
export class KitTransport implements WebhookTransport {
  readonly mode: UrlMode;
  /** The chatbot whose URLs it posts to, and its website id (a kit's chatbot's transport). */
  readonly chatbot: TargetChatbot | undefined;
  readonly #kit: KitDispatch;
  readonly #webhookPath: string;
  readonly #bound: boolean;
  readonly #exchanges: KitExchange[];

  /**
   * @param kit the kit to dispatch through
   * @param mode the URL style; without it, `global`, and `forMode` may pick another
   * @param exchanges where calls are kept (a transport made by `forMode` shares its origin's)
   */
  constructor(kit: KitDispatch, mode?: UrlMode, exchanges: KitExchange[] = []) {
    this.#kit = kit;
    this.chatbot =
      kit.name === undefined
        ? undefined
        : { name: kit.name, ...(kit.websiteId === undefined ? {} : { websiteId: kit.websiteId }) };
    this.#webhookPath = kit.name === undefined ? '/webhook' : `/chatbots/${kit.name}/webhook`;
    this.mode = mode ?? 'global';
    this.#bound = mode !== undefined;
    this.#exchanges = exchanges;
  }

  /** Every call made through this transport (and those made for it by `forMode`), in order. */
  get exchanges(): readonly KitExchange[] {
    return this.#exchanges;
  }

  /** The `DispatchedReply` of the last call that reached the dispatcher. */
  get lastDispatched(): DispatchedReply | undefined {
    return this.#exchanges.findLast((exchange) => exchange.dispatched)?.dispatched;
  }

  describe(): string {
    return this.mode === 'per-question'
      ? `the handler test kit, in-process: ${this.#webhookPath}/questions/{id}`
      : `the handler test kit, in-process: ${this.#webhookPath}`;
  }

  /** This transport for another URL style, unless it was made for one (then itself). */
  forMode(mode: UrlMode): WebhookTransport {
    if (this.#bound || mode === this.mode) return this;
    return new KitTransport(this.#kit, mode, this.#exchanges);
  }

  async post(request: WebhookRequestDto, questionId: number | undefined): Promise<KitExchange> {
    const path =
      this.mode === 'per-question' && questionId !== undefined
        ? `${this.#webhookPath}/questions/${questionId}`
        : this.#webhookPath;
    const exchange: KitExchange = { url: path, path, questionId, request, durationMs: 0 };
    this.#exchanges.push(exchange);
    let dispatched: DispatchedReply;
    try {
      // No await before the dispatch: its deadline timer starts within this call, so a test
      // with fake timers can advance them right after the visitor's message.
      dispatched =
        this.mode === 'per-question' && questionId !== undefined
          ? await this.#kit.sendToQuestion(questionId, request)
          : await this.#kit.send(request);
    } catch (error) {
      if (!(error instanceof InvalidTestRequestError)) throw error;
      exchange.status = 400;
      exchange.statusText = 'Bad Request';
      exchange.body = {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body does not match the Cliengo webhook contract',
        fields: error.fields,
      };
      exchange.failure = { kind: 'http-status', message: 'HTTP 400 Bad Request' };
      return exchange;
    }
    exchange.dispatched = dispatched;
    exchange.durationMs = dispatched.durationMs;
    if (dispatched.status === 404 && dispatched.unserved !== undefined) {
      exchange.status = 404;
      exchange.statusText = 'Not Found';
      exchange.body = {
        statusCode: 404,
        message: UNSERVED_MESSAGES[dispatched.unserved],
        error: 'Not Found',
      };
      exchange.failure = { kind: 'http-status', message: 'HTTP 404 Not Found' };
      return exchange;
    }
    exchange.status = 200;
    exchange.statusText = 'OK';
    // The body as it goes on the wire: the reply's JSON.
    exchange.body = JSON.parse(JSON.stringify(dispatched.reply)) as unknown;
    return exchange;
  }
}
