import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { AdmissionModule } from './admission/admission.module.js';
import type { AppConfig } from './config/app.config.js';
import { HandlersModule } from './handlers/handlers.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { WebhookModule } from './webhook/webhook.module.js';

/** What an application is built with besides its settings. */
export interface AppModuleOptions {
  /** The modules that provide the handlers. Default: `HandlersModule` (yours, with the examples). */
  handlers?: Array<Type<unknown> | DynamicModule>;
}

/**
 * The service: the webhook machinery, admission (load shedding), health, metrics, and the
 * application's handlers.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        WebhookModule.forRoot({
          handlerTimeoutMs: config.handlerTimeoutMs,
          accessTokens: config.accessTokens,
          answers: {
            locale: config.answerLocale,
            country: config.answerCountry,
            timeZone: config.timeZone,
          },
        }),
        AdmissionModule.forRoot({
          maxInFlight: config.maxInFlight,
          maxEventLoopLagMs: config.maxEventLoopLagMs,
          overloadResponse: config.overloadResponse,
        }),
        HealthModule,
        MetricsModule.forRoot({ enabled: config.metricsEnabled }),
        ...(options.handlers ?? [HandlersModule]),
      ],
    };
  }
}
