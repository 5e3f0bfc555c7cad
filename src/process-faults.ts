import type { Logger } from 'pino';
import type { InFlightCall } from './admission/webhook-admission.js';
import { serializeError } from './logging/error-serializer.js';

export interface ProcessFaultOptions {
  logger: Logger;
  /** The webhook calls in flight, once the service serves. */
  inFlight: () => InFlightCall[];
  /** The webhook calls answered in the last moments. */
  recent: () => InFlightCall[];
  /** Stops the service: answers what is in flight, then ends the process with `exitCode`. */
  stop: (reason: string, exitCode: number) => void;
}

/**
 * What the process does with a fault no code caught:
 *
 * - An **uncaught exception** (thrown from a timer or a callback of handler code, say) left a
 *   call stack unwound halfway: whatever it was changing may be left half done, and Node's
 *   own guidance is that resuming is not safe. The service logs one `fatal` line (the
 *   error, and the webhook calls in flight with their handlers, among which the one that
 *   threw is most likely running), then stops as on SIGTERM but without the readiness
 *   window: it stops accepting, answers the calls in flight (each within its deadline, or
 *   `{}` at the shutdown timeout) and exits 1, for the orchestrator to start a fresh one.
 * - An **unhandled rejection** (a promise nobody awaited) unwound nothing: the code that
 *   rejected it had finished. The service logs it at `error`, with the calls in flight and
 *   those answered in the last two seconds (a rejection is only reported once the code that
 *   left it is done, so often after its call was answered), and keeps serving.
 *
 * Nothing reaches standard error: every line is JSON on the service's log.
 */
export function installProcessFaultHandlers(options: ProcessFaultOptions): void {
  const { logger } = options;
  let stopping = false;
  process.on('uncaughtException', (error, origin) => {
    logger.fatal(
      { err: serializeError(error), origin, inFlight: options.inFlight() },
      stopping
        ? 'Uncaught exception while stopping'
        : 'Uncaught exception: stopping the service (answering the calls in flight, then exiting 1)',
    );
    logger.flush();
    if (stopping) return;
    stopping = true;
    options.stop('uncaught exception', 1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error(
      {
        err: serializeError(reason),
        inFlight: options.inFlight(),
        recentlyAnswered: options.recent(),
      },
      'Unhandled promise rejection (a promise nobody awaited): still serving',
    );
  });
}
