import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { answerSettings, configureAnswers } from '../answers/answer-settings.js';
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
@Module({})
export class WebhookModule {
  static forRoot(options: Partial<WebhookModuleOptions> = {}): DynamicModule {
    const resolved: WebhookModuleOptions = {
      handlerTimeoutMs: options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
      accessTokens: options.accessTokens ?? [],
      answers: options.answers ?? {},
    };
    return {
      module: WebhookModule,
      // Global: health and metrics read the registry; test kits use the dispatcher; the app
      // setup's gate checks the same tokens as the webhook guard.
      global: true,
      imports: [DiscoveryModule],
      controllers: [WebhookController],
      providers: [
        { provide: WEBHOOK_OPTIONS, useValue: resolved },
        {
          provide: ANSWER_SETTINGS,
          // The parsers are plain functions: their defaults are set once, at boot.
          useFactory: () => {
            configureAnswers(resolved.answers);
            return answerSettings();
          },
        },
        { provide: AccessTokens, useValue: new AccessTokens(resolved.accessTokens) },
        HandlerRegistry,
        HandlerExplorer,
        WebhookDispatcher,
      ],
      exports: [HandlerRegistry, WebhookDispatcher, AccessTokens, ANSWER_SETTINGS],
    };
  }
}
