import type { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import type { Conversation } from './conversation.context.js';
import type { HandlerFault } from './handler-fault.js';
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
 * passes, the visitor gets its fault reply (`onFault`) or a pass-through answer, and
 * `conversation.signal` is aborted:
 * pass the signal to `fetch` and other I/O so the abandoned work stops too. Within the
 * deadline, `conversation.timeLeftMs` says how much time is left, and
 * `conversation.budget(ms)` gives a signal for one step of the work.
 */
export interface CliengoHandler {
  handle(conversation: Conversation): HandlerResult | Promise<HandlerResult>;

  /**
   * What the visitor gets when `handle` faults: overruns its deadline, throws or rejects,
   * or returns a reply that breaks the response contract. Without `onFault`, or when it
   * returns nothing, the answer is `{}` (pass-through). The call's outcome is still the
   * fault (`timeout`, `error`, `invalid-reply`); the log line and the metrics add that a
   * fault reply was sent.
   *
   * It is called synchronously, right when the fault is known: on a timeout, at the
   * deadline, just after `conversation.signal` is aborted. It must answer synchronously:
   * at the deadline there is no time left to wait, so a promise it returns is not waited
   * for (the answer is then `{}`, and `async onFault` stops the boot). Its reply is checked
   * as any reply; if it breaks the contract, or `onFault` throws, the answer is `{}` and the
   * log line says why.
   *
   * ```ts
   * onFault(fault: HandlerFault, conversation: Conversation) {
   *   return conversation
   *     .reply()
   *     .say('No pudimos consultar el sistema, intentá de nuevo en unos minutos.');
   * }
   * ```
   */
  onFault?(fault: HandlerFault, conversation: Conversation): HandlerResult;
}
