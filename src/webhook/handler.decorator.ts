import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { chatbotNameProblem } from '../chatbots/chatbot.js';
import { CONTRACT_LIMITS } from '../contract/contract.limits.js';
import type { CliengoHandler } from './cliengo-handler.interface.js';
import { WEBHOOK_MESSAGES } from './webhook.messages.js';

/** Per-handler settings. */
export interface QuestionHandlerOptions {
  /**
   * The handler's deadline in milliseconds, overriding the service-wide default
   * (`HANDLER_TIMEOUT_MS`, 3000 unless configured).
   */
  timeoutMs?: number;
  /**
   * The chatbot (or chatbots) whose calls this handler answers, by the names `CHATBOTS`
   * gives them. Left out: every chatbot's (the only one, in a deployment without `CHATBOTS`).
   * A chatbot's own handler of a question wins over a shared one.
   */
  chatbot?: string | readonly string[];
}

/** What a boot passes to a `HandlerMetadata.adapt` function. */
export interface HandlerAdaptContext {
  /** The provider's class name, for messages. */
  readonly name: string;
  /**
   * Claims a name (a memory key) for the provider, for a decorator built on top to keep
   * that resource to one provider among those that can answer the same calls: the ones of
   * the same chatbot, and the shared ones. Returns the class that claimed it first, if
   * another did; else records the claim and returns undefined.
   */
  readonly claim: (resource: string) => string | undefined;
}

/** What the decorators record on a handler class. */
export interface HandlerMetadata {
  /** The question ids handled; empty for the fallback handler. */
  questionIds: number[];
  fallback: boolean;
  timeoutMs?: number;
  /** The chatbots it is declared for; left out: shared by every chatbot. */
  chatbots?: string[];
  /**
   * For decorators built on top of this one (`@Dialog`): turns the provider into the
   * handler the dispatcher runs. It throws an `Error` whose message says what is wrong with
   * the provider; the boot then fails with that message.
   */
  adapt?: (instance: object, context: HandlerAdaptContext) => CliengoHandler;
}

/** The discoverable decorator underneath `@QuestionHandler` and `@FallbackHandler`. */
export const HandlerMarker = DiscoveryService.createDecorator<HandlerMetadata>();

/** The options shared by every handler decorator, checked, as its metadata records them. */
export function checkedOptions(
  options: QuestionHandlerOptions,
): Pick<HandlerMetadata, 'timeoutMs' | 'chatbots'> {
  const { timeoutMs, chatbot } = options;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new TypeError(WEBHOOK_MESSAGES.badTimeout(timeoutMs));
  }
  if (chatbot === undefined) return { timeoutMs };
  const chatbots: string[] = typeof chatbot === 'string' ? [chatbot] : [...chatbot];
  if (chatbots.length === 0) throw new TypeError(WEBHOOK_MESSAGES.badChatbot('an empty list'));
  for (const name of chatbots) {
    const problem = chatbotNameProblem(name);
    if (problem) throw new TypeError(WEBHOOK_MESSAGES.badChatbot(problem));
  }
  return { timeoutMs, chatbots: [...new Set(chatbots)] };
}

/** Whether `id` is a question id: an integer from 0 to the contract's bound. */
export function isQuestionId(id: unknown): id is number {
  return (
    Number.isInteger(id) && (id as number) >= 0 && (id as number) <= CONTRACT_LIMITS.questionId
  );
}

/** The question ids a decorator claims, checked (at least one, each a valid id) and deduplicated. */
export function checkedQuestionIds(
  questionIds: number | readonly number[],
  decorator = '@QuestionHandler',
): number[] {
  const ids: number[] = typeof questionIds === 'number' ? [questionIds] : [...questionIds];
  if (ids.length === 0) throw new TypeError(WEBHOOK_MESSAGES.noQuestionIds(decorator));
  const bad = ids.filter((id) => !isQuestionId(id));
  if (bad.length > 0) throw new TypeError(WEBHOOK_MESSAGES.badQuestionIds(decorator, bad));
  return [...new Set(ids)];
}

/**
 * Marks an injectable provider as the handler of one or more questions of the chatbot's
 * script, by question id. Register the class as a provider of any module: it is found at
 * boot. Two handlers for one question id of one chatbot (or two shared ones) make the boot
 * fail.
 *
 * ```ts
 * @QuestionHandler(3)
 * export class ModelQuestion implements CliengoHandler {
 *   constructor(private readonly catalog: CatalogService) {}
 *   async handle(conversation: Conversation) { ... }
 * }
 *
 * @QuestionHandler([7, 8], { timeoutMs: 8000 })
 * @QuestionHandler(3, { chatbot: 'autos' }) // question 3 of the chatbot CHATBOTS names "autos"
 * ```
 */
export function QuestionHandler(
  questionIds: number | readonly number[],
  options: QuestionHandlerOptions = {},
): ClassDecorator {
  const checked = checkedOptions(options);
  return applyDecorators(
    Injectable(),
    HandlerMarker({ questionIds: checkedQuestionIds(questionIds), fallback: false, ...checked }),
  );
}

/**
 * Marks an injectable provider as the handler of every question that has no handler of
 * its own. At most one fallback handler may exist per scope: one shared, and one per
 * chatbot (`{ chatbot: 'autos' }`), which wins over the shared one for that chatbot's calls.
 * Without one, such questions get a pass-through answer `{}`.
 */
export function FallbackHandler(options: QuestionHandlerOptions = {}): ClassDecorator {
  return applyDecorators(
    Injectable(),
    HandlerMarker({ questionIds: [], fallback: true, ...checkedOptions(options) }),
  );
}
