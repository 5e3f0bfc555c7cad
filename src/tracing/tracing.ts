import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { loadConfig } from '../config/app.config.js';
import { createLogger } from '../logging/http-logger.js';
import { tracingSettings } from './tracing.settings.js';

/** The process's tracing, once started. */
export interface Tracing {
  /**
   * Ends tracing: the spans still waiting are exported (each exporter within its own
   * timeout), the instrumentation of outgoing calls is removed and OpenTelemetry's globals
   * are released. Webhook calls answered afterwards are not traced.
   */
  shutdown(): Promise<void>;
}

/** `startTracing(...)`: where the tracing's own lines go. */
export interface StartTracingOptions {
  /**
   * The logger of the tracing's own lines: OpenTelemetry's diagnostics (a collector that
   * cannot be reached, at `warn` and `error`) and, with the `console` exporter, the spans.
   * Default: the service's JSON log on standard output, at `LOG_LEVEL`.
   */
  logger?: Logger;
}

/** What the app setup installs when tracing is on: the span of each webhook call. */
export interface WebhookTracing {
  /**
   * The middleware that give each webhook call its span (routes under `pathPrefix`): `start`
   * before the webhook gate, `enter` after it.
   */
  middleware(pathPrefix: string): { start: RequestHandler; enter: RequestHandler };
}

/** The tracing started in this process, as OpenTelemetry's own registration is per process. */
let started: { tracing: Tracing; webhooks: WebhookTracing } | undefined;

/** The webhook tracing of the process, when tracing was started. */
export function activeWebhookTracing(): WebhookTracing | undefined {
  return started?.webhooks;
}

/** Records (or, with undefined, forgets) the tracing started in this process. */
export function setStartedTracing(
  value: { tracing: Tracing; webhooks: WebhookTracing } | undefined,
): void {
  started = value;
}

/**
 * Starts OpenTelemetry tracing when the environment asks for it (see `tracingSettings`:
 * `OTEL_TRACES_EXPORTER`, or an OTLP endpoint), and returns it; else returns undefined, and
 * nothing of OpenTelemetry is loaded. Once started, every webhook call of an app that
 * `configureApp` sets up afterwards gets a span (a child of the gateway's `traceparent`),
 * the outgoing HTTP calls of its handler (`fetch`, `node:http`, `node:https`) child spans of
 * it, and its log line the ids of both. `startService` calls it; an app of your own calls
 * it before it creates its Nest app, and `shutdown()` when it stops. Called again, it
 * returns the tracing already started. A bad `OTEL_TRACES_EXPORTER` or protocol throws a
 * `ConfigError`.
 *
 * ```ts
 * const tracing = await startTracing();
 * const app = await NestFactory.create(AppModule, new ExpressServerAdapter(), { bodyParser: false });
 * configureApp(app);
 * ```
 */
export async function startTracing(
  options: StartTracingOptions = {},
): Promise<Tracing | undefined> {
  if (started) return started.tracing;
  // The OpenTelemetry SDK reads the rest of its configuration from the process environment.
  const settings = tracingSettings(process.env);
  if (!settings) return undefined;
  const logger = options.logger ?? createLogger(loadConfig({ LOG_LEVEL: process.env.LOG_LEVEL }));
  const { startTracingSdk } = await import('./tracing.sdk.js');
  return startTracingSdk(settings, { logger }).tracing;
}
