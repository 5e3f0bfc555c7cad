import type {
  DynamicModule,
  ForwardReference,
  InjectionToken,
  Provider,
  Type,
} from '@nestjs/common';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import { DEFAULT_HANDLER_TIMEOUT_MS } from '../../webhook/webhook.options.js';
import { HandlerRegistry } from '../../webhook/handler.registry.js';
import { InvalidRequestException } from '../../webhook/invalid-request.exception.js';
import { WebhookDispatcher } from '../../webhook/webhook.dispatcher.js';
import { WebhookModule } from '../../webhook/webhook.module.js';
import { WebhookRequestPipe } from '../../webhook/webhook-request.pipe.js';
import type { FlowDefinition } from '../simulator/flow-file.js';
import { type FlowResult, runFlow, runFlowFile, type RunFlowOptions } from '../simulator/runner.js';
import type { UrlMode } from '../simulator/webhook-client.js';
import { type ConversationOptions, ConversationTest } from './conversation-test.js';
import { DispatchedReply } from './dispatched-reply.js';
import { InvalidTestRequestError } from './invalid-test-request.error.js';
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
  /** Last changes to the testing module builder, for anything the options do not cover. */
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/** The request a test gives: built, or a builder. */
export type KitRequest = WebhookRequestDto | WebhookRequestBuilder;

/** How the kit plays a conversation file: its URL style, and where the transcript goes. */
export type PlayFlowOptions = Pick<RunFlowOptions, 'mode' | 'write' | 'style' | 'verbose'>;

/**
 * Runs handlers through the real dispatch path, in-process, without HTTP: the request is
 * checked against the request contract as the service checks it, routed like the global
 * URL (`send`) or a per-question URL (`sendToQuestion`), run under the handler's deadline
 * with its abort signal, and the reply is checked against the response contract. Each call
 * comes back as a `DispatchedReply`: the reply as it would go on the wire (the handler's
 * fault reply, when it has `onFault` and faulted) and the outcome (replied, fallback,
 * pass-through, timeout, error, invalid-reply).
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
  readonly #timeoutMs: number;
  readonly #pipe = new WebhookRequestPipe();

  private constructor(
    /** The testing module: `kit.module.get(...)` reaches any provider. */
    readonly module: TestingModule,
    timeoutMs: number,
  ) {
    this.#dispatcher = module.get(WebhookDispatcher, { strict: false });
    this.#registry = module.get(HandlerRegistry, { strict: false });
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Builds and initialises a testing module with `WebhookModule.forRoot(...)` and the given
   * modules and providers; the handlers are registered as at boot (a registration problem
   * rejects here, as it would stop the service).
   */
  static async create(options: HandlerTestKitOptions = {}): Promise<HandlerTestKit> {
    const timeoutMs = options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
    let builder = Test.createTestingModule({
      imports: [WebhookModule.forRoot({ handlerTimeoutMs: timeoutMs }), ...(options.imports ?? [])],
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
    return new HandlerTestKit(module, timeoutMs);
  }

  /** A provider of the testing module (e.g. a fake, to inspect what the handler did with it). */
  get<T>(token: InjectionToken<T> | Type<T>): T {
    return this.module.get<T>(token, { strict: false });
  }

  /** Sends a request as to the global URL: routed by `flow.last_question_id`. */
  async send(request: KitRequest): Promise<DispatchedReply> {
    // No await before the dispatch: its deadline timer starts within this call, so a test
    // with fake timers can advance them right after calling.
    const wire = this.#wire(request);
    return this.#dispatch(wire, wire.flow?.last_question_id ?? undefined);
  }

  /** Sends a request as to the per-question URL of `questionId`, whatever its flow says. */
  async sendToQuestion(questionId: number, request: KitRequest): Promise<DispatchedReply> {
    return this.#dispatch(this.#wire(request), questionId);
  }

  /** The class name of the handler that answers a question (its own, else the fallback). */
  handlerFor(questionId: number | undefined): string | undefined {
    return this.#registry.resolve(questionId)?.name;
  }

  /**
   * The deadline a question's handler runs under, in milliseconds: its own `timeoutMs`,
   * else the kit's default; undefined when no handler answers the question. Useful to
   * advance fake timers exactly past it.
   */
  deadlineOf(questionId: number | undefined): number | undefined {
    const handler = this.#registry.resolve(questionId);
    return handler ? (handler.timeoutMs ?? this.#timeoutMs) : undefined;
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

  /** The request as it arrives over HTTP: JSON round trip, then the controller's contract check. */
  #wire(request: KitRequest): WebhookRequestDto {
    const built = request instanceof WebhookRequestBuilder ? request.build() : request;
    const wire = JSON.parse(JSON.stringify(built)) as unknown;
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

  async #dispatch(
    request: WebhookRequestDto,
    questionId: number | undefined,
  ): Promise<DispatchedReply> {
    const result = await this.#dispatcher.dispatch(request, questionId);
    return new DispatchedReply(result, request);
  }
}
