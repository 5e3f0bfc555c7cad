import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { HandlerRegistry } from '../webhook/handler.registry.js';
import { LifecycleState } from './lifecycle.state.js';

/**
 * Liveness: the process answers. Readiness: the handler registry is built and the service
 * is not shutting down (503 otherwise, so a gateway or Kubernetes stops sending traffic).
 */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: LifecycleState,
    private readonly handlers: HandlerRegistry,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => {
        const check = this.indicators.check('webhook');
        if (this.lifecycle.shuttingDown) return check.down({ message: 'shutting down' });
        return check.up({ handledQuestions: this.handlers.questionIds().length });
      },
    ]);
  }
}
