import type { FlowDefinition } from '../simulator/flow-file.js';
import { type FlowResult, runFlow, runFlowFile } from '../simulator/runner.js';
import type { UrlMode } from '../simulator/webhook-client.js';
import { type ConversationOptions, ConversationTest } from './conversation-test.js';
import type { DispatchedReply } from './dispatched-reply.js';
import type { KitRequest, PlayFlowOptions } from './handler-test-kit.js';
import { KitTransport } from './kit-transport.js';

/** What a chatbot's view needs of its kit: made by the kit, not part of its API. */
export interface ChatbotRoutes {
  /** The configured chatbot's website id; undefined when the kit serves no chatbot of that name. */
  readonly websiteId: string | undefined;
  /** Sends to the chatbot's URL: its global one (`questionId` undefined: by the flow) or a question's. */
  send(request: KitRequest, questionId: number | undefined): Promise<DispatchedReply>;
  handlerFor(questionId: number | undefined): string | undefined;
  deadlineOf(questionId: number | undefined): number | undefined;
}

/**
 * A chatbot of the kit, as its own URLs reach it (`/chatbots/{name}/webhook` and
 * `/chatbots/{name}/webhook/questions/{id}`): what `kit.chatbot(name)` returns. It sends and
 * plays as the kit does, routed as the service routes those URLs: the chatbot's handler of
 * the question, else the shared one, else the chatbot's fallback, else the shared fallback;
 * under the chatbot's deadline and answer settings.
 *
 * Its requests carry the chatbot's website id, as Cliengo's would: a request with the
 * sample `websiteId` of `webhookRequest()` (none given) is sent with the chatbot's; any
 * other goes as it is (another chatbot's is answered as the service answers it, for no
 * chatbot served). A name the kit serves no chatbot of is answered as the service answers
 * it: outcome `unknown-chatbot`, `{}` (or 404).
 *
 * ```ts
 * const kit = await HandlerTestKit.create({
 *   chatbots: [{ name: 'autos', websiteId: 'w-autos' }, { name: 'motos', websiteId: 'w-motos' }],
 *   providers: [AutosModelQuestion, MotosModelQuestion],
 * });
 * const autos = kit.chatbot('autos');
 * expectReply(await autos.sendToQuestion(3, webhookRequest().visitorSays('sí'))).toSay(...);
 * await autos.conversation({ startAt: 3 }).says('sí').bot(...);
 * ```
 */
export class KitChatbot {
  /** The chatbot's name, as given (its URLs take it in any case, as the service's do). */
  readonly name: string;
  readonly #routes: ChatbotRoutes;

  /** Made by `kit.chatbot(name)`. */
  constructor(name: string, routes: ChatbotRoutes) {
    this.name = name;
    this.#routes = routes;
  }

  /** The chatbot's website id, as configured; undefined when the kit serves no chatbot of this name. */
  get websiteId(): string | undefined {
    return this.#routes.websiteId;
  }

  /** Sends a request as to the chatbot's global URL: routed by `flow.last_question_id`. */
  send(request: KitRequest): Promise<DispatchedReply> {
    return this.#routes.send(request, undefined);
  }

  /** Sends a request as to the chatbot's per-question URL of `questionId`, whatever its flow says. */
  sendToQuestion(questionId: number, request: KitRequest): Promise<DispatchedReply> {
    return this.#routes.send(request, questionId);
  }

  /**
   * The class name of the handler that answers a question for this chatbot: its own, the
   * shared one, its fallback, the shared fallback; undefined when none does.
   */
  handlerFor(questionId: number | undefined): string | undefined {
    return this.#routes.handlerFor(questionId);
  }

  /**
   * The deadline that handler runs under, in milliseconds, as the dispatcher sets it: the
   * handler's own `timeoutMs`, else the chatbot's `handlerTimeoutMs`, else the kit's default;
   * undefined when no handler answers the question.
   */
  deadlineOf(questionId: number | undefined): number | undefined {
    return this.#routes.deadlineOf(questionId);
  }

  /** A transport that posts in-process to the chatbot's URLs (see `kit.transport(mode?)`). */
  transport(mode?: UrlMode): KitTransport {
    return new KitTransport(this, mode);
  }

  /**
   * A whole conversation in-process with this chatbot (see `kit.conversation(options)`): its
   * requests go to the chatbot's URLs and carry its website id (unless `websiteId` says).
   */
  conversation(options: ConversationOptions = {}): ConversationTest {
    return new ConversationTest(this, options);
  }

  /** Plays a conversation against this chatbot's handlers (see `kit.playFlow`). */
  playFlow(flow: FlowDefinition, options: PlayFlowOptions = {}): Promise<FlowResult> {
    return runFlow(flow, { ...options, transport: this.transport() });
  }

  /** Reads a conversation file and plays it against this chatbot's handlers. */
  playFlowFile(file: string, options: PlayFlowOptions = {}): Promise<FlowResult> {
    return runFlowFile(file, { ...options, transport: this.transport() });
  }
}
