import { describe, expect, it } from '@jest/globals';
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
});
