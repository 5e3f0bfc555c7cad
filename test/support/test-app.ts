import type { DynamicModule, LoggerService, ModuleMetadata, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureApp } from '../../src/app.setup.js';
import { type AppConfig, loadConfig } from '../../src/config/app.config.js';

/** The settings of a test app: the defaults, overridden by `overrides`. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({}), ...overrides };
}

/**
 * Builds and initialises an application from `imports`, configured exactly as `main.ts`
 * configures the real one. Logging is off unless a `logger` is given.
 */
export async function createTestApp(
  imports: Array<Type<unknown> | DynamicModule>,
  options: {
    config?: AppConfig;
    logger?: LoggerService;
    metadata?: Omit<ModuleMetadata, 'imports'>;
  } = {},
): Promise<NestExpressApplication> {
  const config = options.config ?? testConfig();
  const moduleRef = await Test.createTestingModule({ imports, ...options.metadata }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: options.logger ?? false,
  });
  configureApp(app, config);
  await app.init();
  return app;
}
