import type {
  DynamicModule,
  ForwardReference,
  InjectionToken,
  Provider,
  Type,
} from '@nestjs/common';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import type { ChatbotSettings, UnknownChatbotAnswer } from '../../chatbots/chatbot.js';
import { Chatbots } from '../../chatbots/chatbots.js';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import { DEFAULT_HANDLER_TIMEOUT_MS } from '../../webhook/webhook.options.js';
import { HandlerRegistry } from '../../webhook/handler.registry.js';
import { InvalidRequestException } from '../../webhook/invalid-request.exception.js';
import { unservedResult, WebhookDispatcher } from '../../webhook/webhook.dispatcher.js';
import { WebhookModule } from '../../webhook/webhook.module.js';
import { WebhookRequestPipe } from '../../webhook/webhook-request.pipe.js';
import type { FlowDefinition } from '../simulator/flow-file.js';
import { type FlowResult, runFlow, runFlowFile, type RunFlowOptions } from '../simulator/runner.js';
import type { UrlMode } from '../simulator/webhook-client.js';
import { CLIENGO_SAMPLE } from '../shared/cliengo-values.js';
import { type ConversationOptions, ConversationTest } from './conversation-test.js';
import { DispatchedReply } from './dispatched-reply.js';
import { InvalidTestRequestError } from './invalid-test-request.error.js';
import { KitChatbot } from './kit-chatbot.js';
import { KitTransport } from './kit-transport.js';
import { WebhookRequestBuilder } from './webhook-request.builder.js';

/** A module the kit imports: a class, a dynamic module, or a forward reference. */
export type KitImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** Replaces a provider of the imported modules, e.g. an external API with a fake. */
export type ProviderOverride =
  | { provide: InjectionToken; useValue: unknown }
  | { provide: InjectionToken; useClass: Type<unknown> }
  | {
      provide: InjectionToken;
      useFactory: (...args: never[]) => unknown;
      inject?: InjectionToken[];
    };

/** What the kit's testing module is built from. */
export interface HandlerTestKitOptions {
  /** Modules that provide the handlers under test (and what they need). */
  imports?: KitImport[];
  /** Extra providers: handlers declared in the test, services they need. */
  providers?: Provider[];
  /** Providers of the imported modules to replace (`overrideProvider`). */
  overrides?: ProviderOverride[];
  /**
   * The default handler deadline in milliseconds (`HANDLER_TIMEOUT_MS`). A handler's own
   * `timeoutMs` still wins, as in production: see `deadlineOf(questionId)`. Default: 3000.
   */
  handlerTimeoutMs?: number;
  /**
   * The chatbots the kit serves (`CHATBOTS`), so that handlers and dialogs declared for one
   * (`{ chatbot: 'autos' }`) register: `send` then routes by the request's `websiteId`, as
   * the global URL does, and `chatbot(name)` sends to a chatbot's own URLs. Their
   * `accessTokens` are not used (the kit sends no HTTP). Default: none, as without `CHATBOTS`.
   */
  chatbots?: readonly ChatbotSettings[];
  /**
   * How a call for a chatbot the kit does not serve is answered (`UNKNOWN_CHATBOT`):
   * `pass-through` (default) `{}`; `404`, the `DispatchedReply`'s `status` is 404 (and a
   * transport's exchange a 404, as the simulator would get it). Either way its outcome is
   * `unknown-chatbot` and no handler runs.
   */
  unknownChatbot?: UnknownChatbotAnswer;
  /** Last changes to the testing module builder, for anything the options do not cover. */
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/** The request a test gives: built, or a builder. */
export type KitRequest = WebhookRequestDto | WebhookRequestBuilder;

/**
 * How the kit plays a conversation file: its URL style, the requests' `websiteId` (on the
 * global URL, it picks the chatbot), and where the transcript goes.
 */
export type PlayFlowOptions = Pick<
  RunFlowOptions,
  'mode' | 'websiteId' | 'write' | 'style' | 'verbose'
>;

/**
 * Runs handlers through the real dispatch path, in-process, without HTTP: the request is
 * checked against the request contract as the service checks it, routed like the global
 * URL (`send`) or a per-question URL (`sendToQuestion`), run under the handler's deadline
 * with its abort signal, and the reply is checked against the response contract. Each call
 * comes back as a `DispatchedReply`: the reply as it would go on the wire (the handler's
 * fault reply, when it has `onFault` and faulted) and the outcome (replied, fallback,
 * pass-through, timeout, error, invalid-reply).
 *
 * A kit with `chatbots` routes as a deployment serving them: `send` and `sendToQuestion`
 * by the request's `websiteId` (`webhookRequest().websiteId(...)`), `chatbot(name)` on a
 * chatbot's own URLs; a call for no chatbot served comes back with the outcome
 * `unknown-chatbot`.
 *
 * Whole conversations run through it too: `conversation(options)` (the simulator playing
 * Cliengo against these handlers, each reply applied between turns), `playFlowFile(file)`
 * (a conversation file), both over `transport(mode?)`.
 *
 * ```ts
 * const kit = await HandlerTestKit.create({
 *   imports: [ExamplesModule],
 *   overrides: [{ provide: MemberDirectory, useValue: fakeDirectory }],
 * });
 * const reply = await kit.sendToQuestion(7, webhookRequest().visitorSays('30.123.456'));
 * expectReply(reply).toSetCustom({ member_status: 'active' });
 * await kit.close();
 * ```
 */
export class HandlerTestKit {
  readonly #dispatcher: WebhookDispatcher;
  readonly #registry: HandlerRegistry;
  readonly #chatbots: Chatbots;
  readonly #pipe = new WebhookRequestPipe();

  private constructor(
    /** The testing module: `kit.module.get(...)` reaches any provider. */
    readonly module: TestingModule,
  ) {
    this.#dispatcher = module.get(WebhookDispatcher, { strict: false });
    this.#registry = module.get(HandlerRegistry, { strict: false });
    this.#chatbots = module.get(Chatbots, { strict: false });
  }

  /**
   * Builds and initialises a testing module with `WebhookModule.forRoot(...)` and the given
   * modules and providers; the handlers are registered as at boot (a registration problem
   * rejects here, as it would stop the service).
   */
  static async create(options: HandlerTestKitOptions = {}): Promise<HandlerTestKit> {
    const timeoutMs = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
    const webhook = WebhookModule.forRoot({
      handlerTimeoutMs: timeoutMs,
      // No HTTP, so no tokens: a chatbot's own would only trip the check of tokens.
      chatbots: (options.chatbots ?? []).map(({ accessTokens: _tokens, ...chatbot }) => chatbot),
      unknownChatbot: options.unknownChatbot,
    });
    let builder = Test.createTestingModule({
      imports: [webhook, ...(options.imports ?? [])],
      providers: options.providers ?? [],
    });
    for (const override of options.overrides ?? []) {
      const target = builder.overrideProvider(override.provide);
      if ('useValue' in override) builder = target.useValue(override.useValue);
      else if ('useClass' in override) builder = target.useClass(override.useClass);
      else {
        builder = target.useFactory({
          factory: override.useFactory as (...args: unknown[]) => unknown,
          inject: override.inject,
        });
      }
    }
    if (options.configure) builder = options.configure(builder);
    const module = await builder.compile();
    try {
      await module.init();
    } catch (error) {
      await module.close().catch(() => undefined);
      throw error;
    }
    return new HandlerTestKit(module);
  }

  /** A provider of the testing module (e.g. a fake, to inspect what the handler did with it). */
  get<T>(token: InjectionToken<T> | Type<T>): T {
    return this.module.get<T>(token, { strict: false });
  }

  /**
   * Sends a request as to the global URL: routed by `flow.last_question_id`; in a kit with
   * `chatbots`, for the chatbot of the request's `websiteId`.
   */
  async send(request: KitRequest): Promise<DispatchedReply> {
    // No await before the dispatch: its deadline timer starts within this call, so a test
    // with fake timers can advance them right after calling.
    const wire = this.#wire(request);
    return this.#dispatch(wire, wire.flow?.last_question_id ?? undefined);
  }

  /**
   * Sends a request as to the per-question URL of `questionId`, whatever its flow says; in a
   * kit with `chatbots`, for the chatbot of the request's `websiteId`.
   */
  async sendToQuestion(questionId: number, request: KitRequest): Promise<DispatchedReply> {
    return this.#dispatch(this.#wire(request), questionId);
  }

  /**
   * A chatbot as its own URLs reach it (`/chatbots/{name}/webhook...`): send, play and look up
   * handlers and deadlines as that chatbot (see `KitChatbot`).
   */
  chatbot(name: string): KitChatbot {
    const served = this.#chatbots.route(name, undefined);
    const chatbot = served.served ? served.chatbot : undefined;
    const handler = (questionId: number | undefined) =>
      chatbot ? this.#registry.resolve(questionId, chatbot.name) : undefined;
    return new KitChatbot(name, {
      websiteId: chatbot?.websiteId,
      send: async (request, questionId) => {
        const wire = this.#wire(request, chatbot?.websiteId);
        return this.#dispatch(wire, questionId ?? wire.flow?.last_question_id ?? undefined, name);
      },
      handlerFor: (questionId) => handler(questionId)?.name,
      deadlineOf: (questionId) => {
        const found = handler(questionId);
        return found ? this.#dispatcher.timeoutOf(found, chatbot) : undefined;
      },
    });
  }

  /**
   * The class name of the handler that answers a question (its own, else the fallback): of
   * the shared handlers (a chatbot's: `kit.chatbot(name).handlerFor(questionId)`).
   */
  handlerFor(questionId: number | undefined): string | undefined {
    return this.#registry.resolve(questionId)?.name;
  }

  /**
   * The deadline a question's handler runs under, in milliseconds: its own `timeoutMs`,
   * else the kit's default; undefined when no handler answers the question. Useful to
   * advance fake timers exactly past it. Of the shared handlers (a chatbot's, under its
   * `handlerTimeoutMs`: `kit.chatbot(name).deadlineOf(questionId)`).
   */
  deadlineOf(questionId: number | undefined): number | undefined {
    const handler = this.#registry.resolve(questionId);
    return handler ? this.#dispatcher.timeoutOf(handler) : undefined;
  }

  /**
   * A webhook transport that posts in-process through this kit, for the simulator and for
   * `runFlow`: `global` sends like the global URL, `per-question` like the active
   * question's URL. Without a mode it serves the global URL, and `runFlow` makes it follow
   * the conversation file's `mode`.
   */
  transport(mode?: UrlMode): KitTransport {
    return new KitTransport(this, mode);
  }

  /**
   * A whole conversation in-process: the simulator plays its script (by default a minimal
   * one of the `startAt` question) against this kit's handlers, applying each reply as
   * Cliengo does. Drive it (`start()`, `await visitorSays(text)`) or chain its steps and
   * await them once (`.says(text).bot(...).memory({...})`): see `ConversationTest`.
   */
  conversation(options: ConversationOptions = {}): ConversationTest {
    return new ConversationTest(this, options);
  }

  /**
   * Plays a conversation (read with `loadFlowFile` or `parseFlow`) against this kit's
   * handlers with `runFlow`: its `mode`, else the file's, picks the URL style. The result's
   * `failure.message` is the diff of the first step that is not as expected.
   */
  playFlow(flow: FlowDefinition, options: PlayFlowOptions = {}): Promise<FlowResult> {
    return runFlow(flow, { ...options, transport: this.transport() });
  }

  /** Reads a conversation file and plays it against this kit's handlers (see `playFlow`). */
  playFlowFile(file: string, options: PlayFlowOptions = {}): Promise<FlowResult> {
    return runFlowFile(file, { ...options, transport: this.transport() });
  }

  /** Closes the testing module (runs the providers' shutdown hooks). */
  async close(): Promise<void> {
    await this.module.close();
  }

  /**
   * The request as it arrives over HTTP: JSON round trip, then the controller's contract
   * check. With a chatbot's website id, a request with the sample one carries the chatbot's.
   */
  #wire(request: KitRequest, websiteId?: string): WebhookRequestDto {
    const built = request instanceof WebhookRequestBuilder ? request.build() : request;
    const wire = JSON.parse(JSON.stringify(built)) as { websiteId?: unknown };
    if (websiteId !== undefined && wire.websiteId === CLIENGO_SAMPLE.websiteId) {
      wire.websiteId = websiteId;
    }
    try {
      return this.#pipe.transform(wire);
    } catch (error) {
      if (error instanceof InvalidRequestException) {
        const body = error.getResponse() as { message?: string; fields?: Record<string, string[]> };
        throw new InvalidTestRequestError(body.fields ?? { '(root)': [body.message ?? 'invalid'] });
      }
      throw error;
    }
  }

  /**
   * Routes the call as the service does (on a chatbot's URL when `chatbotName` is given, else
   * on the global one), then dispatches it; a call for no chatbot served is not dispatched.
   */
  async #dispatch(
    request: WebhookRequestDto,
    questionId: number | undefined,
    chatbotName?: string,
  ): Promise<DispatchedReply> {
    const route = this.#chatbots.route(chatbotName, request.websiteId);
    if (!route.served) {
      const status = this.#chatbots.unknownAnswer === '404' ? 404 : 200;
      return new DispatchedReply(
        unservedResult(request, questionId, route.reason),
        request,
        status,
      );
    }
    const result = await this.#dispatcher.dispatch(request, questionId, { chatbot: route.chatbot });
    return new DispatchedReply(result, request);
  }
}
