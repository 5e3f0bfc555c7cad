import { describe, expect, it } from '@jest/globals';
import { LazyAbortController } from './lazy-abort-controller.js';

describe('LazyAbortController', () => {
  it('gives one signal, not aborted until abort is called', () => {
    const controller = new LazyAbortController();
    const signal = controller.signal;
    expect(controller.signal).toBe(signal);
    expect(signal.aborted).toBe(false);
    const reason = new Error('deadline');
    controller.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });

  it('gives a signal already aborted, with the reason, when asked for after abort', () => {
    const controller = new LazyAbortController();
    const reason = new Error('deadline');
    controller.abort(reason);
    controller.abort(new Error('later'));
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe(reason);
  });

  it('fires abort listeners added before the abort', () => {
    const controller = new LazyAbortController();
    const seen: unknown[] = [];
    controller.signal.addEventListener('abort', () => seen.push(controller.signal.reason));
    controller.abort('late');
    expect(seen).toEqual(['late']);
  });
});
