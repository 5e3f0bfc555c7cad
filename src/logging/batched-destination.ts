import type { DestinationStream } from 'pino';

/** Where a batch goes. */
export interface BatchSink {
  write(chunk: Buffer): unknown;
  /** Writes what the sink itself still holds, synchronously (at exit). */
  flushSync?(): void;
  /** Lines the sink has dropped so far (its buffer was full: the reader did not keep up). */
  droppedLines?(): number;
}

/**
 * A pino destination that gathers lines and hands them to its sink in batches: a batch is
 * written when the next line would not fit in it (64 KiB), every `intervalMs` (250 ms), and
 * when the process exits. When traffic is low a line waits a quarter of a second at most.
 *
 * Each line is copied, as UTF-8, into the batch's buffer as it comes. The buffer is outside
 * the JavaScript heap, so a waiting line costs the garbage collector nothing: pino builds a
 * line out of many small strings, and kept as strings until their batch is written, they
 * outlived young-generation collections, were copied into the old generation and filled it.
 *
 * The sink is pino's asynchronous destination (sonic-boom, in buffer mode), so a slow disk or
 * log reader never blocks a request; it sees a few writes a second. When the sink drops lines
 * (its buffer is bounded), the next batch starts with a warning line that counts them.
 */
export class BatchedDestination implements DestinationStream {
  #batch: Buffer;
  #length = 0;
  #droppedReported = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly sink: BatchSink,
    private readonly batchBytes = 64 * 1024,
    intervalMs = 250,
  ) {
    this.#batch = Buffer.allocUnsafeSlow(batchBytes);
    this.#timer = setInterval(() => this.flush(), intervalMs).unref();
    process.once('exit', this.#onExit);
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line);
    if (bytes > this.batchBytes - this.#length) {
      this.flush();
      if (bytes > this.batchBytes) {
        this.sink.write(Buffer.from(line));
        return;
      }
    }
    this.#length += this.#batch.write(line, this.#length);
  }

  /** Lines dropped so far because the reader did not keep up. */
  get droppedLines(): number {
    return this.sink.droppedLines?.() ?? 0;
  }

  /** Writes the pending lines now. */
  flush(): void {
    if (this.#length === 0) return;
    const reported = this.#droppedReported;
    this.#reportDrops();
    // The sink may hold the batch until its write is done: the next lines go to a new buffer.
    const batch = this.#batch.subarray(0, this.#length);
    this.#batch = Buffer.allocUnsafeSlow(this.batchBytes);
    this.#length = 0;
    const dropped = this.droppedLines;
    this.sink.write(batch);
    // Dropped with its batch, the report did not reach the reader: the next one counts again.
    if (this.droppedLines !== dropped) this.#droppedReported = reported;
  }

  /**
   * Puts a line counting the lines dropped since the last report in front of the batch. If
   * that batch is dropped too, its lines, this one with them, are counted in the next report.
   */
  #reportDrops(): void {
    const dropped = this.droppedLines;
    if (dropped === this.#droppedReported) return;
    const line = `${JSON.stringify({
      level: 'warn',
      time: new Date().toISOString(),
      context: 'Logs',
      droppedLines: dropped - this.#droppedReported,
      msg: 'Log lines were dropped: standard output was not read fast enough',
    })}\n`;
    this.#droppedReported = dropped;
    const report = Buffer.from(line);
    if (report.length <= this.batchBytes - this.#length) {
      this.#batch.copy(this.#batch, report.length, 0, this.#length);
      report.copy(this.#batch, 0);
      this.#length += report.length;
    } else {
      this.sink.write(report);
    }
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
