import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app.config.js';
import { HandlersModule } from './handlers/handlers.module.js';
import { WebhookModule } from './webhook/webhook.module.js';

/** The service: the webhook machinery plus the application's handlers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        WebhookModule.forRoot({ handlerTimeoutMs: config.handlerTimeoutMs }),
        HandlersModule,
      ],
    };
  }
}
