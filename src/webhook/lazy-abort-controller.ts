/**
 * An `AbortController` made on first use. Most handlers never look at their signal, and
 * making one costs more than the rest of a dispatch; aborting before anyone asked for the
 * signal gives, when it is asked for, a signal already aborted with the same reason.
 */
export class LazyAbortController {
  #controller?: AbortController;
  #reason?: { value: unknown };

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason.value);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.#controller) this.#controller.abort(reason);
    else this.#reason ??= { value: reason };
  }
}
