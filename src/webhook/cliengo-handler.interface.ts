import type { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import type { Conversation } from './conversation.context.js';
import type { ReplyBuilder } from './reply.builder.js';

/**
 * What a handler may return: a reply builder, a plain reply object, or nothing. Nothing
 * (`undefined`, `null`, or an empty reply) means pass-through: the chatbot goes on with
 * its own script. Whatever is returned is checked against the response contract.
 */
export type HandlerResult = ReplyBuilder | WebhookResponseDto | null | undefined | void;

/**
 * A question handler: an injectable provider decorated with `@QuestionHandler(...)` or
 * `@FallbackHandler()`. It gets full dependency injection.
 *
 * It runs under a deadline (see `QuestionHandlerOptions.timeoutMs`). When the deadline
 * passes, the visitor gets a pass-through answer and `conversation.signal` is aborted:
 * pass the signal to `fetch` and other I/O so the abandoned work stops too. Within the
 * deadline, `conversation.timeLeftMs` says how much time is left, and
 * `conversation.budget(ms)` gives a signal for one step of the work.
 */
export interface CliengoHandler {
  handle(conversation: Conversation): HandlerResult | Promise<HandlerResult>;
}
