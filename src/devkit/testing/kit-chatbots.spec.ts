import { jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { accepted } from '../../answers/answer.js';
import { ask, type DialogSteps } from '../../dialogs/dialog-step.js';
import { Dialog } from '../../dialogs/dialog.decorator.js';
import type { CompletionContext } from '../../dialogs/cliengo-dialog.interface.js';
import { HandlerRegistrationError } from '../../webhook/handler-registration.error.js';
import {
  type CliengoHandler,
  type Conversation,
  FallbackHandler,
  QuestionHandler,
} from '../../webhook/index.js';
import { parseFlow } from '../simulator/flow-file.js';
import {
  type ChatbotSettings,
  dispatchedOf,
  expectReply,
  HandlerTestKit,
  webhookRequest,
} from './index.js';

const AUTOS_SITE = '5de12d55e4b096a8283b0001';
const MOTOS_SITE = '5de12d55e4b096a8283b0002';
const BRASIL_SITE = '5de12d55e4b096a8283b0003';
const URGENT_SITE = '5de12d55e4b096a8283b0004';

const CHATBOTS: ChatbotSettings[] = [
  // Its own tokens mean nothing to the kit, which sends no HTTP.
  { name: 'autos', websiteId: AUTOS_SITE, accessTokens: ['autos-token-0123456789'] },
  { name: 'motos', websiteId: MOTOS_SITE },
  { name: 'brasil', websiteId: BRASIL_SITE, answerCountry: 'BR' },
  { name: 'urgente', websiteId: URGENT_SITE, handlerTimeoutMs: 50 },
];

/** Who answers, for which chatbot, and the phone the parsers read in the visitor's message. */
function says(conversation: Conversation, who: string) {
  const phone = conversation.answer.phone();
  return conversation
    .reply()
    .say(`${who} for ${conversation.chatbot?.name ?? 'no chatbot'}`)
    .say(`phone: ${phone.ok ? phone.value.international : phone.reason}`)
    .stopChat();
}

@QuestionHandler(3, { chatbot: 'autos' })
class AutosModelQuestion implements CliengoHandler {
  handle(conversation: Conversation) {
    return says(conversation, 'autos model');
  }
}

@QuestionHandler(3, { chatbot: 'motos' })
class MotosModelQuestion implements CliengoHandler {
  handle(conversation: Conversation) {
    return says(conversation, 'motos model');
  }
}

@QuestionHandler(5)
class SharedQuestion implements CliengoHandler {
  handle(conversation: Conversation) {
    return says(conversation, 'shared');
  }
}

@QuestionHandler(7, { chatbot: ['urgente', 'motos'] })
class SlowQuestion implements CliengoHandler {
  async handle(conversation: Conversation) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return says(conversation, 'slow');
  }

  onFault(_fault: unknown, conversation: Conversation) {
    return conversation.reply().say(`too slow for ${conversation.chatbot?.name}`);
  }
}

@QuestionHandler(8, { chatbot: 'urgente', timeoutMs: 200 })
class PatientQuestion implements CliengoHandler {
  handle() {
    return undefined;
  }
}

@FallbackHandler({ chatbot: 'motos' })
class MotosFallback implements CliengoHandler {
  handle(conversation: Conversation) {
    return says(conversation, 'motos fallback');
  }
}

@FallbackHandler()
class SharedFallback implements CliengoHandler {
  handle(conversation: Conversation) {
    return says(conversation, 'shared fallback');
  }
}

interface Quote {
  plate: string;
}

@Dialog(10, { name: 'quote', chatbot: 'autos' })
class AutosQuoteDialog {
  readonly steps: DialogSteps<Quote> = [
    ask('plate', { prompt: '¿Patente?', read: ({ text }) => accepted(text ?? '') }),
  ];

  complete({ values, reply }: CompletionContext<Quote>) {
    reply.say(`Cotizamos ${values.plate} para autos.`);
  }
}

@Module({
  providers: [
    AutosModelQuestion,
    MotosModelQuestion,
    SharedQuestion,
    SlowQuestion,
    PatientQuestion,
    MotosFallback,
    SharedFallback,
    AutosQuoteDialog,
  ],
})
class ChatbotHandlersModule {}

const question = (id: number, text = 'hola') => webhookRequest().question(id).visitorSays(text);

describe('HandlerTestKit with several chatbots', () => {
  let kit: HandlerTestKit;
  beforeAll(async () => {
    kit = await HandlerTestKit.create({
      imports: [ChatbotHandlersModule],
      chatbots: CHATBOTS,
      handlerTimeoutMs: 1_000,
    });
  });
  afterAll(() => kit.close());

  describe('answers each chatbot with its handlers, as the service routes its calls', () => {
    it.each([
      ['autos', AUTOS_SITE, 'AutosModelQuestion'],
      ['motos', MOTOS_SITE, 'MotosModelQuestion'],
    ])('question 3 of %s on the global URL, by websiteId', async (chatbot, websiteId, handler) => {
      const reply = await kit.send(question(3).websiteId(websiteId));

      expect(reply).toMatchObject({ chatbot, handler, outcome: 'replied', status: 200 });
      expectReply(reply).toMention(`${chatbot} model for ${chatbot}`);
      expect(reply.describe()).toMatch(
        new RegExp(`^replied by ${handler} on question 3 for chatbot ${chatbot} in `),
      );

      const perQuestion = await kit.sendToQuestion(3, question(99).websiteId(websiteId));
      expect(perQuestion).toMatchObject({ chatbot, handler, questionId: 3 });
    });

    it("on the chatbot's own URLs, its requests carrying its website id", async () => {
      const autos = kit.chatbot('autos');
      expect(autos).toMatchObject({ name: 'autos', websiteId: AUTOS_SITE });

      const global = await autos.send(question(3));
      expect(global).toMatchObject({ chatbot: 'autos', handler: 'AutosModelQuestion' });
      expect(global.request.websiteId).toBe(AUTOS_SITE);

      const perQuestion = await kit.chatbot('motos').sendToQuestion(3, question(99).build());
      expect(perQuestion).toMatchObject({ chatbot: 'motos', handler: 'MotosModelQuestion' });
      expect(perQuestion.request.websiteId).toBe(MOTOS_SITE);

      // A request without websiteId is the chatbot's on its URL, as on the service.
      const none = await autos.send(question(3).websiteId(null));
      expect(none).toMatchObject({ chatbot: 'autos', handler: 'AutosModelQuestion' });
      expect(none.request.websiteId).toBeNull();
    });

    it("falls back on the shared handler, then the chatbot's fallback, then the shared one", async () => {
      expect(await kit.chatbot('autos').send(question(5))).toMatchObject({
        chatbot: 'autos',
        handler: 'SharedQuestion',
      });
      expect(await kit.send(question(40).websiteId(MOTOS_SITE))).toMatchObject({
        handler: 'MotosFallback',
        outcome: 'fallback',
      });
      expect(await kit.chatbot('autos').send(question(40))).toMatchObject({
        handler: 'SharedFallback',
      });
    });

    it('names the handler of a question for each chatbot', () => {
      expect(kit.chatbot('autos').handlerFor(3)).toBe('AutosModelQuestion');
      expect(kit.chatbot('motos').handlerFor(3)).toBe('MotosModelQuestion');
      expect(kit.chatbot('brasil').handlerFor(3)).toBe('SharedFallback');
      expect(kit.chatbot('motos').handlerFor(40)).toBe('MotosFallback');
      expect(kit.chatbot('MOTOS').handlerFor(40)).toBe('MotosFallback');
      // The shared handlers alone, and no handler for a chatbot the kit does not serve.
      expect(kit.handlerFor(3)).toBe('SharedFallback');
      expect(kit.chatbot('camiones').handlerFor(3)).toBeUndefined();
    });

    it("reads answers with the chatbot's settings: a number without country code is Brazil's", async () => {
      const brasil = await kit.send(question(5, '11 3815-2222').websiteId(BRASIL_SITE));
      expectReply(brasil).toSay('shared for brasil', 'phone: +551138152222');
      const autos = await kit.chatbot('autos').send(question(5, '11 3815-2222'));
      expectReply(autos).toSay('shared for autos', 'phone: +541138152222');
    });
  });

  describe('a call for a chatbot the kit does not serve', () => {
    it.each([
      ['the sample websiteId on the global URL', () => kit.send(question(3)), 'unknown-website'],
      [
        'no websiteId on the global URL',
        () => kit.sendToQuestion(3, question(3).websiteId(null)),
        'no-website',
      ],
      [
        'a chatbot name not configured',
        () => kit.chatbot('camiones').send(question(3)),
        'unknown-name',
      ],
      [
        "another chatbot's websiteId on a chatbot's URL",
        () => kit.chatbot('autos').send(question(3).websiteId(MOTOS_SITE)),
        'website-mismatch',
      ],
    ])('is answered {}, no handler run: %s', async (_how, send, unserved) => {
      const reply = await send();

      expectReply(reply).toPassThrough('unknown-chatbot');
      expect(reply).toMatchObject({ handler: null, chatbot: undefined, unserved, status: 200 });
      expect(reply.describe()).toMatch(
        new RegExp(`^unknown-chatbot \\(no handler\\) on question 3 in [\\d.]+ ms; ${unserved}: `),
      );
    });
  });

  describe("a chatbot's deadline", () => {
    it("is the handler's own, else the chatbot's, else the kit's default", () => {
      expect(kit.chatbot('urgente').deadlineOf(7)).toBe(50);
      expect(kit.chatbot('urgente').deadlineOf(8)).toBe(200);
      expect(kit.chatbot('motos').deadlineOf(7)).toBe(1_000);
      expect(kit.chatbot('camiones').deadlineOf(7)).toBeUndefined();
      expect(kit.deadlineOf(7)).toBe(1_000);
    });

    it('cuts the handler short at it, with fake timers', async () => {
      jest.useFakeTimers();
      try {
        const urgent = kit.chatbot('urgente').sendToQuestion(7, question(7));
        await jest.advanceTimersByTimeAsync(kit.chatbot('urgente').deadlineOf(7)!);
        expectReply(await urgent)
          .toBeFaultReply('timeout')
          .toSay('too slow for urgente');

        const motos = kit.send(question(7).websiteId(MOTOS_SITE));
        await jest.advanceTimersByTimeAsync(100);
        expectReply(await motos)
          .toHaveOutcome('replied')
          .toMention('slow for motos');
      } finally {
        jest.useRealTimers();
      }
    });
  });

  describe('a conversation played as a chatbot', () => {
    it("goes to the chatbot's URL, its requests carrying its website id", async () => {
      const chat = kit.chatbot('motos').conversation({ startAt: 3 });
      await chat
        .bot('Pregunta 3')
        .says('hola')
        .bot('motos model for motos', { contains: 'phone:' })
        .stopChat();

      expect(chat.transport.exchanges.map((exchange) => exchange.path)).toEqual([
        '/chatbots/motos/webhook',
      ]);
      expect(chat.lastTurn?.dispatched.request.websiteId).toBe(MOTOS_SITE);
      expect(chat.simulator.target).toBe(
        `the handler test kit, in-process: /chatbots/motos/webhook · websiteId ${MOTOS_SITE}`,
      );
    });

    it("goes to the chatbot's per-question URLs", async () => {
      const chat = kit.chatbot('autos').conversation({ startAt: 3, mode: 'per-question' });
      const turn = await chat.visitorSays('hola');

      expect(turn.exchange?.path).toBe('/chatbots/autos/webhook/questions/3');
      expectReply(turn.dispatched).toMention('autos model for autos');
    });

    it('goes to the global URL with the websiteId given', async () => {
      const chat = kit.conversation({ startAt: 3, websiteId: AUTOS_SITE });
      const turn = await chat.visitorSays('hola');

      expect(turn.exchange?.path).toBe('/webhook');
      expect(turn.dispatched).toMatchObject({ chatbot: 'autos', handler: 'AutosModelQuestion' });
    });

    it("plays a chatbot's dialog", async () => {
      await kit
        .chatbot('autos')
        .conversation({ startAt: 10 })
        .says('hola')
        .bot('¿Patente?')
        .says('AB123CD')
        .bot('Cotizamos AB123CD para autos.')
        .ended();
    });

    it('plays a conversation file as a chatbot, on its URLs or by websiteId', async () => {
      const flow = await parseFlow(
        {
          name: 'question 3',
          script: { questions: [{ id: 3, text: '¿Qué buscás?' }] },
          steps: [
            { visitor: 'hola', expect: { bot: ['autos model for autos', { contains: 'phone:' }] } },
          ],
        },
        'autos.flow.json',
      );

      const onItsUrl = await kit.chatbot('autos').playFlow(flow, { mode: 'per-question' });
      expect(onItsUrl.failure?.message).toBeUndefined();
      expect(onItsUrl.transcript[0]).toBe(
        `▶ question 3 (autos.flow.json) → the handler test kit, in-process: /chatbots/autos/webhook/questions/{id} · websiteId ${AUTOS_SITE}`,
      );

      const byWebsite = await kit.playFlow(flow, { websiteId: AUTOS_SITE });
      expect(byWebsite.failure?.message).toBeUndefined();

      const noChatbot = await kit.playFlow(flow);
      expect(noChatbot.ok).toBe(false);
      expect(noChatbot.failure?.message).toContain('{} (pass-through)');
    });
  });
});

describe('HandlerTestKit answering 404 for a chatbot it does not serve', () => {
  let kit: HandlerTestKit;
  beforeAll(async () => {
    kit = await HandlerTestKit.create({
      imports: [ChatbotHandlersModule],
      chatbots: CHATBOTS,
      unknownChatbot: '404',
    });
  });
  afterAll(() => kit.close());

  it('says the 404 on the dispatched reply, and serves its chatbots as ever', async () => {
    const unknown = await kit.send(question(3));
    expect(unknown).toMatchObject({ outcome: 'unknown-chatbot', status: 404, reply: {} });
    expect(unknown.describe()).toMatch(
      /; unknown-website: This deployment serves no chatbot of the request's websiteId; answered 404$/,
    );
    expect(await kit.chatbot('autos').send(question(3))).toMatchObject({ status: 200 });
  });

  it('comes back through a transport as the 404 the service answers', async () => {
    const exchange = await kit.chatbot('camiones').transport().post(question(3).build(), undefined);

    expect(exchange).toMatchObject({
      path: '/chatbots/camiones/webhook',
      status: 404,
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'This deployment serves no chatbot of that name',
      },
      failure: { kind: 'http-status', message: 'HTTP 404 Not Found' },
    });
    expect(dispatchedOf(exchange)).toMatchObject({ outcome: 'unknown-chatbot', status: 404 });

    const chat = kit.conversation({ startAt: 3 });
    // The chatbot goes on with its own script, as after any failed call: here, its end.
    await chat.says('hola').webhook({ status: 404 }).bot().ended();
  });
});

describe('HandlerTestKit without chatbots', () => {
  it("fails to create with a handler of a chatbot it does not serve, as the service's boot", async () => {
    await expect(HandlerTestKit.create({ providers: [AutosModelQuestion] })).rejects.toThrow(
      HandlerRegistrationError,
    );
  });

  it('serves no chatbot URL, as the service', async () => {
    const kit = await HandlerTestKit.create({ providers: [SharedQuestion] });
    try {
      expectReply(await kit.chatbot('autos').send(question(5))).toPassThrough('unknown-chatbot');
      expect(await kit.send(question(5))).toMatchObject({
        chatbot: undefined,
        handler: 'SharedQuestion',
      });
      expect(kit.chatbot('autos').websiteId).toBeUndefined();
    } finally {
      await kit.close();
    }
  });
});
