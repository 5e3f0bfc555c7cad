import { Injectable, Module } from '@nestjs/common';
import { HandlerRegistrationError } from '../../webhook/handler-registration.error.js';
import {
  type CliengoHandler,
  type Conversation,
  FallbackHandler,
  type HandlerFault,
  QuestionHandler,
} from '../../webhook/index.js';
import {
  DispatchedReply,
  expectReply,
  HandlerTestKit,
  InvalidTestRequestError,
  webhookRequest,
} from './index.js';

@Injectable()
class Greeter {
  greet(name: string | undefined): string {
    return `¡Hola ${name ?? 'visitante'}!`;
  }
}

@QuestionHandler(1)
class GreetingHandler implements CliengoHandler {
  constructor(private readonly greeter: Greeter) {}

  handle(conversation: Conversation) {
    return conversation
      .reply()
      .say(this.greeter.greet(conversation.lead.name))
      .setCustom('heard', conversation.visitorMessage ?? '')
      .setCustom('channel', conversation.channel);
  }
}

@QuestionHandler(2)
class ThrowingHandler implements CliengoHandler {
  handle(): never {
    throw new Error('the CRM is down');
  }
}

@QuestionHandler(3)
class InvalidReplyHandler implements CliengoHandler {
  handle() {
    return { response: { response_type: 'LIST' as const } };
  }
}

@QuestionHandler(4)
class SilentHandler implements CliengoHandler {
  handle(): void {}
}

/** Waits `ms`, or until the deadline aborts the signal. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

@QuestionHandler(5, { timeoutMs: 30 })
class OverrunningHandler implements CliengoHandler {
  async handle(conversation: Conversation) {
    await sleep(500, conversation.signal);
    return conversation.signal.aborted ? undefined : conversation.reply().say('too late');
  }
}

@QuestionHandler(6)
class RawReader implements CliengoHandler {
  handle(conversation: Conversation) {
    const flow = conversation.raw.flow as { last_question_messages?: { order?: number } };
    return conversation.reply().setCustom('order', flow.last_question_messages?.order ?? -1);
  }
}

@QuestionHandler(7)
class SlowDefaultDeadlineHandler implements CliengoHandler {
  async handle(conversation: Conversation) {
    await sleep(200, conversation.signal);
    return conversation.signal.aborted ? undefined : conversation.reply().say('done');
  }
}

/** Rejects as `fetch` does when its `AbortSignal.timeout(...)` fires. */
@QuestionHandler(8)
class TimedOutLookupHandler implements CliengoHandler {
  async handle(): Promise<undefined> {
    await Promise.resolve();
    throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
  }
}

const SORRY = 'No pudimos consultar el sistema, intentá de nuevo en unos minutos.';

/** Overruns its deadline, or rejects, as the visitor's message says; tells the visitor so. */
@QuestionHandler(9, { timeoutMs: 30 })
class LookupWithFaultReply implements CliengoHandler {
  static lastFault: HandlerFault | undefined;

  async handle(conversation: Conversation) {
    if (conversation.visitorMessage === 'falla') throw new Error('the CRM is down');
    await sleep(500, conversation.signal);
    return undefined;
  }

  onFault(fault: HandlerFault, conversation: Conversation) {
    LookupWithFaultReply.lastFault = fault;
    return conversation.reply().say(SORRY).expectText();
  }
}

/** Its fault reply breaks the contract: the visitor gets {}. */
@QuestionHandler(10)
class BrokenFaultReplyHandler implements CliengoHandler {
  handle(): never {
    throw new Error('the CRM is down');
  }

  onFault() {
    return { response: { response_type: 'LIST' as const } };
  }
}

@FallbackHandler()
class Fallback implements CliengoHandler {
  handle(conversation: Conversation) {
    return conversation.reply().say(`fallback for ${conversation.questionId ?? 'none'}`);
  }
}

@Module({
  providers: [
    Greeter,
    GreetingHandler,
    ThrowingHandler,
    InvalidReplyHandler,
    SilentHandler,
    OverrunningHandler,
    RawReader,
    SlowDefaultDeadlineHandler,
    TimedOutLookupHandler,
    LookupWithFaultReply,
    BrokenFaultReplyHandler,
  ],
})
class TestHandlersModule {}

describe('HandlerTestKit', () => {
  let kit: HandlerTestKit;

  beforeAll(async () => {
    kit = await HandlerTestKit.create({
      imports: [TestHandlersModule],
      providers: [Fallback],
      handlerTimeoutMs: 100,
    });
  });
  afterAll(() => kit.close());

  it('runs the handler with its injected services and reports the outcome', async () => {
    const reply = await kit.send(
      webhookRequest().question(1).visitorSays('hola').lead({ name: 'Ariel' }).channel('INSTAGRAM'),
    );

    expect(reply).toBeInstanceOf(DispatchedReply);
    expect(reply.outcome).toBe('replied');
    expect(reply.handler).toBe('GreetingHandler');
    expect(reply.questionId).toBe(1);
    expect(reply.texts).toEqual(['¡Hola Ariel!']);
    expect(reply.custom).toEqual({ heard: 'hola', channel: 'INSTAGRAM' });
    expect(reply.stopChat).toBe(false);
    expect(reply.flow).toBeUndefined();
    expect(reply.isPassThrough).toBe(false);
    expect(reply.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('routes send() by flow.last_question_id and sendToQuestion() by the given id', async () => {
    const request = webhookRequest().question(4).visitorSays('hola');

    expect((await kit.send(request)).handler).toBe('SilentHandler');
    expect((await kit.sendToQuestion(1, request)).handler).toBe('GreetingHandler');
  });

  it('reports each outcome of the dispatch path', async () => {
    const on = (questionId: number) =>
      kit.sendToQuestion(questionId, webhookRequest().visitorSays('x'));

    expectReply(await on(2)).toPassThrough('error');
    expect((await on(2)).error).toEqual(new Error('the CRM is down'));
    const invalid = await on(3);
    expectReply(invalid).toPassThrough('invalid-reply');
    expect(invalid.fields).toHaveProperty(['response.response_type']);
    expectReply(await on(4)).toPassThrough('pass-through');
    expectReply(await on(5)).toPassThrough('timeout');
    expectReply(await on(99))
      .toHaveOutcome('fallback')
      .toSay('fallback for 99');
  });

  it('names a DOMException the handler rejected with, not {}', async () => {
    const reply = await kit.sendToQuestion(8, webhookRequest());

    expectReply(reply).toPassThrough('error');
    expect(reply.describe()).toMatch(
      /; the handler threw TimeoutError: The operation was aborted due to timeout$/,
    );
  });

  it("shows the handler's fault reply at its deadline, and says it was sent", async () => {
    const reply = await kit.sendToQuestion(9, webhookRequest().visitorSays('30123456'));

    expectReply(reply).toBeFaultReply('timeout').toSay(SORRY).toExpect('TEXT');
    expect(reply.outcome).toBe('timeout');
    expect(reply.faultReply).toBe('sent');
    expect(reply.isFaultReply).toBe(true);
    expect(reply.durationMs).toBeLessThan(400);
    expect(reply.describe()).toMatch(
      /^timeout by LookupWithFaultReply on question 9 in .*; fault reply sent$/,
    );
    expect(LookupWithFaultReply.lastFault).toMatchObject({ kind: 'timeout', timeoutMs: 30 });
  });

  it("shows the handler's fault reply when it throws", async () => {
    const reply = await kit.sendToQuestion(9, webhookRequest().visitorSays('falla'));

    expectReply(reply).toBeFaultReply('error').toSay(SORRY);
    expect(reply.error).toEqual(new Error('the CRM is down'));
    expect(reply.describe()).toMatch(
      /; the handler threw Error: the CRM is down; fault reply sent$/,
    );
  });

  it('shows {} when the fault reply breaks the contract, and where', async () => {
    const reply = await kit.sendToQuestion(10, webhookRequest());

    expectReply(reply).toPassThrough('error');
    expect(reply.faultReply).toBe('invalid');
    expect(reply.faultReplyFields).toHaveProperty(['response.response_type']);
    expect(reply.describe()).toMatch(/; fault reply problems: response\.response_type: .*: \{\}$/);
    expect(() => expectReply(reply).toBeFaultReply()).toThrow(/to be the fault reply/);
  });

  it('applies the kit default deadline to handlers without their own', async () => {
    expect(kit.deadlineOf(7)).toBe(100);
    expect(kit.deadlineOf(5)).toBe(30);
    expect(kit.deadlineOf(99)).toBe(100); // the fallback's
    expectReply(await kit.sendToQuestion(7, webhookRequest())).toPassThrough('timeout');
  });

  it('gives handlers the payload as it arrives over HTTP, undocumented fields included', async () => {
    const reply = await kit.send(
      webhookRequest()
        .question(6)
        .with({ flow: { last_question_messages: { order: 4 } }, campaign: { id: 'x' } }),
    );

    expect(reply.custom).toEqual({ order: 4 });
    expect(reply.request.flow?.last_question_id).toBe(6);
    expect((reply.request as unknown as Record<string, unknown>).campaign).toEqual({ id: 'x' });
  });

  it('refuses a request the service would answer 400, naming the fields', async () => {
    const bad = webhookRequest().with({ conversationId: '', chat_log: [{ text: 'no sender' }] });

    const error = await kit.send(bad).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InvalidTestRequestError);
    expect((error as InvalidTestRequestError).fields).toHaveProperty(['conversationId']);
    expect((error as InvalidTestRequestError).fields).toHaveProperty(['chat_log.0.sender']);
    expect((error as Error).message).toMatch(/would answer this request 400[\s\S]*conversationId/);
  });

  it('gives access to the providers of the testing module', () => {
    expect(kit.get(Greeter).greet('Sol')).toBe('¡Hola Sol!');
  });

  it('keeps concurrent calls apart', async () => {
    const replies = await Promise.all(
      ['uno', 'dos', 'tres'].map((text) =>
        kit.sendToQuestion(1, webhookRequest().visitorSays(text)),
      ),
    );

    expect(replies.map((reply) => reply.custom.heard)).toEqual(['uno', 'dos', 'tres']);
  });
});

describe('HandlerTestKit.create', () => {
  it('replaces providers with overrides (useValue, useClass, useFactory)', async () => {
    class LoudGreeter extends Greeter {
      override greet(): string {
        return '¡HOLA!';
      }
    }
    for (const override of [
      { provide: Greeter, useValue: { greet: () => '¡Buenas!' } },
      { provide: Greeter, useClass: LoudGreeter },
      { provide: Greeter, useFactory: () => ({ greet: () => '¡Qué tal!' }) },
    ]) {
      const kit = await HandlerTestKit.create({
        imports: [TestHandlersModule],
        overrides: [override],
      });
      try {
        const reply = await kit.sendToQuestion(1, webhookRequest());
        expect(reply.texts[0]).toMatch(/^¡(Buenas|HOLA|Qué tal)!$/);
      } finally {
        await kit.close();
      }
    }
  });

  it('rejects as the boot would when two handlers claim a question', async () => {
    @QuestionHandler(1)
    class Clash implements CliengoHandler {
      handle() {}
    }

    await expect(
      HandlerTestKit.create({ imports: [TestHandlersModule], providers: [Clash] }),
    ).rejects.toThrow(HandlerRegistrationError);
  });

  it('works without any handler: every question passes through', async () => {
    const kit = await HandlerTestKit.create();
    try {
      expectReply(await kit.send(webhookRequest().question(3))).toPassThrough('pass-through');
      expect(kit.handlerFor(3)).toBeUndefined();
      expect(kit.deadlineOf(3)).toBeUndefined();
    } finally {
      await kit.close();
    }
  });
});

describe('HandlerTestKit with a fallback handler that has a fault reply', () => {
  @FallbackHandler({ timeoutMs: 20 })
  class SlowFallback implements CliengoHandler {
    async handle(conversation: Conversation) {
      await sleep(500, conversation.signal);
      return undefined;
    }

    onFault(_fault: HandlerFault, conversation: Conversation) {
      return conversation.reply().say('Ahora no puedo responderte, probá en un rato.');
    }
  }

  it('shows its fault reply for questions without a handler', async () => {
    const kit = await HandlerTestKit.create({ providers: [SlowFallback] });
    try {
      const reply = await kit.send(webhookRequest().question(42));
      expectReply(reply)
        .toBeFaultReply('timeout')
        .toSay('Ahora no puedo responderte, probá en un rato.');
      expect(reply.handler).toBe('SlowFallback');
    } finally {
      await kit.close();
    }
  });
});
