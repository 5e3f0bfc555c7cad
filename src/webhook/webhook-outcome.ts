/**
 * How a webhook call ended, as logged:
 * - `replied`: a question handler answered with a reply;
 * - `fallback`: the fallback handler answered with a reply;
 * - `pass-through`: no handler, or the handler returned nothing: `{}`;
 * - `timeout`: the handler overran its deadline: `{}` at the deadline;
 * - `error`: the handler threw: `{}`;
 * - `invalid-reply`: the handler's reply broke the response contract: `{}`.
 */
export type WebhookOutcome =
  'replied' | 'fallback' | 'pass-through' | 'timeout' | 'error' | 'invalid-reply';
