import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { BatchedDestination } from './batched-destination.js';

describe('BatchedDestination', () => {
  const open: BatchedDestination[] = [];
  const destination = (batchBytes: number, intervalMs = 250) => {
    const writes: string[] = [];
    const subject = new BatchedDestination(
      { write: (chunk) => writes.push(chunk.toString('utf8')) },
      batchBytes,
      intervalMs,
    );
    open.push(subject);
    return { subject, writes };
  };

  afterEach(() => {
    open.splice(0).forEach((subject) => subject.close());
    jest.useRealTimers();
  });

  it('writes a batch, in order, when the next line would not fit in it', () => {
    const { subject, writes } = destination(14);
    subject.write('one\n');
    subject.write('two\n');
    expect(writes).toEqual([]);
    subject.write('three\n'); // 4 + 4 + 6 bytes: fills the batch exactly
    expect(writes).toEqual([]);
    subject.write('x\n');
    expect(writes).toEqual(['one\ntwo\nthree\n']);
    subject.close();
    expect(writes).toEqual(['one\ntwo\nthree\n', 'x\n']);
  });

  it('counts bytes, not characters, and keeps every character whole', () => {
    const { subject, writes } = destination(8);
    subject.write('ñ✓\n'); // 2 + 3 + 1 bytes
    subject.write('ñ\n'); // 3 more bytes would make 9
    subject.write('✓\n');
    subject.close();
    expect(writes).toEqual(['ñ✓\n', 'ñ\n✓\n']);
  });

  it('writes a line longer than a batch on its own, after what waits', () => {
    const { subject, writes } = destination(8);
    subject.write('a\n');
    subject.write('a long line\n');
    subject.write('b\n');
    subject.close();
    expect(writes).toEqual(['a\n', 'a long line\n', 'b\n']);
  });

  it('hands each batch over in a buffer it does not write into again', () => {
    const chunks: Buffer[] = [];
    const subject = new BatchedDestination({ write: (chunk) => chunks.push(chunk) }, 8);
    open.push(subject);
    subject.write('first\n');
    subject.flush();
    subject.write('second\n');
    subject.flush();
    expect(chunks.map((chunk) => chunk.toString('utf8'))).toEqual(['first\n', 'second\n']);
  });

  it('writes what waits at each interval, and nothing when nothing waits', () => {
    jest.useFakeTimers();
    const { subject, writes } = destination(1_000, 250);
    subject.write('line\n');
    jest.advanceTimersByTime(249);
    expect(writes).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(writes).toEqual(['line\n']);
    jest.advanceTimersByTime(1_000);
    expect(writes).toEqual(['line\n']);
  });

  it('writes what waits when closed, and when the process exits', () => {
    const { subject, writes } = destination(1_000);
    subject.write('a\n');
    subject.close();
    expect(writes).toEqual(['a\n']);

    const second = destination(1_000);
    second.subject.write('b\n');
    process.emit('exit', 0);
    expect(second.writes).toEqual(['b\n']);
  });

  it('at exit, also makes the sink write synchronously what it still holds', () => {
    const events: string[] = [];
    const subject = new BatchedDestination({
      write: (chunk) => events.push(`write ${chunk.toString('utf8')}`),
      flushSync: () => events.push('flushSync'),
    });
    open.push(subject);
    subject.write('c\n');
    process.emit('exit', 0);
    expect(events).toEqual(['write c\n', 'flushSync']);
  });
});
