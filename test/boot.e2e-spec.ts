import { Injectable, Module, Scope } from '@nestjs/common';
import {
  type CliengoHandler,
  FallbackHandler,
  QuestionHandler,
  reply,
} from '../src/webhook/index.js';
import { HandlerRegistrationError } from '../src/webhook/handler-registration.error.js';
import { createTestApp } from './support/test-app.js';

@QuestionHandler([1, 2])
class FirstHandler implements CliengoHandler {
  handle() {}
}

@QuestionHandler(2)
class SecondHandler implements CliengoHandler {
  handle() {}
}

@QuestionHandler(3)
class NoHandleMethod {}

@FallbackHandler()
class FirstFallback implements CliengoHandler {
  handle() {}
}

@FallbackHandler()
class SecondFallback implements CliengoHandler {
  handle() {}
}

@QuestionHandler(5)
class AsyncFaultReplyHandler implements CliengoHandler {
  handle() {}

  // @ts-expect-error a fault reply is synchronous: the interface refuses a promise
  async onFault() {
    await Promise.resolve();
    return reply().say('Perdón, tardamos demasiado.');
  }
}

@QuestionHandler(6)
class FaultReplyNotAMethod {
  readonly onFault = 'Perdón';
  handle() {}
}

@Injectable({ scope: Scope.REQUEST })
class RequestScopedDependency {}

@QuestionHandler(4)
class RequestScopedHandler implements CliengoHandler {
  constructor(readonly dependency: RequestScopedDependency) {}
  handle() {}
}

async function bootError(...providers: Array<new (...args: never[]) => unknown>): Promise<unknown> {
  @Module({ providers })
  class HandlersUnderTest {}
  return createTestApp({ handlers: [HandlersUnderTest] }).then(
    async (app) => {
      await app.close();
      return undefined;
    },
    (error: unknown) => error,
  );
}

describe('boot-time checks of the handler registry', () => {
  it('fails when two handlers claim one question id, naming both classes', async () => {
    const error = await bootError(FirstHandler, SecondHandler);
    expect(error).toBeInstanceOf(HandlerRegistrationError);
    expect((error as Error).message).toContain(
      'question 2 is claimed by both FirstHandler and SecondHandler',
    );
  });

  it('fails when a decorated provider has no handle method, naming it', async () => {
    const error = await bootError(NoHandleMethod);
    expect((error as Error).message).toContain(
      'NoHandleMethod is decorated as a handler but has no handle',
    );
  });

  it('fails on two fallback handlers', async () => {
    const error = await bootError(FirstFallback, SecondFallback);
    expect((error as Error).message).toContain(
      'fallback handler is claimed by both FirstFallback and SecondFallback',
    );
  });

  it('fails on a handler that is not a singleton', async () => {
    const error = await bootError(RequestScopedDependency, RequestScopedHandler);
    expect((error as Error).message).toContain(
      'RequestScopedHandler is decorated as a handler but is not a singleton',
    );
  });

  it('fails on an async onFault: its reply would come after the deadline', async () => {
    const error = await bootError(AsyncFaultReplyHandler);
    expect((error as Error).message).toContain(
      'AsyncFaultReplyHandler.onFault is async: a fault reply must be returned synchronously',
    );
  });

  it('fails on an onFault that is not a method', async () => {
    const error = await bootError(FaultReplyNotAMethod);
    expect((error as Error).message).toContain('FaultReplyNotAMethod.onFault is not a method');
  });

  it('reports every problem at once', async () => {
    const error = (await bootError(
      FirstHandler,
      SecondHandler,
      NoHandleMethod,
    )) as HandlerRegistrationError;
    expect(error.problems).toHaveLength(2);
  });

  it('boots with a correct registry', async () => {
    expect(await bootError(FirstHandler, FirstFallback)).toBeUndefined();
  });

  it('refuses bad question ids and deadlines where the decorator is written', () => {
    expect(() => QuestionHandler([])).toThrow(/at least one question id/);
    expect(() => QuestionHandler(-1)).toThrow(/non-negative integers; got -1/);
    expect(() => QuestionHandler(1.5)).toThrow(/got 1.5/);
    expect(() => QuestionHandler(1, { timeoutMs: 0 })).toThrow(
      /timeoutMs must be a positive integer/,
    );
  });
});
