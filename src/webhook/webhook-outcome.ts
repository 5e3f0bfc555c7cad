/**
 * How a webhook call ended, as logged and counted:
 * - `replied`: a question handler answered with a reply;
 * - `fallback`: the fallback handler answered with a reply;
 * - `pass-through`: no handler, or the handler returned nothing: `{}`;
 * - `timeout`: the handler overran its deadline: its fault reply (`onFault`) or `{}`, at the
 *   deadline;
 * - `error`: the handler threw: its fault reply or `{}`;
 * - `invalid-reply`: the handler's reply broke the response contract: its fault reply or `{}`;
 * - `shed`: not run, answered at once (see `ShedReason`): the overload answer (`{}` unless
 *   configured otherwise);
 * - `client-gone`: the client closed the connection before the answer: the handler's signal
 *   is aborted and nothing is sent;
 * - `shutdown`: still running when the shutdown timeout passed: `{}`, the handler's signal
 *   aborted;
 * - `unknown-chatbot`: for a chatbot the deployment does not serve (see `UnservedReason`):
 *   no handler ran; `{}`, or 404 with `UNKNOWN_CHATBOT=404`.
 */
export type WebhookOutcome =
  | 'replied'
  | 'fallback'
  | 'pass-through'
  | 'timeout'
  | 'error'
  | 'invalid-reply'
  | 'shed'
  | 'client-gone'
  | 'shutdown'
  | 'unknown-chatbot';

/**
 * Why a webhook call was shed:
 * - `in-flight`: as many webhook calls as `MAX_IN_FLIGHT` were already being answered;
 * - `event-loop-lag`: the event loop was late by more than `MAX_EVENT_LOOP_LAG_MS` in
 *   successive turns (the process gets more requests than it can handle);
 * - `deadline`: its deadline, counted from its arrival, had passed before its handler could
 *   start (a body that took that long to arrive, or a queue that long).
 */
export type ShedReason = 'in-flight' | 'event-loop-lag' | 'deadline';

/** Why a running webhook call was cut short. */
export type CancelReason = 'client-gone' | 'shutdown';
