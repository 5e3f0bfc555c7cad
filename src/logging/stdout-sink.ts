import { fstatSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import sonicBoom from 'sonic-boom';
import type { BatchSink } from './batched-destination.js';

const STDOUT = 1;
/** How long the file sink may hold unwritten lines before the reader counts as stalled. */
const STALLED_AFTER_MS = 1_000;

/** Counts the lines in a batch of log lines. */
function linesIn(data: Buffer | string): number {
  const text = typeof data === 'string' ? data : data.toString('latin1');
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * Standard output as the log's sink, holding at most `maxBytes` of lines its reader has not
 * taken yet: when the reader stalls (a container runtime behind on its log pipeline, a
 * terminal paused), further batches are dropped and counted, never kept without bound, and
 * the process can still exit. A pipe or a socket (what containers and process managers give)
 * is written without blocking; a file or a terminal by sonic-boom, pino's destination.
 */
export function stdoutSink(maxBytes: number): BatchSink {
  const stdout = fstatSync(STDOUT);
  return stdout.isFIFO() || stdout.isSocket() ? streamSink(maxBytes) : fileSink(maxBytes);
}

/**
 * A pipe or socket, through a libuv stream: the descriptor is made non-blocking and written
 * from the event loop, so no thread ever waits on a reader that does not read (a thread
 * stuck in a write to a full pipe would keep the process from exiting). Batches wait in a
 * queue of our own while the stream is full; at exit, what waits is written synchronously
 * as far as the pipe takes it without waiting.
 */
function streamSink(maxBytes: number): BatchSink {
  const socket = new Socket({ fd: STDOUT, readable: false, writable: true });
  socket.unref();
  const waiting: Buffer[] = [];
  let waitingBytes = 0;
  let dropped = 0;
  let closed = false;
  socket.on('error', () => {
    // The reader is gone for good (EPIPE): nothing more can be written.
    closed = true;
    waiting.length = 0;
    waitingBytes = 0;
  });
  const pump = () => {
    while (waiting.length > 0 && !socket.writableNeedDrain) {
      const chunk = waiting.shift()!;
      waitingBytes -= chunk.length;
      socket.write(chunk);
    }
  };
  socket.on('drain', pump);
  return {
    write: (chunk) => {
      if (closed) return;
      if (waitingBytes + socket.writableLength + chunk.length > maxBytes) {
        dropped += linesIn(chunk);
        return;
      }
      waiting.push(chunk);
      waitingBytes += chunk.length;
      pump();
    },
    flushSync: () => {
      // Lines the stream holds are still on their way: writing more now would reorder them.
      if (closed || socket.writableLength > 0) return;
      for (const chunk of waiting) {
        let offset = 0;
        try {
          while (offset < chunk.length) offset += writeSync(STDOUT, chunk, offset);
        } catch {
          return; // EAGAIN: the pipe is full, and the process is leaving.
        }
      }
    },
    droppedLines: () => dropped,
  };
}

/**
 * A file or a terminal, through sonic-boom in buffer mode (it is given batches of bytes; its
 * types only speak of strings). At exit, what it holds is written synchronously, unless the
 * reader has stalled. (Made directly rather than with `pino.destination`, whose own exit
 * hook writes synchronously whatever the reader does.)
 */
function fileSink(maxBytes: number): BatchSink {
  const sonic = new sonicBoom.SonicBoom({
    fd: STDOUT,
    sync: false,
    contentMode: 'buffer',
    maxLength: maxBytes,
  });
  let closed = false;
  let dropped = 0;
  // Whether lines wait to be written, and when the reader last took some.
  let waiting = false;
  let progressAt = 0;
  sonic.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
  });
  sonic.on('drop', (data: Buffer | string) => {
    dropped += linesIn(data);
  });
  sonic.on('write', () => {
    progressAt = performance.now();
  });
  sonic.on('drain', () => {
    waiting = false;
  });
  return {
    write: (chunk) => {
      if (closed) return;
      if (!waiting) {
        waiting = true;
        progressAt = performance.now();
      }
      sonic.write(chunk as unknown as string);
    },
    flushSync: () => {
      if (closed || (waiting && performance.now() - progressAt > STALLED_AFTER_MS)) return;
      sonic.flushSync();
    },
    droppedLines: () => dropped,
  };
}
