import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from './config/app.config.js';
import { buildOpenApiDocument, DOCS_PATH } from './openapi/openapi.document.js';
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
  if (config.docsEnabled) {
    SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
      jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
      yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml`,
    });
  }
  return app;
}
