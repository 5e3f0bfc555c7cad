import type { WebhookCall } from '../admission/webhook-call.js';
import type { ErrorBodyDto } from '../contract/error-body.dto.js';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import type { DispatchResult } from '../webhook/webhook.dispatcher.js';
import type { ShedReason, WebhookOutcome } from '../webhook/webhook-outcome.js';

/**
 * What the layers a request goes through leave on `res.locals` for each other and for the
 * request's log line.
 */
export interface RequestLocals {
  /** The gateway's `X-Request-Id` when it sends a sane one, else a new UUID. */
  requestId: string;
  /** `performance.now()` when the request arrived. */
  arrivedAt: number;
  /** The webhook call, once the gate has admitted it. */
  call?: WebhookCall;
  /** How its dispatch went. */
  webhook?: { result: DispatchResult; request: WebhookRequestDto };
  /** Shed by the gate before its body was read. */
  shed?: ShedReason;
  /** Answered `{}` by the shutdown before its handler started. */
  shutdown?: true;
  /** The error body sent, for requests answered with an error status. */
  error?: ErrorBodyDto;
  /** The ids of the request's span, when tracing is on and records it. */
  trace?: { traceId: string; spanId: string };
}

/** The outcome of a webhook call, whoever decided it: the dispatch, the gate or the shutdown. */
export function outcomeOf(locals: RequestLocals): WebhookOutcome | undefined {
  if (locals.webhook) return locals.webhook.result.outcome;
  if (locals.shed) return 'shed';
  return locals.shutdown ? 'shutdown' : undefined;
}
