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

/** The handlers of one scope: every chatbot (shared), or one chatbot. */
interface Scope {
  readonly byQuestion: Map<number, RegisteredHandler>;
  fallback?: RegisteredHandler;
}

/**
 * Question id -> handler, per chatbot, filled once at boot by the explorer and read on every
 * request. Handlers are shared (declared for every chatbot) or a chatbot's own. A call for a
 * chatbot is answered by, in order: that chatbot's handler of the question, the shared
 * handler of the question, that chatbot's fallback, the shared fallback; else nothing
 * (pass-through). Registering a second handler for a question of one scope (or a second
 * fallback) throws: a wrong registry must stop the boot, not silently pick one of them.
 */
@Injectable()
export class HandlerRegistry {
  readonly #shared: Scope = { byQuestion: new Map() };
  readonly #chatbots = new Map<string, Scope>();

  #scope(chatbot: string | undefined): Scope {
    if (chatbot === undefined) return this.#shared;
    let scope = this.#chatbots.get(chatbot);
    if (!scope) this.#chatbots.set(chatbot, (scope = { byQuestion: new Map() }));
    return scope;
  }

  /**
   * Registers a question handler for each id, shared or for one chatbot; throws a message
   * naming both classes (and the chatbot) on a clash within that scope.
   */
  addQuestionHandler(
    questionIds: readonly number[],
    handler: RegisteredHandler,
    chatbot?: string,
  ): void {
    const scope = this.#scope(chatbot);
    for (const id of questionIds) {
      const existing = scope.byQuestion.get(id);
      if (existing) {
        throw new Error(
          WEBHOOK_MESSAGES.duplicateQuestion(id, existing.name, handler.name, chatbot),
        );
      }
    }
    for (const id of questionIds) scope.byQuestion.set(id, handler);
  }

  /** Registers a fallback handler, shared or for one chatbot; throws if that scope has one. */
  setFallback(handler: RegisteredHandler, chatbot?: string): void {
    const scope = this.#scope(chatbot);
    if (scope.fallback) {
      throw new Error(
        WEBHOOK_MESSAGES.duplicateFallback(scope.fallback.name, handler.name, chatbot),
      );
    }
    scope.fallback = handler;
  }

  /**
   * The handler of a question for a chatbot (undefined: the deployment names none): the
   * chatbot's own, the shared one, the chatbot's fallback, the shared fallback; else
   * undefined (pass-through).
   */
  resolve(questionId: number | undefined, chatbot?: string): RegisteredHandler | undefined {
    const own = chatbot === undefined ? undefined : this.#chatbots.get(chatbot);
    if (questionId !== undefined) {
      const handler = own?.byQuestion.get(questionId) ?? this.#shared.byQuestion.get(questionId);
      if (handler) return handler;
    }
    return own?.fallback ?? this.#shared.fallback;
  }

  /** Whether this question has a handler of its own (not a fallback), for this chatbot. */
  hasOwnHandler(questionId: number, chatbot?: string): boolean {
    return (
      this.#shared.byQuestion.has(questionId) ||
      (chatbot !== undefined && this.#chatbots.get(chatbot)?.byQuestion.has(questionId) === true)
    );
  }

  /**
   * The question ids with a handler of their own, ascending: the shared ones, and with a
   * chatbot, that chatbot's too.
   */
  questionIds(chatbot?: string): number[] {
    const ids = new Set(this.#shared.byQuestion.keys());
    if (chatbot !== undefined) {
      for (const id of this.#chatbots.get(chatbot)?.byQuestion.keys() ?? []) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  }

  /** The chatbots with handlers of their own, by name. */
  chatbots(): string[] {
    return [...this.#chatbots.keys()];
  }

  /** Every registered handler once, the fallbacks included. */
  handlers(): RegisteredHandler[] {
    const all = new Set<RegisteredHandler>();
    for (const scope of [this.#shared, ...this.#chatbots.values()]) {
      for (const handler of scope.byQuestion.values()) all.add(handler);
      if (scope.fallback) all.add(scope.fallback);
    }
    return [...all];
  }

  /** The fallback of a chatbot's calls: its own, else the shared one (no chatbot: the shared one). */
  fallbackOf(chatbot?: string): RegisteredHandler | undefined {
    return (
      (chatbot === undefined ? undefined : this.#chatbots.get(chatbot)?.fallback) ??
      this.#shared.fallback
    );
  }

  /** The shared fallback handler. */
  get fallback(): RegisteredHandler | undefined {
    return this.#shared.fallback;
  }
}
