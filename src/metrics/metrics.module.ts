import { type DynamicModule, Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { WebhookMetrics } from './webhook.metrics.js';

/** Prometheus metrics; `/metrics` is served when `enabled`. Counting happens either way. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: { enabled: boolean }): DynamicModule {
    return {
      module: MetricsModule,
      controllers: options.enabled ? [MetricsController] : [],
      providers: [WebhookMetrics],
      exports: [WebhookMetrics],
    };
  }
}
