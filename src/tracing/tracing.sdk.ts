// Loaded only when tracing is on (see `startTracing`): every module of the OpenTelemetry SDK
// comes in through this one.
import { createRequire, syncBuiltinESMExports } from 'node:module';
import {
  context,
  diag,
  type DiagLogger,
  DiagLogLevel,
  propagation,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  type Resource,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { loggingErrorHandler, setGlobalErrorHandler } from '@opentelemetry/core';
import type { Logger } from 'pino';
import { serializeError } from '../logging/error-serializer.js';
import { describeThrown, isErrorLike } from '../logging/thrown-value.js';
import { PACKAGE_VERSION } from '../package-info.js';
import { SpanLogExporter } from './span-log.exporter.js';
import { setStartedTracing, type Tracing, type WebhookTracing } from './tracing.js';
import type { TracingSettings } from './tracing.settings.js';
import { webhookSpans } from './webhook-spans.js';

/** The service's name in traces unless `OTEL_SERVICE_NAME` or `OTEL_RESOURCE_ATTRIBUTES` say one. */
export const DEFAULT_SERVICE_NAME = 'cliengo-fulfillment';
/** The instrumentation scope of the webhook spans. */
const SCOPE = 'cliengo-fulfillment';

const DIAG_LEVELS: Record<string, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/** OpenTelemetry's diagnostics as JSON lines of the service's log (`context: "Tracing"`). */
function diagLogger(logger: Logger): DiagLogger {
  const write =
    (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') =>
    (message: string, ...args: unknown[]) => {
      const details = args.map((arg) => (isErrorLike(arg) ? serializeError(arg) : arg));
      logger[level]({ context: 'Tracing', ...(details.length > 0 ? { details } : {}) }, message);
    };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    verbose: write('trace'),
  };
}

/**
 * The resource of the spans: the host, the service's name and version (`cliengo-fulfillment`
 * and the package's version, unless the environment names the service: then its name and
 * whatever version it gives), and `OTEL_RESOURCE_ATTRIBUTES`.
 */
function serviceResource(): Resource {
  const named = envDetector.detect().attributes?.[ATTR_SERVICE_NAME] !== undefined;
  const detected = detectResources({ detectors: [hostDetector, envDetector] });
  return defaultResource()
    .merge(
      named
        ? null
        : resourceFromAttributes({
            [ATTR_SERVICE_NAME]: DEFAULT_SERVICE_NAME,
            [ATTR_SERVICE_VERSION]: PACKAGE_VERSION,
          }),
    )
    .merge(detected);
}

function spanProcessor(settings: TracingSettings, name: string, logger: Logger): SpanProcessor {
  if (name === 'console') return new SimpleSpanProcessor(new SpanLogExporter(logger));
  // Endpoint, headers, timeout and compression come from the OTEL_EXPORTER_OTLP_* variables,
  // the batch's size and delay from OTEL_BSP_*.
  const exporter =
    settings.protocol === 'http/json'
      ? new OtlpJsonTraceExporter()
      : new OtlpProtobufTraceExporter();
  return new BatchSpanProcessor(exporter);
}

export interface TracingSdkOptions {
  logger: Logger;
  /** In place of the exporters the settings name (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

/**
 * Starts the OpenTelemetry SDK for the process: a tracer provider (the sampler from
 * `OTEL_TRACES_SAMPLER`), registered as the global one with the AsyncLocalStorage context
 * manager and the W3C propagators (`traceparent`, `tracestate`, `baggage`); the exporters the
 * settings name; the instrumentation of outgoing HTTP calls (`node:http` and `node:https`,
 * and `fetch` through undici's diagnostics channels), which traces a call only within a
 * span, so only a handler's; and the webhook spans, for `configureApp`.
 */
export function startTracingSdk(
  settings: TracingSettings,
  options: TracingSdkOptions,
): { tracing: Tracing; webhooks: WebhookTracing } {
  const { logger } = options;
  const level = DIAG_LEVELS[process.env.OTEL_LOG_LEVEL?.trim().toLowerCase() ?? 'warn'];
  diag.setLogger(diagLogger(logger), { logLevel: level ?? DiagLogLevel.WARN });
  // What the SDK could not do (an export that failed): one line with the error as `err`.
  setGlobalErrorHandler((error) => {
    logger.error(
      { context: 'Tracing', err: serializeError(error) },
      `OpenTelemetry: ${isErrorLike(error) ? error.message : describeThrown(error)}`,
    );
  });
  const provider = new NodeTracerProvider({
    resource: serviceResource(),
    spanProcessors:
      options.spanProcessors ??
      settings.exporters.map((name) => spanProcessor(settings, name, logger)),
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // The service makes the webhook's own span; other requests are not traced.
      new HttpInstrumentation({
        disableIncomingRequestInstrumentation: true,
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
    ],
  });
  // The instrumentation wraps `request` and `get` of `node:http` and `node:https` the next
  // time they are required. They were loaded long before (Nest and Express load them): a
  // require now wraps them, on the module objects that `import http from 'node:http'` and
  // CommonJS code share; then ES modules' named imports (`import { request } from
  // 'node:http'`) are brought up to date.
  const require = createRequire(import.meta.url);
  require('node:http');
  require('node:https');
  syncBuiltinESMExports();

  const tracer = provider.getTracer(SCOPE, PACKAGE_VERSION);
  const webhooks: WebhookTracing = {
    middleware: (pathPrefix) => webhookSpans(tracer, pathPrefix),
  };
  let stopping: Promise<void> | undefined;
  const tracing: Tracing = {
    shutdown: () => {
      stopping ??= (async () => {
        setStartedTracing(undefined);
        unregister();
        syncBuiltinESMExports();
        try {
          await provider.shutdown();
        } finally {
          trace.disable();
          context.disable();
          propagation.disable();
          diag.disable();
          setGlobalErrorHandler(loggingErrorHandler());
        }
      })();
      return stopping;
    },
  };
  setStartedTracing({ tracing, webhooks });
  logger.info(
    {
      context: 'Tracing',
      exporters: settings.exporters,
      ...(settings.exporters.includes('otlp') ? { protocol: settings.protocol } : {}),
    },
    `Tracing on: spans to ${settings.exporters.join(' and ')}`,
  );
  return { tracing, webhooks };
}
