import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream, Logger } from 'pino';
import { CLIENGO_SETTINGS } from './cliengo-fulfillment.module.js';
import type { AppConfig } from './config/app.config.js';
import { HttpErrorFilter } from './http-error.filter.js';
import { createHttpLogger, createLogger, stdoutLogDestination } from './logging/http-logger.js';
import { PinoNestLogger } from './logging/pino-nest.logger.js';
import { WebhookMetrics } from './metrics/webhook.metrics.js';
import { buildOpenApiDocument, DOCS_PATH } from './openapi/openapi.document.js';
import { AccessTokens } from './security/access-tokens.js';
import { WebhookAdmission } from './admission/webhook-admission.js';
import { webhookGate } from './security/webhook-gate.middleware.js';
import { originFormTargets } from './http/origin-form.js';
import { settleUnreadBodies } from './http/early-response.js';
import { activeWebhookTracing } from './tracing/tracing.js';

export interface AppSetupOptions {
  /** Where log lines go. Default: standard output. */
  logDestination?: DestinationStream;
  /** The logger, when the application made it already (writing to `logDestination`). */
  logger?: Logger;
}

/**
 * Configures an application the same way everywhere: `startService`, the OpenAPI generator,
 * the e2e tests and an app of your own all call this, so they cannot drift apart. Create the
 * app with `new ExpressServerAdapter()` and `bodyParser: false` (the gate reads webhook
 * bodies itself); `settings` default to those `CliengoFulfillmentModule` was given. The order of the middleware is
 * the order a request meets it: the request target in origin form (the path the router
 * will see), request log, the webhook call's span (when `startTracing` has started tracing),
 * the webhook gate (access token and content type before any byte
 * of the body is read, then the body within its size limit), the span's context entered,
 * then the routes (the webhook guard checks the token again where routing has decided).
 */
export function configureApp(
  app: NestExpressApplication,
  settings?: AppConfig,
  options: AppSetupOptions = {},
): NestExpressApplication {
  const config = settings ?? app.get<AppConfig>(CLIENGO_SETTINGS);
  const destination = options.logDestination ?? stdoutLogDestination(config);
  const logger = options.logger ?? createLogger(config, destination);
  const metrics = app.get(WebhookMetrics);
  metrics.observeLogDrops(() => (destination as { droppedLines?: number }).droppedLines ?? 0);
  app.useLogger(new PinoNestLogger(logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // No answer here is revalidated by a cache (webhook replies and errors answer POSTs; probes
  // and scrapes want fresh data): hashing each one for an ETag is waste. The webhook's own
  // replies are written by `sendJson`, which sends none either.
  app.set('etag', false);
  app.use(originFormTargets);
  app.use(createHttpLogger(config, logger));
  // Only when tracing was started (`startTracing`): without it, nothing of it is on the path.
  const spans = activeWebhookTracing()?.middleware(config.pathPrefix);
  if (spans) app.use(spans.start);
  app.use(
    webhookGate({
      pathPrefix: config.pathPrefix,
      tokens: app.get(AccessTokens),
      bodyLimit: config.bodyLimitBytes,
      admission: app.get(WebhookAdmission),
    }),
  );
  if (spans) app.use(spans.enter);
  // Webhook bodies are read by the gate; this parser is for any other route an application adds.
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  // Probes and scrapes reach the pod directly, not through the gateway: no prefix for them.
  if (config.pathPrefix) {
    app.setGlobalPrefix(config.pathPrefix, { exclude: ['health/live', 'health/ready', 'metrics'] });
  }
  app.useGlobalFilters(new HttpErrorFilter(metrics));

  const server = app.getHttpServer();
  settleUnreadBodies(server, app.getHttpAdapter().getInstance().response);
  // Longer than a gateway's idle timeout, so the gateway closes idle connections, not us.
  server.keepAliveTimeout = config.keepAliveTimeoutMs;
  // A client that takes longer to send its request is answered 408 and cut off. Node counts
  // both from the request's first byte, so idle keep-alive connections are not affected; it
  // looks at its connections every `connectionsCheckingInterval` (set before listening).
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  (server as typeof server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    Math.min(1_000, Math.ceil(config.headersTimeoutMs / 4));
  // Each open connection holds memory: past the cap, new ones are closed as they come.
  server.maxConnections = config.maxConnections;

  if (config.docsEnabled) {
    SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
      useGlobalPrefix: true,
      jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
      yamlDocumentUrl: `${DOCS_PATH}/openapi.yaml`,
    });
  }
  if (!app.get(AccessTokens).enabled) {
    logger.warn(
      { context: 'Security' },
      'ACCESS_TOKENS is not set: the webhook answers anyone who can reach it',
    );
  }
  return app;
}
