import type { CancelReason } from './webhook-outcome.js';

const WHY: Record<CancelReason, string> = {
  'client-gone': 'the client closed the connection',
  shutdown: 'the service is shutting down',
};

/**
 * The reason `conversation.signal` is aborted with when a call is cut short before its
 * deadline: the client went away, or the shutdown timeout passed.
 */
export class HandlerCancelledError extends Error {
  override readonly name = 'AbortError';

  constructor(
    readonly handler: string,
    readonly reason: CancelReason,
  ) {
    super(`${handler} was cancelled: ${WHY[reason]}`);
  }
}
