import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino, stdTimeFunctions } from 'pino';
import { WebhookAdmission } from './admission/webhook-admission.js';
import {
  CliengoFulfillmentModule,
  type CliengoSettings,
  type HandlerModule,
} from './cliengo-fulfillment.module.js';
import { configureApp } from './app.setup.js';
import { type AppConfig, loadConfig } from './config/app.config.js';
import { environmentWithFile, type EnvFileUse } from './config/env-file.js';
import { ExpressServerAdapter } from './http/express-server.adapter.js';
import { serializeError } from './logging/error-serializer.js';
import { createLogger, stdoutLogDestination } from './logging/http-logger.js';
import { PinoNestLogger } from './logging/pino-nest.logger.js';
import { describeThrown, isErrorLike } from './logging/thrown-value.js';
import { installProcessFaultHandlers } from './process-faults.js';
import { installGracefulShutdown, type Shutdown } from './shutdown.js';
import { startTracing, type Tracing } from './tracing/tracing.js';

/** The longest the exit waits for the last spans to be exported. */
const TRACING_FLUSH_MS = 2_000;

/** `startService(...)`: your handler modules, and where the settings come from. */
export interface StartServiceOptions {
  /** Your modules that provide handlers and dialogs. */
  handlers?: HandlerModule[];
  /**
   * Where the settings are read from. Default: `process.env`. Tracing's `OTEL_*` variables
   * are read from `process.env` whatever this says, as the OpenTelemetry SDK reads them.
   */
  env?: Record<string, string | undefined>;
  /**
   * A dotenv file to read first, when it exists (a path, relative to the working directory),
   * e.g. `'.env'`: each of its variables that the environment does not set is added to it
   * (to `process.env`, or to a copy of `env`), so the real environment wins over the file.
   * A file that cannot be read or a line that is not a variable, a `#` comment or blank
   * stops the boot, naming the file and the line. Default: none; no file is read.
   */
  envFile?: string;
  /** Settings over those of the environment (e.g. a port chosen in code). */
  settings?: Partial<CliengoSettings>;
}

/**
 * A JSON line written at once, for a boot that fails before the service's own logger
 * exists, or one whose last lines must be out before the process exits.
 */
function bootFailed(error: unknown): never {
  pino(
    {
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 1, sync: true }),
  ).fatal(
    { context: 'Bootstrap', err: serializeError(error) },
    `The service cannot start: ${isErrorLike(error) ? error.message : describeThrown(error)}`,
  );
  process.exit(1);
}

/** `Read .env: LOG_LEVEL, PORT set from it; HOST kept as the environment sets it`. */
function describeEnvFileUse({ file, set, kept }: EnvFileUse): string {
  const names = (list: string[]) => [...list].sort().join(', ');
  const parts = [
    set.length > 0 ? `${names(set)} set from it` : 'nothing set from it',
    ...(kept.length > 0 ? [`${names(kept)} kept as the environment sets it`] : []),
  ];
  return `Read ${file}: ${parts.join('; ')}`;
}

/** Exports the spans still waiting, for `TRACING_FLUSH_MS` at most, then ends the process. */
function exitAfterTracing(tracing: Tracing | undefined): (code: number) => void {
  if (!tracing) return (code) => process.exit(code);
  return (code) => {
    // A timer that holds the process: it ends by `process.exit`, with its code, whatever
    // the export does.
    const bound = setTimeout(() => process.exit(code), TRACING_FLUSH_MS);
    void tracing
      .shutdown()
      .catch(() => undefined)
      .then(() => {
        clearTimeout(bound);
        process.exit(code);
      });
  };
}

/**
 * Starts the service in one call, as `npm start` runs it: settings from the environment
 * (with `envFile`, a dotenv file under it; a bad setting stops the boot with one JSON line
 * naming it), JSON logs from the first line, OpenTelemetry tracing when the `OTEL_*`
 * variables ask for it (see `startTracing`), the app configured by `configureApp`,
 * graceful shutdown on SIGTERM and SIGINT, what the process does with an uncaught
 * exception or an unhandled rejection (see `installProcessFaultHandlers`), then listening
 * on `HOST`:`PORT`.
 *
 * ```ts
 * // main.ts of your service
 * import { startService } from 'cliengo-fulfillment';
 * import { QuoteHandlersModule } from './quote-handlers.module.js';
 *
 * await startService({ handlers: [QuoteHandlersModule] });
 * ```
 */
export async function startService(
  options: StartServiceOptions = {},
): Promise<NestExpressApplication> {
  let config: AppConfig;
  let envFile: EnvFileUse | undefined;
  try {
    let env = options.env;
    if (options.envFile !== undefined) {
      ({ env, use: envFile } = environmentWithFile(options.envFile, options.env));
    }
    config = { ...loadConfig(env), ...options.settings };
  } catch (error) {
    bootFailed(error);
  }
  const logDestination = stdoutLogDestination(config);
  const logger = createLogger(config, logDestination);
  if (envFile) logger.info({ context: 'Bootstrap' }, describeEnvFileUse(envFile));
  let shutdown: Shutdown | undefined;
  let admission: WebhookAdmission | undefined;
  installProcessFaultHandlers({
    logger,
    inFlight: () => admission?.describeInFlight() ?? [],
    recent: () => admission?.describeRecent() ?? [],
    stop: (reason, exitCode) => {
      if (shutdown) void shutdown(reason, { exitCode, drain: false });
      else process.exit(exitCode);
    },
  });
  let tracing: Tracing | undefined;
  try {
    tracing = await startTracing({ logger });
  } catch (error) {
    logDestination.flush();
    bootFailed(error);
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(
      CliengoFulfillmentModule.forRoot({ handlers: options.handlers, settings: config }),
      new ExpressServerAdapter(),
      { bodyParser: false, logger: new PinoNestLogger(logger), abortOnError: false },
    );
    configureApp(app, config, { logger, logDestination });
    admission = app.get(WebhookAdmission);
    shutdown = installGracefulShutdown(app, {
      timeoutMs: config.shutdownTimeoutMs,
      drainMs: config.shutdownDrainMs,
      handlerTimeoutMs: config.handlerTimeoutMs,
      logger: new PinoNestLogger(logger.child({ context: 'Shutdown' })),
      exit: exitAfterTracing(tracing),
    });
    await app.listen(config.port, config.host);
    logger.info(
      { context: 'Bootstrap' },
      `Listening on http://${config.host}:${config.port}${config.pathPrefix}`,
    );
    return app;
  } catch (error) {
    logDestination.flush();
    bootFailed(error);
  }
}
