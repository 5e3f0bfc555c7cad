import { type DynamicModule, Global, type InjectionToken, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics.options.js';
import { WebhookMetrics } from './webhook.metrics.js';

/** The service's Prometheus metrics, and their scrape endpoint unless switched off. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return MetricsModule.forRootAsync({ useFactory: () => options });
  }

  /** Metrics with options made at boot by a factory. */
  static forRootAsync(options: {
    inject?: InjectionToken[];
    useFactory: (...args: never[]) => MetricsOptions;
  }): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        {
          provide: METRICS_OPTIONS,
          useFactory: options.useFactory as (...args: unknown[]) => MetricsOptions,
          inject: options.inject ?? [],
        },
        WebhookMetrics,
      ],
      exports: [WebhookMetrics],
    };
  }
}
