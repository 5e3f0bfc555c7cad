import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import {
  type AnswerSettings,
  answerSettings,
  configureAnswers,
} from '../answers/answer-settings.js';
import { Chatbots } from '../chatbots/chatbots.js';
import { AccessTokens } from '../security/access-tokens.js';
import { HandlerExplorer } from './handler.explorer.js';
import { HandlerRegistry } from './handler.registry.js';
import { WebhookController } from './webhook.controller.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';
import {
  DEFAULT_HANDLER_TIMEOUT_MS,
  ANSWER_SETTINGS,
  WEBHOOK_OPTIONS,
  type WebhookModuleOptions,
} from './webhook.options.js';

/**
 * The webhook machinery: controller, contract checks, handler discovery and dispatch.
 * Handlers live in the application's own modules; this module finds them at boot.
 */
/** Options of the webhook machinery made by a factory, e.g. from a configuration service. */
export interface WebhookModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (
    ...args: never[]
  ) => Partial<WebhookModuleOptions> | Promise<Partial<WebhookModuleOptions>>;
}

function resolved(options: Partial<WebhookModuleOptions>): WebhookModuleOptions {
  return {
    handlerTimeoutMs: options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
    accessTokens: options.accessTokens ?? [],
    answers: options.answers ?? {},
    chatbots: options.chatbots ?? [],
    unknownChatbot: options.unknownChatbot ?? 'pass-through',
  };
}

@Module({})
export class WebhookModule {
  /** The webhook machinery with these options. */
  static forRoot(options: Partial<WebhookModuleOptions> = {}): DynamicModule {
    return WebhookModule.forRootAsync({ useFactory: () => options });
  }

  /** The webhook machinery with options made at boot by a factory. */
  static forRootAsync(options: WebhookModuleAsyncOptions): DynamicModule {
    const factory = options.useFactory as (...args: unknown[]) => unknown;
    return {
      module: WebhookModule,
      // Global: health and metrics read the registry; test kits use the dispatcher; the app
      // setup's gate checks the same tokens as the webhook guard.
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      controllers: [WebhookController],
      providers: [
        {
          provide: WEBHOOK_OPTIONS,
          useFactory: async (...args: unknown[]) =>
            resolved((await factory(...args)) as Partial<WebhookModuleOptions>),
          inject: options.inject ?? [],
        },
        {
          provide: ANSWER_SETTINGS,
          // The parsers are plain functions: their defaults are set once, at boot.
          useFactory: (webhook: WebhookModuleOptions) => {
            configureAnswers(webhook.answers);
            return answerSettings();
          },
          inject: [WEBHOOK_OPTIONS],
        },
        {
          provide: Chatbots,
          useFactory: (webhook: WebhookModuleOptions, answers: AnswerSettings) =>
            new Chatbots({
              chatbots: webhook.chatbots,
              accessTokens: webhook.accessTokens,
              unknownChatbot: webhook.unknownChatbot,
              answers,
            }),
          inject: [WEBHOOK_OPTIONS, ANSWER_SETTINGS],
        },
        {
          provide: AccessTokens,
          useFactory: (webhook: WebhookModuleOptions, chatbots: Chatbots) =>
            new AccessTokens(webhook.accessTokens, chatbots.tokens()),
          inject: [WEBHOOK_OPTIONS, Chatbots],
        },
        HandlerRegistry,
        HandlerExplorer,
        WebhookDispatcher,
      ],
      exports: [
        HandlerRegistry,
        WebhookDispatcher,
        AccessTokens,
        Chatbots,
        ANSWER_SETTINGS,
        WEBHOOK_OPTIONS,
      ],
    };
  }
}
