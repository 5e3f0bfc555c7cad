import { WEBHOOK_MESSAGES } from './webhook.messages.js';

/** The longest delay a Node timer takes (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A budget still running: its controller, and the timer that ends it (none: the deadline does). */
interface Budget {
  readonly controller: AbortController;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The abort signals of one handler call, each made only when the handler asks for it: most
 * handlers never do, and an `AbortController` or a timer costs more than the rest of a
 * dispatch.
 *
 * - `signal` is the handler's signal (`conversation.signal`). The dispatcher aborts it
 *   (`abort(reason)`) at the deadline or when the call is cancelled; asked for after that,
 *   it comes already aborted, with the same reason.
 * - `budget(ms)` gives a signal that aborts after `ms` (a `DOMException` named
 *   `TimeoutError`), or with the handler's signal and its reason, whichever comes first.
 *   When the call is answered (`release()`), a budget still running is aborted with an
 *   `AbortError` and its timer cleared: nothing of a call outlives it.
 *
 * Budgets are held here, and aborted from here: this object lives as long as the call, so a
 * budget signal that nothing else references still fires. (A signal from
 * `AbortSignal.any([...])` that nothing references is garbage-collected on Node 20, and
 * silently never fires; and listeners on the handler's signal would make that signal for
 * every budget.)
 */
export class HandlerSignals {
  /** When the handler's deadline passes (`performance.now()` time); `Infinity` for none. */
  readonly deadline: number;
  #controller?: AbortController;
  /** A signal this one follows instead of a controller of its own (see `following`). */
  #followed?: AbortSignal;
  #reason?: { value: unknown };
  #budgets?: Set<Budget>;
  #released = false;

  constructor(deadline = Infinity) {
    this.deadline = deadline;
  }

  /**
   * Signals that follow a signal given from outside (a `Conversation` made by hand, with
   * an `AbortSignal`): `signal` is that signal, and its abort aborts the budgets.
   */
  static following(signal: AbortSignal, deadline = Infinity): HandlerSignals {
    const signals = new HandlerSignals(deadline);
    signals.#followed = signal;
    if (signal.aborted) signals.#reason = { value: signal.reason };
    else signal.addEventListener('abort', () => signals.abort(signal.reason), { once: true });
    return signals;
  }

  /** The handler's signal, made on first use. */
  get signal(): AbortSignal {
    if (this.#followed) return this.#followed;
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason.value);
    }
    return this.#controller.signal;
  }

  /** Whether the handler's signal is aborted (without making it). */
  get aborted(): boolean {
    return this.#reason !== undefined;
  }

  /**
   * Milliseconds until the deadline, never negative: 0 once it has passed, once the call
   * was cancelled (the signal aborted), or once the call was answered.
   */
  get timeLeftMs(): number {
    if (this.#reason || this.#released) return 0;
    const left = this.deadline - performance.now();
    return left > 0 ? left : 0;
  }

  /** Aborts the handler's signal and every budget still running, with `reason`; once. */
  abort(reason: unknown): void {
    if (this.#reason) return;
    this.#reason = { value: reason };
    this.#controller?.abort(reason);
    this.#endBudgets(reason);
  }

  /**
   * A signal that aborts after `ms` milliseconds, or with the handler's signal (at the
   * deadline, or when the call is cancelled), whichever comes first. `ms` may be 0 or
   * `Infinity` (the deadline alone).
   */
  budget(ms: number): AbortSignal {
    if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
      throw new RangeError(WEBHOOK_MESSAGES.badBudget(ms));
    }
    if (this.#reason) return AbortSignal.abort(this.#reason.value);
    if (this.#released) return AbortSignal.abort(answered());
    const budget: Budget = { controller: new AbortController(), timer: undefined };
    // A budget that reaches the deadline needs no timer: the deadline aborts the handler's
    // signal, and the budget with it, with the deadline's reason.
    if (ms < this.timeLeftMs && ms <= MAX_TIMER_MS) {
      budget.timer = setTimeout(() => {
        this.#budgets?.delete(budget);
        budget.controller.abort(new DOMException(WEBHOOK_MESSAGES.budgetSpent(ms), 'TimeoutError'));
      }, ms);
    }
    (this.#budgets ??= new Set()).add(budget);
    return budget.controller.signal;
  }

  /**
   * The call is answered: budgets still running are aborted (an `AbortError`), their timers
   * cleared; later budgets come already aborted. The handler's signal is left as it is.
   */
  release(): void {
    this.#released = true;
    if (this.#budgets) this.#endBudgets(answered());
  }

  #endBudgets(reason: unknown): void {
    const budgets = this.#budgets;
    if (!budgets) return;
    this.#budgets = undefined;
    for (const budget of budgets) {
      clearTimeout(budget.timer);
      budget.controller.abort(reason);
    }
  }
}

/** Why a budget still running when its call is answered is aborted. */
function answered(): DOMException {
  return new DOMException(WEBHOOK_MESSAGES.callAnswered(), 'AbortError');
}
