import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import type { CliengoHandler } from './cliengo-handler.interface.js';
import { HandlerTimeoutError } from './handler-timeout.error.js';
import { HandlerRegistry } from './handler.registry.js';
import { reply } from './reply.builder.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';

const request = { conversationId: 'c-1', channel: 'WEB' } as WebhookRequestDto;

function dispatcherWith(handle: CliengoHandler['handle'], timeoutMs = 100): WebhookDispatcher {
  const registry = new HandlerRegistry();
  registry.addQuestionHandler([1], { name: 'Subject', instance: { handle }, fallback: false });
  return new WebhookDispatcher(registry, { handlerTimeoutMs: timeoutMs });
}

/** A full garbage collection, without starting Node with `--expose-gc`. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Resolves with the reason once `signal` aborts. */
function abortOf(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true });
  });
}

describe('WebhookDispatcher', () => {
  it('answers at once, without a promise, when the handler answers synchronously', () => {
    const result = dispatcherWith(() => reply().say('hola')).dispatch(request, 1);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toMatchObject({
      outcome: 'replied',
      reply: { response: { text: ['hola'] } },
      handler: 'Subject',
      questionId: 1,
      conversationId: 'c-1',
    });
  });

  it('answers without a promise for a question without a handler', () => {
    const result = dispatcherWith(() => undefined).dispatch(request, 2);
    expect(result).toMatchObject({ outcome: 'pass-through', reply: {}, handler: null });
  });

  it('settles a promise when the handler returns one', async () => {
    const pending = dispatcherWith(() => Promise.resolve(reply().say('luego'))).dispatch(
      request,
      1,
    );
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({
      outcome: 'replied',
      reply: { response: { text: ['luego'] } },
    });
  });

  it('counts a synchronous throw as an error and answers {}', () => {
    const failure = new TypeError('boom');
    const result = dispatcherWith(() => {
      throw failure;
    }).dispatch(request, 1);
    expect(result).toMatchObject({ outcome: 'error', reply: {}, error: failure });
  });

  it('aborts the signal a handler asked for at the deadline', async () => {
    let signal: AbortSignal | undefined;
    const result = await dispatcherWith((conversation) => {
      signal = conversation.signal;
      return new Promise<undefined>(() => undefined);
    }, 20).dispatch(request, 1);
    expect(result.outcome).toBe('timeout');
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBeInstanceOf(HandlerTimeoutError);
  });

  it('gives an already aborted signal to a handler that asks for it after its deadline', async () => {
    let late: Promise<AbortSignal> | undefined;
    const result = await dispatcherWith((conversation) => {
      late = new Promise((resolve) => setTimeout(() => resolve(conversation.signal), 40));
      return new Promise<undefined>(() => undefined);
    }, 20).dispatch(request, 1);
    expect(result.outcome).toBe('timeout');
    expect((await late)?.aborted).toBe(true);
  });

  it('sends a builder reply that cannot be changed from outside the builder', () => {
    const builder = reply().say('hola');
    (builder.toJSON().response as { text: string[] }).text.push('x'.repeat(10));
    (builder.build().response as { text: string[] }).text.push('y');
    const result = dispatcherWith(() => builder).dispatch(request, 1);
    expect(result).toMatchObject({ reply: { response: { text: ['hola'] } } });
  });

  describe('time left and budgets', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('gives the handler the time left until its deadline, counted from the arrival', () => {
      let left = -1;
      const result = dispatcherWith((conversation) => {
        left = conversation.timeLeftMs;
        return undefined;
      }, 100).dispatch(request, 1, { arrivedAt: performance.now() - 40 });
      expect(result).toMatchObject({ outcome: 'pass-through' });
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(60);
    });

    it('lets a handler answer when its budget runs out before the deadline', async () => {
      const result = await dispatcherWith(async (conversation) => {
        const reason = await abortOf(conversation.budget(10));
        return reply().say(`${(reason as Error).name} at ${Math.round(conversation.timeLeftMs)}`);
      }, 1_000).dispatch(request, 1);
      expect(result.outcome).toBe('replied');
      expect(result.reply.response?.text?.[0]).toMatch(/^TimeoutError at \d+$/);
      expect(Number(/\d+$/.exec(result.reply.response!.text![0])![0])).toBeGreaterThan(900);
    });

    it('aborts a budget that outlasts the deadline at the deadline, with the deadline reason', async () => {
      let budget: AbortSignal | undefined;
      const result = await dispatcherWith((conversation) => {
        budget = conversation.budget(60_000);
        return new Promise<undefined>(() => undefined);
      }, 20).dispatch(request, 1);
      expect(result.outcome).toBe('timeout');
      expect(budget?.reason).toBeInstanceOf(HandlerTimeoutError);
    });

    it('leaves no timer behind when the call is answered, and aborts budgets still running', async () => {
      jest.useFakeTimers();
      const budgets: AbortSignal[] = [];
      const pending = dispatcherWith(async (conversation) => {
        budgets.push(conversation.budget(500), conversation.budget(5_000));
        await Promise.resolve();
        return reply().say('ya está');
      }, 10_000).dispatch(request, 1);
      await jest.advanceTimersByTimeAsync(0);
      expect((await pending).outcome).toBe('replied');
      expect(jest.getTimerCount()).toBe(0);
      expect(budgets.map((budget) => (budget.reason as Error).name)).toEqual([
        'AbortError',
        'AbortError',
      ]);
    });

    it('leaves no timer behind for a synchronous handler that asked for a budget', () => {
      jest.useFakeTimers();
      let budget: AbortSignal | undefined;
      const result = dispatcherWith((conversation) => {
        budget = conversation.budget(500);
        throw new Error('no');
      }).dispatch(request, 1);
      expect(result).toMatchObject({ outcome: 'error' });
      expect(jest.getTimerCount()).toBe(0);
      expect(budget?.aborted).toBe(true);
    });

    it('makes no timer and no AbortController for a handler that asks for neither', async () => {
      jest.useFakeTimers();
      const made = jest.spyOn(globalThis, 'AbortController');
      try {
        const answered = dispatcherWith(() => reply().say('hola')).dispatch(request, 1);
        expect(answered).toMatchObject({ outcome: 'replied' });
        expect(jest.getTimerCount()).toBe(0);
        const pending = dispatcherWith(() => Promise.resolve(reply().say('luego'))).dispatch(
          request,
          1,
        );
        expect(jest.getTimerCount()).toBe(1); // the deadline's
        await jest.advanceTimersByTimeAsync(0);
        expect((await pending).outcome).toBe('replied');
        expect(made).not.toHaveBeenCalled();
      } finally {
        made.mockRestore();
      }
    });

    it('fires a budget that only the awaited promise of the handler references', async () => {
      // A budget built on AbortSignal.any([...]) is garbage-collected on Node 20 and never
      // fires: this handler would then hang until its deadline.
      const pending = dispatcherWith(async (conversation) => {
        await abortOf(conversation.budget(150));
        return reply().say('a tiempo');
      }, 2_000).dispatch(request, 1);
      // Full collections before the budget's time: three, since one can miss an object
      // that a register or a handle still held.
      for (let round = 0; round < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        collectGarbage();
      }
      expect(await pending).toMatchObject({
        outcome: 'replied',
        reply: { response: { text: ['a tiempo'] } },
      });
    }, 20_000);
  });
});
