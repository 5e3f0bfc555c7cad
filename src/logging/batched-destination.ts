import type { DestinationStream } from 'pino';

/** Where a batch goes. */
export interface BatchSink {
  write(chunk: string): unknown;
  /** Writes what the sink itself still holds, synchronously (at exit). */
  flushSync?(): void;
}

/**
 * A pino destination that gathers lines and hands them to its sink in batches: one batch
 * per 64 KiB or per `intervalMs` (250 ms), whichever comes first, and the rest when the
 * process exits. When traffic is low a line waits a quarter of a second at most.
 *
 * The sink is pino's asynchronous destination (sonic-boom), so a slow disk or log reader
 * never blocks a request. Given lines one by one, sonic-boom measures its whole pending
 * buffer on every line, which makes each line cost more the more lines wait; here a line
 * costs an array push, and sonic-boom sees a few writes a second.
 */
export class BatchedDestination implements DestinationStream {
  #lines: string[] = [];
  #length = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly sink: BatchSink,
    private readonly maxBatchLength = 64 * 1024,
    intervalMs = 250,
  ) {
    this.#timer = setInterval(() => this.flush(), intervalMs).unref();
    process.once('exit', this.#onExit);
  }

  write(line: string): void {
    this.#lines.push(line);
    this.#length += line.length;
    if (this.#length >= this.maxBatchLength) this.flush();
  }

  /** Writes the pending lines now. */
  flush(): void {
    if (this.#lines.length === 0) return;
    const batch = this.#lines.length === 1 ? this.#lines[0] : this.#lines.join('');
    this.#lines = [];
    this.#length = 0;
    this.sink.write(batch);
  }

  /** Hands over the pending lines and stops the timer (and the exit hook). */
  close(): void {
    this.flush();
    clearInterval(this.#timer);
    process.off('exit', this.#onExit);
  }

  readonly #onExit = () => {
    this.flush();
    try {
      this.sink.flushSync?.();
    } catch {
      // The sink is gone (closed or not open yet): nothing more can be written.
    }
  };
}
