import { Controller, Get, Header, Inject, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics.options.js';
import { WebhookMetrics } from './webhook.metrics.js';

/** Prometheus scrape endpoint. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: WebhookMetrics,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  async scrape(): Promise<string> {
    // Switched off: answered as a route that does not exist.
    if (!this.options.enabled) throw new NotFoundException('Cannot GET /metrics');
    return this.metrics.registry.metrics();
  }
}
