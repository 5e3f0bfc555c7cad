import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How often the loop is sampled. */
const SAMPLE_INTERVAL_MS = 20;
/** How much of the last sample's lag each new sample keeps, so a burst is not forgotten at once. */
const LAG_DECAY = 0.5;
/**
 * The time constant of the utilization's moving average: about the last half second counts,
 * so that one long synchronous stretch does not read as saturation, while a loop that never
 * rests does within about a second.
 */
const UTILIZATION_TAU_MS = 500;

/**
 * How loaded the event loop is, sampled every 20 ms:
 * - its **lag**: how much later than due the sampling timer fires. A request handled in
 *   the middle of a long loop iteration cannot wait for the next sample, so the lag it sees
 *   is also at least how long the loop has been busy since the last one. This shows a loop
 *   held by long synchronous work.
 * - its **utilization**: the share of the last moments (a moving average over about 100 ms)
 *   the loop spent working rather than waiting for I/O. This shows saturation: a process
 *   that gets more requests than it can handle runs its loop all the time, in short
 *   iterations (so the lag stays small), while the requests it has no time for wait in
 *   the kernel's queues, where no lag is measured.
 *
 * For shedding, the lag counts once it is **sustained** (`sustainedLagMs`): one pause (a
 * garbage collection, one slow synchronous handler, the machine briefly starved of CPU)
 * delays the calls waiting behind it by no more than itself, and shedding them would only
 * take answers from visitors that would have had them in time.
 */
export class EventLoopLoad {
  #timer: NodeJS.Timeout | undefined;
  #lastSample = performance.now();
  #lastUse: EventLoopUtilization = performance.eventLoopUtilization();
  #sampledLagMs = 0;
  /** The raw lag of the last sample, and of the one before it. */
  #lastLagMs = 0;
  #lagBeforeMs = 0;
  #utilization = 0;

  start(): void {
    if (this.#timer) return;
    this.#lastSample = performance.now();
    this.#lastUse = performance.eventLoopUtilization();
    this.#lastLagMs = this.#lagBeforeMs = this.#sampledLagMs = this.#utilization = 0;
    this.#timer = setInterval(() => this.#sample(), SAMPLE_INTERVAL_MS).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The lag now, in milliseconds. */
  get lagMs(): number {
    if (!this.#timer) return 0;
    const busy = performance.now() - this.#lastSample - SAMPLE_INTERVAL_MS;
    return busy > this.#sampledLagMs ? busy : this.#sampledLagMs;
  }

  /**
   * The lag that has held over the last two measurements (the one under way counting once it
   * is late itself), in milliseconds: the smaller of the two, so a single pause reads as none.
   */
  get sustainedLagMs(): number {
    if (!this.#timer) return 0;
    const ongoing = performance.now() - this.#lastSample - SAMPLE_INTERVAL_MS;
    const lastTwo = Math.min(this.#lastLagMs, this.#lagBeforeMs);
    const withOngoing = Math.min(ongoing, this.#lastLagMs);
    return withOngoing > lastTwo ? withOngoing : lastTwo;
  }

  /** The share of the last moments the loop was busy, from 0 to 1. */
  get utilization(): number {
    return this.#timer ? this.#utilization : 0;
  }

  #sample(): void {
    const now = performance.now();
    const elapsed = now - this.#lastSample;
    const lag = Math.max(0, elapsed - SAMPLE_INTERVAL_MS);
    this.#sampledLagMs = Math.max(lag, this.#sampledLagMs * LAG_DECAY);
    this.#lagBeforeMs = this.#lastLagMs;
    this.#lastLagMs = lag;
    const use = performance.eventLoopUtilization();
    const recent = performance.eventLoopUtilization(use, this.#lastUse).utilization;
    // Weighted by the time each sample covers: a long busy stretch counts for what it is.
    const weight = 1 - Math.exp(-elapsed / UTILIZATION_TAU_MS);
    this.#utilization += weight * (recent - this.#utilization);
    this.#lastUse = use;
    this.#lastSample = now;
  }
}
