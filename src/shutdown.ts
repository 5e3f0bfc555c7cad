import type { Server, ServerResponse } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { WebhookAdmission } from './admission/webhook-admission.js';
import { LifecycleState } from './health/lifecycle.state.js';
import { HandlerRegistry } from './webhook/handler.registry.js';

export interface GracefulShutdownOptions {
  /** The longest the whole shutdown may take, from the signal, readiness window included. */
  timeoutMs: number;
  /** How long readiness answers 503 while the service still serves, after SIGTERM. */
  drainMs: number;
  /** The default handler deadline, to warn at boot about handlers the shutdown would cut. */
  handlerTimeoutMs: number;
  logger: LoggerService;
  /** How the process ends; replaceable in tests. */
  exit?: (code: number) => void;
  /** The signals that start it. Default: SIGTERM and SIGINT. */
  signals?: ReadonlyArray<'SIGTERM' | 'SIGINT'>;
}

/** How a shutdown is asked for: the signal or fault behind it, and the exit code it ends with. */
export type Shutdown = (
  reason: string,
  options?: { exitCode?: number; drain?: boolean },
) => Promise<void>;

/** Time left after the timeout for the `{}` answers to reach their clients. */
const ANSWER_GRACE_MS = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Warns when a handler's deadline is longer than what a shutdown leaves its calls: such a
 * call still running at the shutdown timeout is answered `{}` instead of with its reply.
 */
function warnAboutDeadlines(app: INestApplication, options: GracefulShutdownOptions): void {
  const left = options.timeoutMs - options.drainMs;
  const cut = app
    .get(HandlerRegistry)
    .handlers()
    .map((handler) => ({
      name: handler.name,
      deadline: handler.timeoutMs ?? options.handlerTimeoutMs,
    }))
    .filter((handler) => handler.deadline > left);
  if (cut.length === 0) return;
  options.logger.warn(
    `A shutdown leaves in-flight calls ${left} ms (SHUTDOWN_TIMEOUT_MS - SHUTDOWN_DRAIN_MS), less than the deadline of ${cut
      .map((handler) => `${handler.name} (${handler.deadline} ms)`)
      .join(
        ', ',
      )}: such calls still running at the shutdown timeout are answered {}. Raise SHUTDOWN_TIMEOUT_MS above the longest deadline plus SHUTDOWN_DRAIN_MS.`,
  );
}

/**
 * Shuts the service down gracefully:
 * 1. readiness turns 503 at once;
 * 2. after SIGTERM, for `drainMs`, the service still serves everything (the readiness window:
 *    load balancers that probe readiness see it and stop sending);
 * 3. the listener closes, keep-alive connections are asked to close (`Connection: close`)
 *    and closed as soon as they are idle; the calls in flight finish, each within its
 *    deadline; then the process exits 0 (or the exit code asked for);
 * 4. at `timeoutMs` from the signal, calls still in flight are answered `{}` (their
 *    handlers aborted), and the process exits 1 once they are sent.
 *
 * A signal while shutting down changes nothing: the shutdown goes on. SIGINT (Ctrl-C in a
 * terminal) skips the readiness window. Returns the function that does it, also installed
 * for SIGTERM and SIGINT.
 */
export function installGracefulShutdown(
  app: INestApplication,
  options: GracefulShutdownOptions,
): Shutdown {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const admission = app.get(WebhookAdmission, { strict: false });
  warnAboutDeadlines(app, options);
  let closing: Promise<void> | undefined;

  const run = async (reason: string, exitCode: number, drain: boolean): Promise<void> => {
    logger.log(`${reason}: shutting down (not ready any more; finishing the calls in flight)`);
    app.get(LifecycleState).beginShutdown();
    const server = app.getHttpServer() as Server;
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      const answered = admission.answerAllForShutdown();
      logger.error(
        `The shutdown took longer than ${options.timeoutMs} ms: ${answered} call(s) still in flight answered {}`,
      );
      // What is still open after the answers had their time goes now.
      setTimeout(() => server.closeAllConnections(), ANSWER_GRACE_MS).unref();
    }, options.timeoutMs);
    if (drain && options.drainMs > 0) await sleep(Math.min(options.drainMs, options.timeoutMs));
    // Keep-alive connections would hold the server open: ask clients to close them, and
    // close each one as soon as it is idle (its in-flight request answered).
    server.on('request', (_request, response: ServerResponse) => {
      response.setHeader('Connection', 'close');
    });
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    try {
      await app.close();
      logger.log(timedOut ? 'Shut down after the timeout' : 'Shut down cleanly');
      exit(timedOut ? 1 : exitCode);
    } catch (error) {
      logger.error(`Shutdown failed: ${String(error)}`);
      exit(1);
    } finally {
      clearTimeout(timeout);
      clearInterval(sweeper);
    }
  };

  const shutdown: Shutdown = (reason, { exitCode = 0, drain = true } = {}) => {
    if (closing) {
      logger.warn(`${reason} while shutting down: the shutdown goes on`);
      return closing;
    }
    closing = run(reason, exitCode, drain);
    return closing;
  };
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    process.on(signal, () => void shutdown(`${signal} received`, { drain: signal === 'SIGTERM' }));
  }
  return shutdown;
}
