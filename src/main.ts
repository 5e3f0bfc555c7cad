import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp } from './app.setup.js';
import { loadConfig } from './config/app.config.js';
import { ExpressServerAdapter } from './http/express-server.adapter.js';
import { installGracefulShutdown } from './shutdown.js';

const logger = new Logger('Bootstrap');

// A promise that user code forgot to await must not take the service (and every visitor
// waiting on it) down: log it and keep serving.
process.on('unhandledRejection', (reason: unknown) => {
  new Logger('Process').error(
    `Unhandled promise rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config),
    new ExpressServerAdapter(),
    {
      bodyParser: false,
      bufferLogs: true,
    },
  );
  configureApp(app, config);
  installGracefulShutdown(app, {
    timeoutMs: config.shutdownTimeoutMs,
    logger: new Logger('Shutdown'),
  });
  await app.listen(config.port, config.host);
  logger.log(`Listening on http://${config.host}:${config.port}${config.pathPrefix}`);
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
