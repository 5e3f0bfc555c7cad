/** How often the lag is sampled. */
const SAMPLE_INTERVAL_MS = 20;
/** How much of the last sample's lag each new sample keeps, so a burst is not forgotten at once. */
const DECAY = 0.5;

/**
 * How late the event loop runs: a timer due every 20 ms measures how much later it fires.
 * A request handled in the middle of a long loop iteration cannot wait for the next sample,
 * so the lag it sees is also at least how long the loop has been busy since the last one.
 * This is the signal that the process has more work than it can do: requests wait in the
 * socket buffers for the loop before any of our code sees them.
 */
export class EventLoopLag {
  #timer: NodeJS.Timeout | undefined;
  #lastSample = performance.now();
  #sampledMs = 0;

  start(): void {
    if (this.#timer) return;
    this.#lastSample = performance.now();
    this.#timer = setInterval(() => this.#sample(), SAMPLE_INTERVAL_MS).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The lag now, in milliseconds. */
  get currentMs(): number {
    if (!this.#timer) return 0;
    const busy = performance.now() - this.#lastSample - SAMPLE_INTERVAL_MS;
    return busy > this.#sampledMs ? busy : this.#sampledMs;
  }

  #sample(): void {
    const now = performance.now();
    const lag = Math.max(0, now - this.#lastSample - SAMPLE_INTERVAL_MS);
    this.#sampledMs = Math.max(lag, this.#sampledMs * DECAY);
    this.#lastSample = now;
  }
}
