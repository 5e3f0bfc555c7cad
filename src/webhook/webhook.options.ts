/** Settings of the webhook machinery. */
export interface WebhookModuleOptions {
  /** Default deadline of a handler, in milliseconds; a handler may set its own. */
  handlerTimeoutMs: number;
  /** Accepted access tokens (`ACCESS_TOKENS`); none: the webhook is open. */
  accessTokens: readonly string[];
}

export const DEFAULT_HANDLER_TIMEOUT_MS = 3_000;

/** Injection token of the resolved `WebhookModuleOptions`. */
export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
