import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import type { CliengoHandler } from './cliengo-handler.interface.js';
import type { Conversation } from './conversation.context.js';
import type { DispatchCancellation } from './dispatch-options.js';
import type { HandlerFault } from './handler-fault.js';
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

/** A dispatcher whose question 1 is answered by `instance` (question 2: the fallback, if asked). */
function dispatcherOf(
  instance: CliengoHandler,
  options: { timeoutMs?: number; fallback?: boolean } = {},
): WebhookDispatcher {
  const registry = new HandlerRegistry();
  const handler = { name: 'Subject', instance, fallback: options.fallback ?? false };
  if (options.fallback) registry.setFallback(handler);
  else registry.addQuestionHandler([1], handler);
  return new WebhookDispatcher(registry, { handlerTimeoutMs: options.timeoutMs ?? 100 });
}

const SORRY = 'No pudimos consultar el sistema, intentá de nuevo en unos minutos.';

/** A handler whose `handle` is given, with a fault reply that says SORRY and records its calls. */
function withFaultReply(handle: CliengoHandler['handle']) {
  const faults: Array<{ fault: HandlerFault; aborted: boolean; timeLeftMs: number }> = [];
  const instance: CliengoHandler = {
    handle,
    onFault(fault: HandlerFault, conversation: Conversation) {
      faults.push({
        fault,
        aborted: conversation.signal.aborted,
        timeLeftMs: conversation.timeLeftMs,
      });
      return conversation.reply().say(SORRY);
    },
  };
  return { instance, faults };
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

  describe('fault replies', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('sends the fault reply at the deadline, with the signal aborted and no time left', async () => {
      jest.useFakeTimers();
      const { instance, faults } = withFaultReply(() => new Promise<undefined>(() => undefined));
      let answered = false;
      const pending = Promise.resolve(
        dispatcherOf(instance, { timeoutMs: 500 }).dispatch(request, 1),
      );
      void pending.then(() => (answered = true));
      await jest.advanceTimersByTimeAsync(499);
      expect(answered).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(answered).toBe(true);
      expect(await pending).toMatchObject({
        outcome: 'timeout',
        faultReply: 'sent',
        reply: { response: { text: [SORRY] } },
      });
      expect(faults).toHaveLength(1);
      expect(faults[0].fault).toMatchObject({ kind: 'timeout', timeoutMs: 500 });
      expect((faults[0].fault as { error: unknown }).error).toBeInstanceOf(HandlerTimeoutError);
      expect(faults[0]).toMatchObject({ aborted: true, timeLeftMs: 0 });
    });

    it('sends the fault reply when the handler throws, with what it threw', () => {
      const failure = new TypeError('no answer to read');
      const { instance, faults } = withFaultReply(() => {
        throw failure;
      });
      const result = dispatcherOf(instance).dispatch(request, 1);
      expect(result).not.toBeInstanceOf(Promise);
      expect(result).toMatchObject({
        outcome: 'error',
        error: failure,
        faultReply: 'sent',
        reply: { response: { text: [SORRY] } },
      });
      expect(faults[0].fault).toEqual({ kind: 'error', error: failure });
      expect(faults[0].aborted).toBe(false);
    });

    it('sends the fault reply when the handler rejects, whatever the value', async () => {
      const thrown = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      const { instance, faults } = withFaultReply(() => Promise.reject(thrown));
      expect(await dispatcherOf(instance).dispatch(request, 1)).toMatchObject({
        outcome: 'error',
        error: thrown,
        faultReply: 'sent',
        reply: { response: { text: [SORRY] } },
      });
      expect(faults[0].fault).toEqual({ kind: 'error', error: thrown });
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- handlers reject with anything
      const { instance: other } = withFaultReply(() => Promise.reject(undefined));
      expect(await dispatcherOf(other).dispatch(request, 1)).toMatchObject({
        outcome: 'error',
        faultReply: 'sent',
      });
    });

    it('sends the fault reply instead of a reply that breaks the contract, with its fields', async () => {
      const { instance, faults } = withFaultReply(() =>
        Promise.resolve({ response: { response_type: 'LIST' as const } }),
      );
      const result = await dispatcherOf(instance).dispatch(request, 1);
      expect(result).toMatchObject({
        outcome: 'invalid-reply',
        faultReply: 'sent',
        reply: { response: { text: [SORRY] } },
      });
      expect(Object.keys(result.fields!)).toEqual(['response.response_type']);
      expect(faults[0].fault).toStrictEqual({ kind: 'invalid-reply', fields: result.fields });
    });

    it('sends the fault reply instead of a reply that cannot be serialised', () => {
      const { instance, faults } = withFaultReply(() => ({ custom: { big: 1n } }));
      const result = dispatcherOf(instance).dispatch(request, 1);
      expect(result).toMatchObject({ outcome: 'invalid-reply', faultReply: 'sent' });
      expect(faults[0].fault).toStrictEqual({ kind: 'invalid-reply', error: expect.any(Error) });
    });

    it('checks a plain fault reply as any reply, and sends it as JSON', () => {
      const instance: CliengoHandler = {
        handle: () => {
          throw new Error('down');
        },
        onFault: () => ({ response: { text: [SORRY], stopChat: true } }),
      };
      expect(dispatcherOf(instance).dispatch(request, 1)).toMatchObject({
        faultReply: 'sent',
        reply: { response: { text: [SORRY], stopChat: true } },
      });
    });

    it('answers {} when the fault reply breaks the contract, with its fields', () => {
      const instance: CliengoHandler = {
        handle: () => {
          throw new Error('down');
        },
        onFault: () => ({ response: { text: [SORRY] }, mood: 'sorry' }) as never,
      };
      const result = dispatcherOf(instance).dispatch(request, 1);
      expect(result).toMatchObject({ outcome: 'error', reply: {}, faultReply: 'invalid' });
      expect(Object.keys((result as { faultReplyFields: object }).faultReplyFields)).toEqual([
        'mood',
      ]);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const unserialisable = dispatcherOf({
        handle: () => Promise.reject(new Error('down')),
        onFault: () => ({ custom: cyclic }),
      }).dispatch(request, 1);
      return expect(unserialisable).resolves.toMatchObject({
        reply: {},
        faultReply: 'invalid',
        faultReplyError: expect.any(TypeError),
      });
    });

    it('answers {} when onFault throws, with what it threw', () => {
      const failure = new Error('onFault broke');
      const result = dispatcherOf({
        handle: () => {
          throw new Error('down');
        },
        onFault: () => {
          throw failure;
        },
      }).dispatch(request, 1);
      expect(result).toMatchObject({
        outcome: 'error',
        reply: {},
        faultReply: 'threw',
        faultReplyError: failure,
      });
    });

    it('answers {} at once when onFault returns a promise, and lets its rejection go', async () => {
      const unhandled: unknown[] = [];
      const listener = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', listener);
      try {
        const result = await dispatcherOf({
          handle: () => Promise.reject(new Error('down')),
          onFault: (() => Promise.reject(new Error('too late'))) as never,
        }).dispatch(request, 1);
        expect(result).toMatchObject({ outcome: 'error', reply: {}, faultReply: 'async' });
        await new Promise((resolve) => setTimeout(resolve, 10));
        expect(unhandled).toEqual([]);
      } finally {
        process.off('unhandledRejection', listener);
      }
    });

    it('answers {} when onFault returns nothing or an empty reply', () => {
      for (const nothing of [undefined, null, {}, reply()]) {
        const result = dispatcherOf({
          handle: () => {
            throw new Error('down');
          },
          onFault: () => nothing,
        }).dispatch(request, 1);
        expect(result).toMatchObject({ outcome: 'error', reply: {}, faultReply: 'pass-through' });
      }
    });

    it('answers {} without a fault reply when the handler has no onFault', () => {
      const result = dispatcherWith(() => {
        throw new Error('down');
      }).dispatch(request, 1);
      expect(result).toMatchObject({ outcome: 'error', reply: {} });
      expect((result as { faultReply?: unknown }).faultReply).toBeUndefined();
    });

    it("calls onFault as the handler's method", () => {
      class Lookup implements CliengoHandler {
        readonly sorry = SORRY;
        handle(): undefined {
          throw new Error('down');
        }
        onFault(_fault: HandlerFault, conversation: Conversation) {
          return conversation.reply().say(this.sorry);
        }
      }
      expect(dispatcherOf(new Lookup()).dispatch(request, 1)).toMatchObject({
        faultReply: 'sent',
        reply: { response: { text: [SORRY] } },
      });
    });

    it("sends the fallback handler's fault reply, and the outcome stays the fault's", async () => {
      const { instance } = withFaultReply(() => Promise.reject(new Error('down')));
      expect(await dispatcherOf(instance, { fallback: true }).dispatch(request, 2)).toMatchObject({
        outcome: 'error',
        handler: 'Subject',
        faultReply: 'sent',
        reply: { response: { text: [SORRY] } },
      });
    });

    it('sends no fault reply for a call cancelled while its handler runs', async () => {
      const { instance, faults } = withFaultReply(() => new Promise<undefined>(() => undefined));
      const cancellation: DispatchCancellation = { cancelled: undefined, onCancel: undefined };
      const pending = dispatcherOf(instance, { timeoutMs: 1_000 }).dispatch(request, 1, {
        cancellation,
      });
      cancellation.onCancel?.('shutdown');
      expect(await pending).toMatchObject({ outcome: 'shutdown', reply: {} });
      expect(faults).toEqual([]);
    });
  });
});
