import type { DynamicModule, InjectionToken, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureApp } from '../../src/app.setup.js';
import { CliengoFulfillmentModule } from '../../src/cliengo-fulfillment.module.js';
import { type AppConfig, loadConfig } from '../../src/config/app.config.js';
import { ExpressServerAdapter } from '../../src/http/express-server.adapter.js';
import { ExamplesModule } from '../../src/service/examples/examples.module.js';
import type { CapturedLogs } from './captured-logs.js';

/**
 * The settings of a test app: the defaults, quiet, overridden by `overrides`. Load shedding
 * on the event loop's state is off: the test runner shares the loop with the app, and its
 * own work would shed calls at random. The tests of shedding switch it on.
 */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...loadConfig({}),
    logLevel: 'silent',
    maxEventLoopLagMs: 0,
    ...overrides,
  };
}

export interface TestAppOptions {
  /** The handler modules. Default: the bundled service's (the examples). */
  handlers?: Array<Type<unknown> | DynamicModule>;
  /** Settings over the test defaults. */
  config?: Partial<AppConfig>;
  /** Keeps the log lines (at level info and above) for assertions. */
  logs?: CapturedLogs;
  /** Providers to replace, e.g. an external API with a fake (`overrideProvider().useValue()`). */
  overrides?: Array<{ provide: InjectionToken; useValue: unknown }>;
}

/**
 * Builds and initialises the service exactly as `startService` does (same module, same
 * `configureApp`), with the given handler modules and settings, without listening.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<NestExpressApplication> {
  const config = testConfig({
    ...(options.logs ? { logLevel: 'info' } : {}),
    ...options.config,
  });
  let builder = Test.createTestingModule({
    imports: [
      CliengoFulfillmentModule.forRoot({
        handlers: options.handlers ?? [ExamplesModule],
        settings: config,
      }),
    ],
  });
  for (const { provide, useValue } of options.overrides ?? []) {
    builder = builder.overrideProvider(provide).useValue(useValue);
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(new ExpressServerAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app, config, { logDestination: options.logs });
  await app.init();
  return app;
}
