import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { PACKAGE_VERSION } from '../package-info.js';
import { HandlerRegistry } from '../webhook/handler.registry.js';
import { LifecycleState } from './lifecycle.state.js';

/** A health answer: Terminus' report, and the version of the service that gives it. */
export type HealthAnswer = HealthCheckResult & { version: string };

/**
 * Liveness: the process answers. Readiness: the handler registry is built and the service
 * is not shutting down (503 otherwise, so a gateway or Kubernetes stops sending traffic).
 * Both say the service's version (`version`, package.json's), in a 503 too, so a rollout can
 * be followed pod by pod.
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
  live(): Promise<HealthAnswer> {
    return withVersion(this.health.check([]));
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthAnswer> {
    return withVersion(
      this.health.check([
        () => {
          const check = this.indicators.check('webhook');
          if (this.lifecycle.shuttingDown) return check.down({ message: 'shutting down' });
          return check.up({ handledQuestions: this.handlers.questionIds().length });
        },
      ]),
    );
  }
}

/** The report with the version; a failed check's 503 carries it as well. */
async function withVersion(report: Promise<HealthCheckResult>): Promise<HealthAnswer> {
  try {
    return { ...(await report), version: PACKAGE_VERSION };
  } catch (error) {
    const body = error instanceof ServiceUnavailableException ? error.getResponse() : undefined;
    if (typeof body === 'object' && body !== null) {
      throw new ServiceUnavailableException({ ...body, version: PACKAGE_VERSION });
    }
    throw error;
  }
}
