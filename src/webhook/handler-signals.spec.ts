import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HandlerSignals } from './handler-signals.js';

/** A full garbage collection, without starting Node with `--expose-gc`. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Resolves with the reason once `signal` aborts. */
function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });
}

describe('HandlerSignals', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('the handler signal', () => {
    it('gives one signal, not aborted until abort is called', () => {
      const signals = new HandlerSignals();
      const signal = signals.signal;
      expect(signals.signal).toBe(signal);
      expect(signal.aborted).toBe(false);
      expect(signals.aborted).toBe(false);
      const reason = new Error('deadline');
      signals.abort(reason);
      expect(signal.aborted).toBe(true);
      expect(signal.reason).toBe(reason);
      expect(signals.aborted).toBe(true);
    });

    it('gives a signal already aborted, with the first reason, when asked for after abort', () => {
      const signals = new HandlerSignals();
      const reason = new Error('deadline');
      signals.abort(reason);
      signals.abort(new Error('later'));
      expect(signals.signal.aborted).toBe(true);
      expect(signals.signal.reason).toBe(reason);
    });

    it('fires abort listeners added before the abort', () => {
      const signals = new HandlerSignals();
      const seen: unknown[] = [];
      signals.signal.addEventListener('abort', () => seen.push(signals.signal.reason));
      signals.abort('late');
      expect(seen).toEqual(['late']);
    });

    it('stays as it is when the call is answered', () => {
      const signals = new HandlerSignals();
      signals.release();
      expect(signals.signal.aborted).toBe(false);
    });

    it('follows a signal given from outside, budgets included', () => {
      const outside = new AbortController();
      const signals = HandlerSignals.following(outside.signal);
      const budget = signals.budget(60_000);
      expect(signals.signal).toBe(outside.signal);
      outside.abort('gone');
      expect(budget.reason).toBe('gone');
      expect(signals.timeLeftMs).toBe(0);
      expect(HandlerSignals.following(AbortSignal.abort('before')).budget(5).reason).toBe('before');
    });
  });

  describe('timeLeftMs', () => {
    it('counts down to the deadline, and never below 0', () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals(performance.now() + 1_000);
      expect(signals.timeLeftMs).toBe(1_000);
      jest.advanceTimersByTime(400);
      expect(signals.timeLeftMs).toBe(600);
      jest.advanceTimersByTime(5_000);
      expect(signals.timeLeftMs).toBe(0);
    });

    it('is 0 once the call is cancelled or answered', () => {
      const cancelled = new HandlerSignals(performance.now() + 60_000);
      cancelled.abort(new Error('client gone'));
      expect(cancelled.timeLeftMs).toBe(0);
      const answered = new HandlerSignals(performance.now() + 60_000);
      answered.release();
      expect(answered.timeLeftMs).toBe(0);
    });

    it('is Infinity without a deadline', () => {
      expect(new HandlerSignals().timeLeftMs).toBe(Infinity);
    });
  });

  describe('budget', () => {
    it('aborts after its time with a DOMException named TimeoutError', () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals(performance.now() + 1_000);
      const budget = signals.budget(200);
      jest.advanceTimersByTime(199);
      expect(budget.aborted).toBe(false);
      jest.advanceTimersByTime(1);
      expect(budget.aborted).toBe(true);
      expect(Object.prototype.toString.call(budget.reason)).toBe('[object DOMException]');
      expect(budget.reason).toMatchObject({
        name: 'TimeoutError',
        message: 'the time budget of 200 ms ran out',
      });
      expect(signals.aborted).toBe(false); // the handler's own signal goes on
    });

    it("aborts with the handler signal's reason when that comes first, and clears its timer", () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals(performance.now() + 1_000);
      const budget = signals.budget(500);
      expect(jest.getTimerCount()).toBe(1);
      const reason = new Error('the deadline passed');
      signals.abort(reason);
      expect(budget.aborted).toBe(true);
      expect(budget.reason).toBe(reason);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('needs no timer of its own when it reaches the deadline: the deadline ends it', () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals(performance.now() + 1_000);
      const budgets = [signals.budget(1_000), signals.budget(5_000), signals.budget(Infinity)];
      expect(jest.getTimerCount()).toBe(0);
      const reason = new Error('the deadline passed');
      signals.abort(reason);
      expect(budgets.map((budget) => budget.reason as unknown)).toEqual([reason, reason, reason]);
    });

    it('comes already aborted, with the reason, after the handler signal aborted', () => {
      const signals = new HandlerSignals();
      signals.abort('cancelled');
      const budget = signals.budget(100);
      expect(budget.aborted).toBe(true);
      expect(budget.reason).toBe('cancelled');
    });

    it('ends with the call: aborted with an AbortError when the call is answered, no timer left', () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals(performance.now() + 1_000);
      const budgets = [signals.budget(100), signals.budget(900)];
      expect(jest.getTimerCount()).toBe(2);
      signals.release();
      expect(jest.getTimerCount()).toBe(0);
      for (const budget of budgets) {
        expect(budget.reason).toMatchObject({
          name: 'AbortError',
          message: 'the webhook call was answered: its budgets end with it',
        });
      }
      expect(signals.budget(100).reason).toMatchObject({ name: 'AbortError' });
    });

    it('leaves nothing behind once it has fired', () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals(performance.now() + 1_000);
      const budget = signals.budget(10);
      jest.advanceTimersByTime(10);
      signals.release();
      expect(budget.reason).toMatchObject({ name: 'TimeoutError' });
      expect(jest.getTimerCount()).toBe(0);
    });

    it('takes 0 and Infinity', () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals();
      const now = signals.budget(0);
      jest.advanceTimersByTime(0);
      expect(now.reason).toMatchObject({ name: 'TimeoutError' });
      expect(signals.budget(Infinity).aborted).toBe(false);
      expect(jest.getTimerCount()).toBe(0);
    });

    it.each([-1, Number.NaN, '100', undefined])('refuses %p', (ms) => {
      expect(() => new HandlerSignals().budget(ms as number)).toThrow(RangeError);
    });

    it('still fires when nothing but the code waiting on it references it', async () => {
      // On Node 20 a signal from AbortSignal.any([...]) that nothing references is collected
      // and never fires: made that way, this budget would never abort.
      const signals = new HandlerSignals(performance.now() + 5_000);
      const fired = aborted(signals.budget(150));
      // Full collections before the budget's time: three, since one can miss an object
      // that a register or a handle still held.
      for (let round = 0; round < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        collectGarbage();
      }
      const timeout = new Promise((resolve) => setTimeout(resolve, 1_000, 'never fired'));
      await expect(Promise.race([fired, timeout])).resolves.toMatchObject({
        name: 'TimeoutError',
      });
      signals.release();
    }, 20_000);

    it('still fires at the deadline when nothing but the code waiting on it references it', async () => {
      const signals = new HandlerSignals(performance.now() + 5_000);
      const fired = aborted(signals.budget(60_000));
      collectGarbage();
      setTimeout(() => signals.abort(new Error('deadline')), 20);
      await new Promise((resolve) => setTimeout(resolve, 10));
      collectGarbage();
      const timeout = new Promise((resolve) => setTimeout(resolve, 1_000, 'never fired'));
      await expect(Promise.race([fired, timeout])).resolves.toEqual(new Error('deadline'));
    }, 20_000);
  });
});
