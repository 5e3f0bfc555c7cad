import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CONTRACT_LIMITS } from '../contract/contract.limits.js';
import { WEBHOOK_MESSAGES } from './webhook.messages.js';

/** Per-handler settings. */
export interface QuestionHandlerOptions {
  /**
   * The handler's deadline in milliseconds, overriding the service-wide default
   * (`HANDLER_TIMEOUT_MS`, 3000 unless configured).
   */
  timeoutMs?: number;
}

/** What the decorators record on a handler class. */
export interface HandlerMetadata {
  /** The question ids handled; empty for the fallback handler. */
  questionIds: number[];
  fallback: boolean;
  timeoutMs?: number;
}

/** The discoverable decorator underneath `@QuestionHandler` and `@FallbackHandler`. */
export const HandlerMarker = DiscoveryService.createDecorator<HandlerMetadata>();

function checkedOptions(options: QuestionHandlerOptions): QuestionHandlerOptions {
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new TypeError(WEBHOOK_MESSAGES.badTimeout(timeoutMs));
  }
  return options;
}

function isQuestionId(id: unknown): id is number {
  return (
    Number.isInteger(id) && (id as number) >= 0 && (id as number) <= CONTRACT_LIMITS.questionId
  );
}

/**
 * Marks an injectable provider as the handler of one or more questions of the chatbot's
 * script, by question id. Register the class as a provider of any module: it is found at
 * boot. Two handlers for one question id make the boot fail.
 *
 * ```ts
 * @QuestionHandler(3)
 * export class ModelQuestion implements CliengoHandler {
 *   constructor(private readonly catalog: CatalogService) {}
 *   async handle(conversation: Conversation) { ... }
 * }
 *
 * @QuestionHandler([7, 8], { timeoutMs: 8000 })
 * ```
 */
export function QuestionHandler(
  questionIds: number | readonly number[],
  options: QuestionHandlerOptions = {},
): ClassDecorator {
  const ids: number[] = typeof questionIds === 'number' ? [questionIds] : [...questionIds];
  if (ids.length === 0) throw new TypeError(WEBHOOK_MESSAGES.noQuestionIds());
  const bad = ids.filter((id) => !isQuestionId(id));
  if (bad.length > 0) throw new TypeError(WEBHOOK_MESSAGES.badQuestionIds(bad));
  const { timeoutMs } = checkedOptions(options);
  return applyDecorators(
    Injectable(),
    HandlerMarker({ questionIds: [...new Set(ids)], fallback: false, timeoutMs }),
  );
}

/**
 * Marks an injectable provider as the handler of every question that has no handler of
 * its own. At most one fallback handler may exist. Without one, such questions get a
 * pass-through answer `{}`.
 */
export function FallbackHandler(options: QuestionHandlerOptions = {}): ClassDecorator {
  const { timeoutMs } = checkedOptions(options);
  return applyDecorators(
    Injectable(),
    HandlerMarker({ questionIds: [], fallback: true, timeoutMs }),
  );
}
