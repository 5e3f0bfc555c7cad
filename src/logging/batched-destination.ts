import type { DestinationStream } from 'pino';

/** Where a batch goes: standard output by default. */
export interface BatchSink {
  write(chunk: string): unknown;
}

/**
 * A pino destination that gathers lines and writes them in batches: one write per 64 KiB
 * or per `intervalMs` (250 ms), whichever comes first, and the rest when the process
 * exits. Under load that is one system call for a few hundred lines instead of one per
 * line; when traffic is low a line waits a quarter of a second at most.
 *
 * pino's own asynchronous destination (sonic-boom) measures its whole pending buffer on
 * every line, which makes each line cost more the more lines wait; here a line costs an
 * array push.
 */
export class BatchedDestination implements DestinationStream {
  #lines: string[] = [];
  #length = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly sink: BatchSink = process.stdout,
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

  /** Writes the pending lines and stops the timer (and the exit hook). */
  close(): void {
    this.flush();
    clearInterval(this.#timer);
    process.off('exit', this.#onExit);
  }

  readonly #onExit = () => this.flush();
}
