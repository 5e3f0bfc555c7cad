/** Settings of the webhook machinery. */
export interface WebhookModuleOptions {
  /** Default deadline of a handler, in milliseconds; a handler may set its own. */
  handlerTimeoutMs: number;
}

export const DEFAULT_HANDLER_TIMEOUT_MS = 3_000;

/** Injection token of the resolved `WebhookModuleOptions`. */
export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
