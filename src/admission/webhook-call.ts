import type { Response } from 'express';
import type { DispatchCancellation, RunningHandler } from '../webhook/dispatch-options.js';
import type { CancelReason } from '../webhook/webhook-outcome.js';

/**
 * One admitted webhook call, from its arrival to its answer: what the dispatcher needs to
 * count its deadline from the arrival and to be cut short (the client went away, the
 * shutdown timeout passed), and what the request's log line waits for.
 */
export class WebhookCall implements DispatchCancellation {
  cancelled: CancelReason | undefined;
  onCancel: ((reason: CancelReason) => void) | undefined;
  running: RunningHandler | undefined;
  /** `performance.now()` when its response was closed. */
  answeredAt: number | undefined;
  #dispatching = false;
  #whenIdle: (() => void) | undefined;

  constructor(
    readonly requestId: string,
    /** `performance.now()` when the request arrived. */
    readonly arrivedAt: number,
    readonly response: Response,
  ) {}

  /** Whether its handler is running. */
  get dispatching(): boolean {
    return this.#dispatching;
  }

  /** Cuts the call short, once: a running handler is aborted and answered `{}`. */
  cancel(reason: CancelReason): void {
    if (this.cancelled) return;
    this.cancelled = reason;
    this.onCancel?.(reason);
  }

  dispatchStarted(): void {
    this.#dispatching = true;
  }

  dispatchEnded(): void {
    this.#dispatching = false;
    const then = this.#whenIdle;
    this.#whenIdle = undefined;
    then?.();
  }

  /**
   * Runs `then` once no dispatch is running: now, or when the running one ends (after what
   * was asked before it: the request's log line, its span).
   */
  whenIdle(then: () => void): void {
    if (!this.#dispatching) {
      then();
      return;
    }
    const before = this.#whenIdle;
    this.#whenIdle = before
      ? () => {
          before();
          then();
        }
      : then;
  }
}
