import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { BatchedDestination } from './batched-destination.js';

describe('BatchedDestination', () => {
  const open: BatchedDestination[] = [];
  const destination = (maxBatchLength: number, intervalMs = 250) => {
    const writes: string[] = [];
    const subject = new BatchedDestination(
      { write: (chunk) => writes.push(chunk) },
      maxBatchLength,
      intervalMs,
    );
    open.push(subject);
    return { subject, writes };
  };

  afterEach(() => {
    open.splice(0).forEach((subject) => subject.close());
    jest.useRealTimers();
  });

  it('writes lines in one batch once they reach the batch length, in order', () => {
    const { subject, writes } = destination(10);
    subject.write('one\n');
    subject.write('two\n');
    expect(writes).toEqual([]);
    subject.write('three\n');
    expect(writes).toEqual(['one\ntwo\nthree\n']);
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
      write: (chunk) => events.push(`write ${chunk}`),
      flushSync: () => events.push('flushSync'),
    });
    open.push(subject);
    subject.write('c\n');
    process.emit('exit', 0);
    expect(events).toEqual(['write c\n', 'flushSync']);
  });
});
