import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { ChatbotSettings } from '../src/chatbots/chatbot.js';
import { ConfigError } from '../src/config/config.error.js';
import { Dialog } from '../src/dialogs/dialog.decorator.js';
import { ask, type DialogSteps } from '../src/dialogs/dialog-step.js';
import { accepted } from '../src/answers/answer.js';
import type { CliengoHandler } from '../src/webhook/cliengo-handler.interface.js';
import type { Conversation } from '../src/webhook/conversation.context.js';
import { FallbackHandler, QuestionHandler } from '../src/webhook/handler.decorator.js';
import { HandlerRegistrationError } from '../src/webhook/handler-registration.error.js';
import { postChecked } from './support/openapi-contract.js';
import { CapturedLogs } from './support/captured-logs.js';
import { documentedRequest } from './support/documented-examples.js';
import { createTestApp } from './support/test-app.js';

const AUTOS_SITE = '5de12d55e4b096a8283b0001';
const MOTOS_SITE = '5de12d55e4b096a8283b0002';
const BRASIL_SITE = '5de12d55e4b096a8283b0003';
const URGENT_SITE = '5de12d55e4b096a8283b0004';
const OTHER_SITE = '5de12d55e4b096a8283b0999';

const AUTOS_TOKEN = 'autos-token-0123456789';
const MOTOS_TOKEN = 'motos-token-0123456789';
const SERVICE_TOKEN = 'service-token-0123456789';

const CHATBOTS: ChatbotSettings[] = [
  { name: 'autos', websiteId: AUTOS_SITE },
  { name: 'motos', websiteId: MOTOS_SITE },
  { name: 'brasil', websiteId: BRASIL_SITE, answerLocale: 'pt', answerCountry: 'BR' },
  // Only its handlers have so short a deadline: a first call, cold, may take longer.
  { name: 'urgente', websiteId: URGENT_SITE, handlerTimeoutMs: 50 },
];

/** What a handler answers: who it is, for which chatbot, and what the parsers made of the text. */
function says(conversation: Conversation, who: string) {
  const phone = conversation.answer.phone();
  return conversation
    .reply()
    .say(`${who} for ${conversation.chatbot?.name ?? 'no chatbot'}`)
    .say(`phone: ${phone.ok ? phone.value.international : phone.reason}`);
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

@QuestionHandler([3, 5])
class SharedQuestion implements CliengoHandler {
  handle(conversation: Conversation) {
    return says(conversation, 'shared');
  }
}

@QuestionHandler(7, { chatbot: ['urgente', 'motos'] })
class SlowQuestion implements CliengoHandler {
  async handle(conversation: Conversation) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return says(conversation, 'slow');
  }

  onFault(_fault: unknown, conversation: Conversation) {
    return conversation.reply().say(`too slow for ${conversation.chatbot?.name}`);
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

@Module({
  providers: [
    AutosModelQuestion,
    MotosModelQuestion,
    SharedQuestion,
    SlowQuestion,
    MotosFallback,
    SharedFallback,
  ],
})
class ChatbotHandlersModule {}

function call(websiteId: string | null, questionId: number, text = 'hola') {
  return documentedRequest({
    websiteId,
    flow: { last_question_id: questionId, retry_count: 0 },
    chat_log: [{ sender: 'visitor', text }],
  });
}

const texts = (body: { response?: { text?: string[] } }) => body.response?.text ?? [];

describe('several chatbots in one deployment', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    app = await createTestApp({
      handlers: [ChatbotHandlersModule],
      config: { chatbots: CHATBOTS },
      logs,
    });
  });
  afterAll(() => app.close());
  beforeEach(() => logs.clear());

  const post = (path: string, body: object) => postChecked(app, path).send(body).expect(200);

  describe('answers each chatbot with its own handlers', () => {
    it.each([
      ['the global URL, by websiteId', '/webhook', AUTOS_SITE, 'autos model for autos'],
      ['the global URL, by websiteId', '/webhook', MOTOS_SITE, 'motos model for motos'],
      [
        'the per-question URL, by websiteId',
        '/webhook/questions/3',
        MOTOS_SITE,
        'motos model for motos',
      ],
      ["the chatbot's URL", '/chatbots/autos/webhook', AUTOS_SITE, 'autos model for autos'],
      ["the chatbot's URL", '/chatbots/motos/webhook', MOTOS_SITE, 'motos model for motos'],
      [
        "the chatbot's URL without websiteId",
        '/chatbots/motos/webhook',
        null,
        'motos model for motos',
      ],
      [
        "the chatbot's per-question URL",
        '/chatbots/autos/webhook/questions/3',
        AUTOS_SITE,
        'autos model for autos',
      ],
      [
        "the chatbot's URL, any case",
        '/Chatbots/MOTOS/webhook/',
        MOTOS_SITE,
        'motos model for motos',
      ],
    ])('question 3 on %s (%s, %s)', async (_how, path, websiteId, expected) => {
      // The per-question URL says 3 whatever the flow says.
      const questionId = path.includes('/questions/') ? 99 : 3;
      const response = await post(path, call(websiteId, questionId));
      expect(texts(response.body)[0]).toBe(expected);
    });

    it('falls back on the shared handler of a question the chatbot has none of', async () => {
      const response = await post('/webhook', call(AUTOS_SITE, 5));
      expect(texts(response.body)[0]).toBe('shared for autos');
      expect(logs.lastWebhookLine()).toMatchObject({ chatbot: 'autos', handler: 'SharedQuestion' });
    });

    it("prefers the chatbot's own fallback to the shared one, and the shared one without", async () => {
      expect(texts((await post('/webhook', call(MOTOS_SITE, 40))).body)[0]).toBe(
        'motos fallback for motos',
      );
      expect(texts((await post('/chatbots/autos/webhook', call(AUTOS_SITE, 40))).body)[0]).toBe(
        'shared fallback for autos',
      );
    });

    it("reads answers with the chatbot's country: a number without a country code is its", async () => {
      const brasil = await post('/webhook', call(BRASIL_SITE, 3, '11 3815-2222'));
      expect(texts(brasil.body)).toEqual(['shared for brasil', 'phone: +551138152222']);
      const autos = await post('/webhook', call(AUTOS_SITE, 5, '11 3815-2222'));
      expect(texts(autos.body)).toEqual(['shared for autos', 'phone: +541138152222']);
    });

    it("gives the chatbot's handlers its deadline: 50 ms for urgente, the service's 3 s for motos", async () => {
      const urgent = await post('/webhook', call(URGENT_SITE, 7));
      expect(texts(urgent.body)).toEqual(['too slow for urgente']);
      expect(logs.lastWebhookLine()).toMatchObject({ chatbot: 'urgente', outcome: 'timeout' });
      const motos = await post('/webhook', call(MOTOS_SITE, 7));
      expect(texts(motos.body)[0]).toBe('slow for motos');
    });
  });

  describe('a call for a chatbot the deployment does not serve', () => {
    it.each([
      ['an unknown websiteId on the global URL', '/webhook', OTHER_SITE, 'unknown-website'],
      ['no websiteId on the global URL', '/webhook', null, 'no-website'],
      ['a chatbot name not configured', '/chatbots/camiones/webhook', OTHER_SITE, 'unknown-name'],
      ["another chatbot's websiteId", '/chatbots/autos/webhook', MOTOS_SITE, 'website-mismatch'],
    ])(
      'is answered {} on %s, no handler run, logged and counted',
      async (_how, path, site, reason) => {
        // Question 3 has handlers in autos and motos, and the shared fallback would take any other.
        const response = await post(path, call(site, 3));
        expect(response.body).toEqual({});
        expect(logs.lastWebhookLine()).toMatchObject({
          level: 'warn',
          outcome: 'unknown-chatbot',
          chatbot: 'unknown',
          unserved: reason,
          websiteId: site,
          handler: null,
        });
        const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
        expect(metrics).toMatch(
          /cliengo_webhook_requests_total\{chatbot="unknown",outcome="unknown-chatbot",question_id="3"\} [1-9]/,
        );
      },
    );
  });

  it('labels metrics with the chatbot, and the question of a chatbot own handler with its id', async () => {
    await post('/chatbots/autos/webhook', call(AUTOS_SITE, 3));
    await post('/webhook', call(MOTOS_SITE, 40));
    await post('/webhook', call(URGENT_SITE, 7));
    const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      /cliengo_webhook_requests_total\{chatbot="autos",outcome="replied",question_id="3"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /cliengo_handler_duration_seconds_count\{chatbot="motos",question_id="other",handler="MotosFallback",outcome="fallback"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /cliengo_handler_timeouts_total\{chatbot="urgente",question_id="7",handler="SlowQuestion"\} [1-9]/,
    );
  });
});

describe('UNKNOWN_CHATBOT=404', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    app = await createTestApp({
      handlers: [ChatbotHandlersModule],
      config: { chatbots: CHATBOTS, unknownChatbot: '404' },
      logs,
    });
  });
  afterAll(() => app.close());

  it('answers 404 to a call of a chatbot not served, logged and counted', async () => {
    const response = await postChecked(app, '/webhook').send(call(OTHER_SITE, 3)).expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: "This deployment serves no chatbot of the request's websiteId",
    });
    expect(logs.lastWebhookLine()).toMatchObject({
      outcome: 'unknown-chatbot',
      unserved: 'unknown-website',
      res: { statusCode: 404 },
    });
    await postChecked(app, '/chatbots/camiones/webhook/questions/3')
      .send(call(null, 3))
      .expect(404);
    const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      /cliengo_webhook_requests_total\{chatbot="unknown",outcome="unknown-chatbot",question_id="3"\} 2/,
    );
    expect(metrics).toMatch(/cliengo_rejected_requests_total\{status="404"\} 2/);
  });

  it('still answers the chatbots it serves', async () => {
    const response = await postChecked(app, '/webhook').send(call(AUTOS_SITE, 3)).expect(200);
    expect(texts(response.body)[0]).toBe('autos model for autos');
  });
});

describe('per-chatbot access tokens', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({
      handlers: [ChatbotHandlersModule],
      config: {
        accessTokens: [SERVICE_TOKEN],
        chatbots: CHATBOTS.map((chatbot) =>
          chatbot.name === 'autos'
            ? { ...chatbot, accessTokens: [AUTOS_TOKEN] }
            : chatbot.name === 'motos'
              ? { ...chatbot, accessTokens: [MOTOS_TOKEN] }
              : chatbot,
        ),
      },
    });
  });
  afterAll(() => app.close());

  const send = (path: string, body: object, token?: string) => {
    const pending = request(app.getHttpServer()).post(path);
    return (token ? pending.set('Authorization', `Bearer ${token}`) : pending).send(body);
  };

  it("opens a chatbot's calls with its own tokens, on both URL styles", async () => {
    await send('/chatbots/autos/webhook', call(AUTOS_SITE, 3), AUTOS_TOKEN).expect(200);
    await send(
      `/token/${AUTOS_TOKEN}/chatbots/autos/webhook/questions/3`,
      call(AUTOS_SITE, 3),
    ).expect(200);
    const global = await send(`/webhook?token=${MOTOS_TOKEN}`, call(MOTOS_SITE, 3)).expect(200);
    expect(texts(global.body)[0]).toBe('motos model for motos');
  });

  it("refuses a token of one chatbot on the other's calls, on both URL styles", async () => {
    // Before the body is read, on the chatbot's URL.
    const early = await send('/chatbots/motos/webhook', call(MOTOS_SITE, 3), AUTOS_TOKEN).expect(
      401,
    );
    expect(early.body.message).toBe(
      "This access token does not open this chatbot's webhook: use one of its own tokens or a service-wide one",
    );
    await send(
      `/token/${AUTOS_TOKEN}/chatbots/motos/webhook/questions/3`,
      call(MOTOS_SITE, 3),
    ).expect(401);
    // Once the body says which chatbot, on the global URL.
    const late = await send('/webhook', call(MOTOS_SITE, 3), AUTOS_TOKEN).expect(401);
    expect(late.body.message).toBe(early.body.message);
    // A chatbot without tokens of its own is opened by the service-wide ones only.
    await send('/webhook', call(BRASIL_SITE, 3), AUTOS_TOKEN).expect(401);
  });

  it('opens every chatbot with a service-wide token, and none without a token', async () => {
    for (const site of [AUTOS_SITE, MOTOS_SITE, BRASIL_SITE]) {
      await send('/webhook', call(site, 3), SERVICE_TOKEN).expect(200);
    }
    await send('/chatbots/brasil/webhook', call(BRASIL_SITE, 3), SERVICE_TOKEN).expect(200);
    await send('/chatbots/autos/webhook', call(AUTOS_SITE, 3)).expect(401);
    await send('/webhook', call(AUTOS_SITE, 3), 'wrong-token-0123456789').expect(401);
  });
});

describe('without CHATBOTS', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ handlers: [SharedOnlyModule] });
  });
  afterAll(() => app.close());

  it('answers every call with the shared handlers, whatever its websiteId', async () => {
    for (const site of [AUTOS_SITE, OTHER_SITE, null]) {
      const response = await postChecked(app, '/webhook').send(call(site, 3)).expect(200);
      expect(texts(response.body)[0]).toBe('shared for no chatbot');
    }
  });

  it('serves no per-chatbot URL: such calls are for a chatbot not served', async () => {
    const response = await postChecked(app, '/chatbots/autos/webhook').send(call(AUTOS_SITE, 3));
    expect(response.body).toEqual({});
  });
});

@Module({ providers: [SharedQuestion] })
class SharedOnlyModule {}

const PLATE_STEPS: DialogSteps<{ plate: string }> = [
  ask('plate', { prompt: 'Patente?', read: (answer) => accepted(answer.text ?? '') }),
];

describe('boot checks per chatbot', () => {
  @QuestionHandler(3, { chatbot: 'autos' })
  class AnotherAutosModelQuestion implements CliengoHandler {
    handle() {
      return undefined;
    }
  }

  @QuestionHandler(3, { chatbot: 'camiones' })
  class TrucksQuestion implements CliengoHandler {
    handle() {
      return undefined;
    }
  }

  @FallbackHandler({ chatbot: 'autos' })
  class AutosFallback implements CliengoHandler {
    handle() {
      return undefined;
    }
  }

  @FallbackHandler({ chatbot: 'autos' })
  class SecondAutosFallback implements CliengoHandler {
    handle() {
      return undefined;
    }
  }

  @Dialog(10, { name: 'quote', chatbot: 'autos' })
  class AutosQuoteDialog {
    steps = PLATE_STEPS;
    complete() {
      return undefined;
    }
  }

  @Dialog(10, { name: 'quote', chatbot: 'motos' })
  class MotosQuoteDialog {
    steps = PLATE_STEPS;
    complete() {
      return undefined;
    }
  }

  @Dialog(11, { name: 'quote' })
  class SharedQuoteDialog {
    steps = PLATE_STEPS;
    complete() {
      return undefined;
    }
  }

  async function bootError(
    providers: Array<new (...args: never[]) => unknown>,
    chatbots: ChatbotSettings[] = CHATBOTS,
  ): Promise<unknown> {
    @Module({ providers })
    class HandlersUnderTest {}
    return createTestApp({ handlers: [HandlersUnderTest], config: { chatbots } }).then(
      (app) => app.close(),
      (error: unknown) => error,
    );
  }

  it('fails on two handlers of one question within one chatbot, naming it', async () => {
    const error = await bootError([AutosModelQuestion, AnotherAutosModelQuestion]);
    expect(error).toBeInstanceOf(HandlerRegistrationError);
    expect((error as Error).message).toContain(
      'question 3 of chatbot "autos" is claimed by both AutosModelQuestion and AnotherAutosModelQuestion',
    );
  });

  it('fails on two fallbacks of one chatbot, naming it', async () => {
    const error = await bootError([AutosFallback, SecondAutosFallback]);
    expect((error as Error).message).toContain(
      'the fallback handler of chatbot "autos" is claimed by both AutosFallback and SecondAutosFallback',
    );
  });

  it('boots with one question handled by two chatbots and shared, and a fallback each', async () => {
    expect(
      await bootError([
        AutosModelQuestion,
        MotosModelQuestion,
        SharedQuestion,
        AutosFallback,
        MotosFallback,
        SharedFallback,
      ]),
    ).toBeUndefined();
  });

  it('fails on a handler declared for a chatbot not configured, naming it', async () => {
    const error = await bootError([TrucksQuestion]);
    expect((error as Error).message).toContain(
      'TrucksQuestion is declared for chatbot "camiones", which is not in CHATBOTS (configured: autos, motos, brasil, urgente)',
    );
    expect((await bootError([AutosModelQuestion], [])) as Error).toBeInstanceOf(
      HandlerRegistrationError,
    );
  });

  it("keeps a dialog's name to one provider per chatbot: two chatbots may share a name, a shared dialog may not", async () => {
    expect(await bootError([AutosQuoteDialog, MotosQuoteDialog])).toBeUndefined();
    const error = await bootError([AutosQuoteDialog, SharedQuoteDialog]);
    expect((error as Error).message).toMatch(/quote.*AutosQuoteDialog.*SharedQuoteDialog/);
  });

  it('fails on a wrong chatbot list, naming every problem', async () => {
    const error = await bootError(
      [SharedQuestion],
      [
        { name: 'autos', websiteId: AUTOS_SITE, accessTokens: [AUTOS_TOKEN] },
        { name: 'motos', websiteId: MOTOS_SITE },
      ],
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      'some chatbots have access tokens and "motos" none, nor is ACCESS_TOKENS set',
    );
  });
});
