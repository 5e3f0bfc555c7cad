import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { postChecked } from './support/openapi-contract.js';
import {
  FallbackModule,
  FaultReplyFallbackModule,
  FixtureHandlersModule,
  OVERRUN_TIMEOUT_MS,
  OverrunningHandler,
  OverrunningWithFaultReplyHandler,
  Q,
  SLOW_HANDLER_MS,
  SORRY,
} from './fixtures/fixture-handlers.js';
import { CapturedLogs } from './support/captured-logs.js';
import { documentedRequest } from './support/documented-examples.js';
import { createTestApp } from './support/test-app.js';

function onQuestion(questionId: number | null, changes: Record<string, unknown> = {}) {
  return documentedRequest({ flow: { last_question_id: questionId, retry_count: 0 }, ...changes });
}

describe('dispatch to handlers', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    app = await createTestApp({ handlers: [FixtureHandlersModule, FallbackModule], logs });
  });
  afterAll(() => app.close());
  beforeEach(() => logs.clear());

  const post = (body: object, path = '/webhook') => postChecked(app, path).send(body);

  const lastWebhookLog = () => logs.lastWebhookLine();

  it('runs the handler of flow.last_question_id, with its injected services', async () => {
    const response = await post(onQuestion(Q.greets)).expect(200);
    expect(response.body).toEqual({
      custom: { last_message: "Hi! I'm Ariel, my email is ariel@example.com" },
      response: { text: ['¡Hola ariel!'] },
    });
    expect(lastWebhookLog()).toMatchObject({
      level: 'info',
      msg: 'webhook replied',
      outcome: 'replied',
      conversationId: '5f0cbe62162e0dec1910d197',
      questionId: Q.greets,
      handler: 'GreetingHandler',
      res: { statusCode: 200 },
    });
    expect(lastWebhookLog()?.requestId).toEqual(expect.any(String));
  });

  it('sends questions without a handler to the fallback handler', async () => {
    const response = await post(onQuestion(42)).expect(200);
    expect(response.body).toEqual({ response: { text: ['fallback for question 42'] } });
    expect(lastWebhookLog()).toMatchObject({
      outcome: 'fallback',
      handler: 'EchoFallbackHandler',
    });
  });

  it('sends a request without a question id to the fallback handler', async () => {
    const response = await post(documentedRequest({ flow: undefined })).expect(200);
    expect(response.body).toEqual({ response: { text: ['fallback for question none'] } });
  });

  it('answers {} when the handler returns nothing', async () => {
    await post(onQuestion(Q.returnsNothing)).expect(200, {});
    expect(lastWebhookLog()).toMatchObject({
      outcome: 'pass-through',
      handler: 'SilentHandler',
    });
  });

  it('accepts unknown fields anywhere and unknown channels, and lets handlers read them', async () => {
    const body = onQuestion(Q.echoesRaw, {
      channel: 'SOMETHING_NEW',
      campaign: { name: 'verano' },
      flow: { last_question_id: Q.echoesRaw, retry_count: 0, last_question_messages: { order: 4 } },
      chat_log: [{ sender: 'visitor', text: 'hola', attachments: [{ kind: 'image' }] }],
      collected_data: { custom: { '': 'sin nombre', nested: { value: 3 } }, extra: true },
    });
    const response = await post(body).expect(200);
    expect(response.body).toEqual({
      custom: { order: 4, campaign: 'verano', channel: 'SOMETHING_NEW' },
    });
  });

  it.each([
    [
      'an async handler rejects',
      Q.throws,
      'ThrowingHandler',
      { type: 'Error', message: 'the CRM is down' },
    ],
    [
      'a handler throws synchronously',
      Q.throwsSync,
      'SyncThrowingHandler',
      { type: 'TypeError', message: 'cannot read the answer' },
    ],
  ])(
    'answers {} with 200 when %s, and logs the error',
    async (_case, questionId, handler, error) => {
      await post(onQuestion(questionId)).expect(200, {});
      expect(lastWebhookLog()).toMatchObject({
        level: 'error',
        outcome: 'error',
        questionId,
        handler,
        err: error,
        conversationId: '5f0cbe62162e0dec1910d197',
      });
    },
  );

  it('logs a DOMException a handler rejected with by its name and message', async () => {
    await post(onQuestion(Q.rejectsWithDomException)).expect(200, {});
    expect(lastWebhookLog()).toMatchObject({
      level: 'error',
      outcome: 'error',
      handler: 'DomExceptionHandler',
      err: {
        type: 'DOMException',
        name: 'TimeoutError',
        message: 'The operation was aborted due to timeout',
      },
    });
  });

  it.each([
    ['string', { type: 'string', message: "'the CRM is down'" }],
    ['number', { type: 'number', message: '503' }],
    ['object', { type: 'object', message: '{ status: 503 }' }],
    ['null', { type: 'null', message: 'null' }],
    ['undefined', { type: 'undefined', message: 'undefined' }],
  ])('logs a thrown %s readably, never as {}', async (kind, err) => {
    await post(onQuestion(Q.throwsValue, { chat_log: [{ sender: 'visitor', text: kind }] })).expect(
      200,
      {},
    );
    expect(lastWebhookLog()).toMatchObject({ level: 'error', outcome: 'error', err });
  });

  it('answers {} at the deadline when a handler overruns it, and aborts its signal', async () => {
    const started = Date.now();
    await post(onQuestion(Q.overruns)).expect(200, {});
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(OVERRUN_TIMEOUT_MS - 5);
    // The handler alone would take 3 s: the answer must come at the deadline, not after it.
    expect(elapsed).toBeLessThan(OVERRUN_TIMEOUT_MS + 1_000);
    expect(OverrunningHandler.lastAbortReason).toMatchObject({ name: 'TimeoutError' });
    expect(lastWebhookLog()).toMatchObject({
      level: 'warn',
      outcome: 'timeout',
      questionId: Q.overruns,
      handler: 'OverrunningHandler',
    });
  });

  it('answers {} when a reply breaks the response contract, and logs the offending fields', async () => {
    await post(onQuestion(Q.invalidReply)).expect(200, {});
    const entry = lastWebhookLog();
    expect(entry).toMatchObject({
      level: 'error',
      outcome: 'invalid-reply',
      handler: 'InvalidReplyHandler',
    });
    expect(Object.keys(entry?.replyFields as object)).toEqual(
      expect.arrayContaining(['mood', 'response.response_type']),
    );
  });

  it('answers {} when a reply cannot be serialised', async () => {
    await post(onQuestion(Q.unserialisable)).expect(200, {});
    expect(lastWebhookLog()).toMatchObject({ outcome: 'invalid-reply' });
  });

  it.each([
    ['a synchronous handler', Q.greets],
    ['an asynchronous handler that fails', Q.throws],
    ['a slow handler', Q.slow],
  ])('answers %s as JSON with its exact length and no cache validator', async (_, question) => {
    const response = await post(onQuestion(question)).expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(
      Buffer.byteLength(JSON.stringify(response.body)),
    );
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps serving after handler failures', async () => {
    await post(onQuestion(Q.throws)).expect(200, {});
    await post(onQuestion(Q.greets)).expect(200);
  });
});

describe('dispatch without a fallback handler', () => {
  it('answers {} (pass-through) for a question without a handler', async () => {
    const logs = new CapturedLogs();
    const app = await createTestApp({ handlers: [FixtureHandlersModule], logs });
    try {
      await postChecked(app, '/webhook').send(onQuestion(42)).expect(200, {});
      expect(logs.lastWebhookLine()).toMatchObject({
        outcome: 'pass-through',
        handler: null,
        questionId: 42,
      });
    } finally {
      await app.close();
    }
  });
});

describe('the service-wide deadline', () => {
  it.each([
    [50, {}],
    [2_000, { response: { text: ['done'] } }],
  ])('is %i ms when configured so', async (handlerTimeoutMs, expected) => {
    const app = await createTestApp({
      handlers: [FixtureHandlersModule],
      config: { handlerTimeoutMs },
    });
    try {
      const started = Date.now();
      await postChecked(app, '/webhook').send(onQuestion(Q.slow)).expect(200, expected);
      const elapsed = Date.now() - started;
      if (handlerTimeoutMs < SLOW_HANDLER_MS) expect(elapsed).toBeLessThan(SLOW_HANDLER_MS);
      else expect(elapsed).toBeGreaterThanOrEqual(SLOW_HANDLER_MS - 5);
    } finally {
      await app.close();
    }
  });
});

describe('fault replies', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    app = await createTestApp({ handlers: [FixtureHandlersModule], logs });
  });
  afterAll(() => app.close());
  beforeEach(() => logs.clear());

  const post = (body: object, path = '/webhook') => postChecked(app, path).send(body);

  it('answers with the fault reply at the deadline when a handler overruns it', async () => {
    OverrunningWithFaultReplyHandler.lastFault = undefined;
    const started = performance.now();
    const response = await post(onQuestion(Q.overrunsWithFaultReply)).expect(200);
    const elapsed = performance.now() - started;
    expect(response.body).toEqual({ response: { text: [SORRY], response_type: 'TEXT' } });
    // At the deadline: not before it, and not later than a small margin after it.
    expect(elapsed).toBeGreaterThanOrEqual(OVERRUN_TIMEOUT_MS - 5);
    expect(elapsed).toBeLessThan(OVERRUN_TIMEOUT_MS + 150);
    expect(OverrunningWithFaultReplyHandler.lastFault).toMatchObject({
      kind: 'timeout',
      timeoutMs: OVERRUN_TIMEOUT_MS,
      error: { name: 'TimeoutError' },
    });
    expect(OverrunningWithFaultReplyHandler.signalAbortedAtFault).toBe(true);
    const line = logs.lastWebhookLine();
    expect(line).toMatchObject({
      level: 'warn',
      msg: 'webhook timeout',
      outcome: 'timeout',
      faultReply: 'sent',
      handler: 'OverrunningWithFaultReplyHandler',
      questionId: Q.overrunsWithFaultReply,
    });
    expect(line?.durationMs).toBeLessThan(OVERRUN_TIMEOUT_MS + 50);
  });

  it('answers with the fault reply when a handler throws, and logs the error', async () => {
    const response = await post(onQuestion(Q.throwsWithFaultReply)).expect(200);
    expect(response.body).toEqual({ response: { text: [SORRY, '(error)'] } });
    expect(logs.lastWebhookLine()).toMatchObject({
      level: 'error',
      outcome: 'error',
      faultReply: 'sent',
      handler: 'ThrowingWithFaultReplyHandler',
      err: { type: 'Error', message: 'the CRM is down' },
    });
  });

  it('answers {} when the fault reply breaks the contract, and logs where', async () => {
    await post(onQuestion(Q.invalidFaultReply)).expect(200, {});
    const line = logs.lastWebhookLine();
    expect(line).toMatchObject({
      level: 'error',
      outcome: 'error',
      faultReply: 'invalid',
      err: { message: 'the CRM is down' },
    });
    expect(Object.keys(line?.faultReplyFields as object)).toEqual(['response.response_type']);
  });

  it('answers {} when onFault throws, and logs what it threw', async () => {
    await post(onQuestion(Q.throwingFaultReply)).expect(200, {});
    expect(logs.lastWebhookLine()).toMatchObject({
      level: 'error',
      outcome: 'error',
      faultReply: 'threw',
      faultReplyErr: { type: 'TypeError', name: 'TypeError', message: 'onFault broke too' },
    });
  });

  it('answers {} when onFault returns a promise, and says so', async () => {
    await post(onQuestion(Q.promisedFaultReply)).expect(200, {});
    expect(logs.lastWebhookLine()).toMatchObject({ outcome: 'error', faultReply: 'async' });
  });

  it('logs no fault reply for a handler without onFault', async () => {
    await post(onQuestion(Q.throws)).expect(200, {});
    expect(logs.lastWebhookLine()).not.toHaveProperty('faultReply');
  });

  it('counts fault replies by question, handler, outcome and result', async () => {
    const counted = await createTestApp({ handlers: [FixtureHandlersModule] });
    try {
      const send = (questionId: number) =>
        postChecked(counted, '/webhook').send(onQuestion(questionId)).expect(200);
      await send(Q.overrunsWithFaultReply);
      await send(Q.throwsWithFaultReply);
      await send(Q.throwsWithFaultReply);
      await send(Q.invalidFaultReply);
      await send(Q.throws);
      const metrics = (await request(counted.getHttpServer()).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(
        /cliengo_fault_replies_total\{chatbot="default",question_id="22",handler="OverrunningWithFaultReplyHandler",outcome="timeout",result="sent"\} 1\n/,
      );
      expect(metrics).toMatch(
        /cliengo_fault_replies_total\{chatbot="default",question_id="23",handler="ThrowingWithFaultReplyHandler",outcome="error",result="sent"\} 2\n/,
      );
      expect(metrics).toMatch(
        /cliengo_fault_replies_total\{chatbot="default",question_id="24",handler="InvalidFaultReplyHandler",outcome="error",result="invalid"\} 1\n/,
      );
      // The outcome is still the fault's.
      expect(metrics).toMatch(
        /cliengo_webhook_requests_total\{chatbot="default",outcome="timeout",question_id="22"\} 1\n/,
      );
      expect(metrics).toMatch(
        /cliengo_handler_timeouts_total\{chatbot="default",question_id="22",handler="OverrunningWithFaultReplyHandler"\} 1\n/,
      );
      // A handler without onFault sends no fault reply to count.
      expect(metrics).not.toMatch(
        /cliengo_fault_replies_total\{chatbot="default",[^}]*handler="ThrowingHandler"/,
      );
    } finally {
      await counted.close();
    }
  });
});

describe("the fallback handler's fault reply", () => {
  it('answers questions without a handler of their own with it, counted as other', async () => {
    const logs = new CapturedLogs();
    const app = await createTestApp({ handlers: [FaultReplyFallbackModule], logs });
    try {
      const response = await postChecked(app, '/webhook').send(onQuestion(77)).expect(200);
      expect(response.body).toEqual({ response: { text: [`${SORRY} (pregunta 77)`] } });
      expect(logs.lastWebhookLine()).toMatchObject({
        outcome: 'error',
        faultReply: 'sent',
        handler: 'FaultReplyFallbackHandler',
        questionId: 77,
      });
      const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(
        /cliengo_fault_replies_total\{chatbot="default",question_id="other",handler="FaultReplyFallbackHandler",outcome="error",result="sent"\} 1\n/,
      );
    } finally {
      await app.close();
    }
  });
});
