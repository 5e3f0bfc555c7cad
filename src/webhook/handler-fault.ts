import type { HandlerTimeoutError } from './handler-timeout.error.js';

/**
 * How a handler faulted, named as the call's outcome is logged and counted:
 * - `timeout`: it did not answer within its deadline;
 * - `error`: it threw, or its promise rejected;
 * - `invalid-reply`: its reply breaks the response contract, or cannot be serialised.
 */
export type HandlerFaultKind = 'timeout' | 'error' | 'invalid-reply';

/** The handler did not answer within its deadline; `conversation.signal` is now aborted. */
export interface HandlerTimeoutFault {
  readonly kind: 'timeout';
  /** The deadline it overran, in milliseconds. */
  readonly timeoutMs: number;
  /** The reason `conversation.signal` was aborted with. */
  readonly error: HandlerTimeoutError;
}

/** The handler threw, or its promise rejected. */
export interface HandlerErrorFault {
  readonly kind: 'error';
  /**
   * What it threw: any value, not always an `Error` (a `DOMException` such as the
   * `TimeoutError` of a budget that ran out, a string...).
   */
  readonly error: unknown;
}

/** The handler's reply breaks the response contract (then `fields`), or cannot be serialised (then `error`). */
export interface HandlerInvalidReplyFault {
  readonly kind: 'invalid-reply';
  /** Each offending field path (`response.response_type`) with what is wrong there. */
  readonly fields?: Readonly<Record<string, readonly string[]>>;
  /** Why the reply could not be turned into JSON (a cycle, a `BigInt`, a `toJSON` that threw). */
  readonly error?: unknown;
}

/** What went wrong with a handler's call, as its `onFault` gets it. */
export type HandlerFault = HandlerTimeoutFault | HandlerErrorFault | HandlerInvalidReplyFault;

/**
 * What became of a fault reply, once a handler with `onFault` faulted:
 * - `sent`: it was sent to the visitor;
 * - `pass-through`: `onFault` returned nothing (or an empty reply): `{}`;
 * - `invalid`: it breaks the response contract, or cannot be serialised: `{}`;
 * - `threw`: `onFault` threw: `{}`;
 * - `async`: `onFault` returned a promise, which is not waited for (a fault reply must be
 *   synchronous: at the deadline there is no time left to wait): `{}`.
 */
export type FaultReplyOutcome = 'sent' | 'pass-through' | 'invalid' | 'threw' | 'async';
