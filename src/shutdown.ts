import type { Server, ServerResponse } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { LifecycleState } from './health/lifecycle.state.js';

export interface GracefulShutdownOptions {
  /** The longest to wait for in-flight requests before giving up. */
  timeoutMs: number;
  logger: LoggerService;
  /** How the process ends; replaceable in tests. */
  exit?: (code: number) => void;
}

/**
 * Shuts the service down gracefully: readiness turns 503, the server stops accepting
 * connections, in-flight webhooks finish (each within its own deadline), then the process
 * exits 0. If that takes longer than `timeoutMs`, it exits 1. Returns the function that
 * does it, also installed for SIGTERM and SIGINT.
 */
export function installGracefulShutdown(
  app: INestApplication,
  options: GracefulShutdownOptions,
): (signal: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing: Promise<void> | undefined;
  const shutdown = (signal: string): Promise<void> => {
    closing ??= (async () => {
      options.logger.log(`${signal} received: finishing in-flight requests`);
      app.get(LifecycleState).beginShutdown();
      // Keep-alive connections would hold the server open: ask clients to close them, and
      // close each one as soon as it is idle (its in-flight request answered).
      const server = app.getHttpServer() as Server;
      server.on('request', (_request, response: ServerResponse) => {
        response.setHeader('Connection', 'close');
      });
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      sweeper.unref();
      const timer = setTimeout(() => {
        options.logger.error(`Shutdown took longer than ${options.timeoutMs} ms`);
        exit(1);
      }, options.timeoutMs);
      timer.unref();
      try {
        await app.close();
        clearTimeout(timer);
        clearInterval(sweeper);
        options.logger.log('Shut down cleanly');
        exit(0);
      } catch (error) {
        clearTimeout(timer);
        clearInterval(sweeper);
        options.logger.error(`Shutdown failed: ${String(error)}`);
        exit(1);
      }
    })();
    return closing;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown(signal));
  }
  return shutdown;
}
