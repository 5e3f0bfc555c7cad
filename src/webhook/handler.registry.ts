import { Injectable } from '@nestjs/common';
import type { CliengoHandler } from './cliengo-handler.interface.js';
import { WEBHOOK_MESSAGES } from './webhook.messages.js';

/** A handler as the dispatcher runs it. */
export interface RegisteredHandler {
  /** The handler's class name, for logs and errors. */
  name: string;
  instance: CliengoHandler;
  /** Its own deadline, if it overrides the service-wide one. */
  timeoutMs?: number;
  fallback: boolean;
}

/**
 * Question id -> handler, filled once at boot by the explorer and read on every request.
 * Registering a second handler for a question (or a second fallback) throws: a wrong
 * registry must stop the boot, not silently pick one of them.
 */
@Injectable()
export class HandlerRegistry {
  readonly #byQuestion = new Map<number, RegisteredHandler>();
  #fallback: RegisteredHandler | undefined;

  /** Registers a question handler for each id; throws a message naming both classes on a clash. */
  addQuestionHandler(questionIds: readonly number[], handler: RegisteredHandler): void {
    for (const id of questionIds) {
      const existing = this.#byQuestion.get(id);
      if (existing)
        throw new Error(WEBHOOK_MESSAGES.duplicateQuestion(id, existing.name, handler.name));
    }
    for (const id of questionIds) this.#byQuestion.set(id, handler);
  }

  /** Registers the fallback handler; throws a message naming both classes if one exists. */
  setFallback(handler: RegisteredHandler): void {
    if (this.#fallback) {
      throw new Error(WEBHOOK_MESSAGES.duplicateFallback(this.#fallback.name, handler.name));
    }
    this.#fallback = handler;
  }

  /** The handler of a question, else the fallback, else undefined (pass-through). */
  resolve(questionId: number | undefined): RegisteredHandler | undefined {
    const own = questionId === undefined ? undefined : this.#byQuestion.get(questionId);
    return own ?? this.#fallback;
  }

  /** Whether this question has a handler of its own (not the fallback). */
  hasOwnHandler(questionId: number): boolean {
    return this.#byQuestion.has(questionId);
  }

  /** The question ids that have a handler of their own, ascending. */
  questionIds(): number[] {
    return [...this.#byQuestion.keys()].sort((a, b) => a - b);
  }

  /** Every registered handler once, the fallback included. */
  handlers(): RegisteredHandler[] {
    const all = new Set(this.#byQuestion.values());
    if (this.#fallback) all.add(this.#fallback);
    return [...all];
  }

  get fallback(): RegisteredHandler | undefined {
    return this.#fallback;
  }
}
