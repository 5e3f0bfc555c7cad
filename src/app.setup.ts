import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from './config/app.config.js';
import { HttpErrorFilter } from './http-error.filter.js';

/**
 * Configures an application the same way everywhere: `main.ts`, the OpenAPI generator and
 * the e2e tests all call this, so they cannot drift apart.
 */
export function configureApp(
  app: NestExpressApplication,
  config: AppConfig,
): NestExpressApplication {
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  return app;
}
