import { readFileSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { LifecycleState } from '../src/health/lifecycle.state.js';
import { FixtureHandlersModule, Q } from './fixtures/fixture-handlers.js';
import { CapturedLogs } from './support/captured-logs.js';
import { documentedRequest } from './support/documented-examples.js';
import { conformsToSpec } from './support/openapi-contract.js';
import { createTestApp } from './support/test-app.js';

const TOKEN = 'current-token-0123456789';
const NEXT_TOKEN = 'next-token-abcdefghijkl';
const body = () => documentedRequest();
const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

async function withApp(
  options: Parameters<typeof createTestApp>[0],
  run: (app: NestExpressApplication) => Promise<void>,
): Promise<void> {
  const app = await createTestApp(options);
  try {
    await run(app);
  } finally {
    await app.close();
  }
}

describe('access control with tokens configured', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    app = await createTestApp({ config: { accessTokens: [TOKEN, NEXT_TOKEN] }, logs });
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());

  it('answers 401 with a JSON error without a token, before reading the body', async () => {
    const response = await http()
      .post('/webhook')
      .send(body())
      .expect(401)
      .expect('WWW-Authenticate', 'Bearer')
      .expect(conformsToSpec);
    expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    // Even a body that would be refused is not looked at: the token comes first.
    await http().post('/webhook').set('Content-Type', 'text/plain').send('hola').expect(401);
  });

  it.each([
    ['a wrong token in the query', '/webhook?token=wrong-token-0123456789'],
    ['a wrong token in the path', '/token/wrong-token-0123456789/webhook'],
    ['an empty token in the path', '/token//webhook'],
    ['a prefix of a valid token', `/webhook?token=${TOKEN.slice(0, -1)}`],
  ])('answers 401 to %s', async (_case, path) => {
    await http().post(path).send(body()).expect(401);
  });

  it('answers 401 to a wrong bearer token', async () => {
    await http()
      .post('/webhook')
      .set('Authorization', 'Bearer nope-nope-nope-nope')
      .send(body())
      .expect(401);
  });

  it.each([
    ['in a path segment', `/token/${TOKEN}/webhook`],
    ['in a path segment, per-question URL', `/token/${TOKEN}/webhook/questions/3`],
    ['in the query', `/webhook?token=${TOKEN}`],
    ['in the query, per-question URL', `/webhook/questions/3?token=${TOKEN}`],
    ['for the next token (rotation)', `/token/${NEXT_TOKEN}/webhook`],
  ])('answers with a valid token %s', async (_case, path) => {
    const response = await http().post(path).send(body()).expect(200);
    expect(response.body.response.response_type).toBe('LIST');
  });

  it('answers with a valid bearer token', async () => {
    await http()
      .post('/webhook')
      .set('Authorization', `Bearer ${NEXT_TOKEN}`)
      .send(body())
      .expect(200);
  });

  it('never writes a token to the logs', async () => {
    logs.clear();
    await http().post(`/token/${TOKEN}/webhook?token=${NEXT_TOKEN}`).send(body()).expect(200);
    await http().post('/webhook').set('Authorization', `Bearer ${TOKEN}`).send(body()).expect(200);
    await http().post(`/token/${TOKEN}x/webhook`).send(body()).expect(401);
    const written = JSON.stringify(logs.lines);
    expect(logs.lines.length).toBeGreaterThanOrEqual(3);
    expect(written).not.toContain(TOKEN);
    expect(written).not.toContain(NEXT_TOKEN);
    expect(written).toContain('/token/[redacted]/webhook?token=[redacted]');
  });

  it('leaves health, metrics and docs open to probes', async () => {
    await http().get('/health/live').expect(200);
    await http().get('/metrics').expect(200);
  });
});

describe('access control without tokens', () => {
  it('runs open and warns at boot', async () => {
    const logs = new CapturedLogs();
    await withApp({ logs }, async (app) => {
      await request(app.getHttpServer()).post('/webhook').send(body()).expect(200);
    });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringMatching(/ACCESS_TOKENS is not set/),
      }),
    );
  });
});

describe('limits and bad input', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ config: { bodyLimitBytes: 4_096 } });
  });
  afterAll(() => app.close());

  const post = (path = '/webhook') =>
    request(app.getHttpServer()).post(path).expect(conformsToSpec);

  it('answers 413 to a body over BODY_LIMIT', async () => {
    const big = documentedRequest({ chatbotName: 'x'.repeat(1_000), tags: Array(500).fill('tag') });
    const response = await post().send(big).expect(413);
    expect(response.body.message).toMatch(/BODY_LIMIT/);
  });

  it.each([
    ['text/plain', 'hola'],
    ['application/x-www-form-urlencoded', 'channel=WEB'],
    ['application/xml', '<channel>WEB</channel>'],
  ])('answers 415 to a %s body', async (type, text) => {
    const response = await post().set('Content-Type', type).send(text).expect(415);
    expect(response.body.message).toContain(type);
  });

  it('answers 415 to a POST without a body or content type', async () => {
    await post().expect(415);
  });

  it('accepts JSON with a charset and +json media types', async () => {
    await post()
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(body()))
      .expect(200);
  });

  it('answers 400, never 500, to a deeply nested body', async () => {
    const depth = 1_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const text = `{"channel":"WEB","conversationId":"c1","collected_data":{"custom":{"a":${nested}}}}`;
    const response = await post().set('Content-Type', 'application/json').send(text).expect(400);
    const [[path, messages]] = Object.entries(response.body.fields as Record<string, string[]>);
    expect(path).toMatch(/^collected_data\.custom\.a\.0\.0/);
    expect(messages[0]).toMatch(/nested deeper than 64 levels/);
  });

  it('lets no __proto__ or constructor key pollute anything', async () => {
    const text = `{"channel":"WEB","conversationId":"c1","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"flow":{"last_question_id":3,"__proto__":{"polluted":3}},"collected_data":{"custom":{"__proto__":{"polluted":4}}}}`;
    await post().set('Content-Type', 'application/json').send(text).expect(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('request ids and personal data in logs', () => {
  const personalBody = () =>
    documentedRequest({
      chat_log: [{ sender: 'visitor', text: 'mi DNI es 30123456' }],
      flow: { last_question_id: Q.greets, retry_count: 0 },
    });

  it('takes the gateway request id, echoes it, and logs one line without personal data', async () => {
    const logs = new CapturedLogs();
    await withApp({ handlers: [FixtureHandlersModule], logs }, async (app) => {
      await request(app.getHttpServer())
        .post('/webhook')
        .set('X-Request-Id', 'gw-42')
        .send(personalBody())
        .expect(200)
        .expect('X-Request-Id', 'gw-42');
      const generated = await request(app.getHttpServer())
        .post('/webhook')
        .set('X-Request-Id', 'bad id!')
        .send(personalBody())
        .expect(200);
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
    const lines = logs.webhookLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      requestId: 'gw-42',
      conversationId: '5f0cbe62162e0dec1910d197',
      questionId: Q.greets,
      handler: 'GreetingHandler',
      outcome: 'replied',
      durationMs: expect.any(Number),
      responseTime: expect.any(Number),
    });
    const written = JSON.stringify(logs.lines);
    for (const personal of ['30123456', 'ariel@example.com', '+541138152222', '13.90.115.123']) {
      expect(written).not.toContain(personal);
    }
  });

  it('logs the shape of each reply at LOG_LEVEL=debug, and no personal data', async () => {
    const logs = new CapturedLogs();
    await withApp(
      { handlers: [FixtureHandlersModule], logs, config: { logLevel: 'debug' } },
      async (app) => {
        await request(app.getHttpServer())
          .post('/webhook')
          .set('X-Request-Id', 'gw-43')
          .send(personalBody())
          .expect(200);
        await request(app.getHttpServer())
          .post(`/webhook/questions/${Q.returnsNothing}`)
          .send(personalBody())
          .expect(200, {});
      },
    );
    const shapes = logs.lines.filter((line) => line.msg?.startsWith('reply '));
    expect(shapes).toEqual([
      expect.objectContaining({
        level: 'debug',
        requestId: 'gw-43',
        reply: { texts: 1, customKeys: ['last_message'] },
        msg: 'reply texts=1 customKeys=[last_message]',
      }),
      expect.objectContaining({ level: 'debug', reply: {}, msg: 'reply {}' }),
    ]);
    // The greeting says the lead's name, and memory gets the visitor's message: neither is logged.
    const written = JSON.stringify(logs.lines);
    for (const personal of ['ariel', '30123456', 'ariel@example.com', '13.90.115.123']) {
      expect(written).not.toContain(personal);
    }
  });

  it('logs visitor texts, lead and addresses when LOG_PERSONAL_DATA is on', async () => {
    const logs = new CapturedLogs();
    await withApp(
      {
        handlers: [FixtureHandlersModule],
        logs,
        config: { logPersonalData: true, trustProxy: true },
      },
      async (app) => {
        await request(app.getHttpServer())
          .post('/webhook')
          .set('X-Forwarded-For', '203.0.113.9')
          .send(personalBody())
          .expect(200);
      },
    );
    expect(logs.lastWebhookLine()).toMatchObject({
      visitorMessage: 'mi DNI es 30123456',
      lead: { email: 'ariel@example.com', phone: '+541138152222' },
      visitorIp: '13.90.115.123',
      req: { remoteAddress: '203.0.113.9' },
    });
  });
});

describe('health and metrics', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ handlers: [FixtureHandlersModule] });
  });
  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());
  const onQuestion = (questionId: number) =>
    documentedRequest({ flow: { last_question_id: questionId } });

  it('counts webhooks by outcome and question, timeouts, errors and rejected requests', async () => {
    await http().post('/webhook').send(onQuestion(Q.greets)).expect(200);
    await http().post('/webhook').send(onQuestion(Q.throws)).expect(200);
    await http().post('/webhook').send(onQuestion(Q.invalidReply)).expect(200);
    await http().post('/webhook').send(onQuestion(987_654)).expect(200);
    await http().post('/webhook').send({ channel: 'WEB' }).expect(400);
    await http().post('/webhook').set('Content-Type', 'text/plain').send('x').expect(415);
    const metrics = (
      await http()
        .get('/metrics')
        .expect(200)
        .expect('Content-Type', /text\/plain/)
    ).text;
    expect(metrics).toMatch(
      /cliengo_webhook_requests_total\{chatbot="default",outcome="replied",question_id="10"\} 1/,
    );
    expect(metrics).toMatch(
      /cliengo_webhook_requests_total\{chatbot="default",outcome="error",question_id="11"\} 1/,
    );
    // An id without a handler of its own is not a label value of its own.
    expect(metrics).toMatch(
      /cliengo_webhook_requests_total\{chatbot="default",outcome="pass-through",question_id="other"\} 1/,
    );
    expect(metrics).not.toContain('987654');
    expect(metrics).toMatch(
      /cliengo_handler_errors_total\{chatbot="default",question_id="11",handler="ThrowingHandler",kind="error"\} 1/,
    );
    expect(metrics).toMatch(
      /cliengo_handler_errors_total\{chatbot="default",question_id="13",handler="InvalidReplyHandler",kind="invalid-reply"\} 1/,
    );
    expect(metrics).toMatch(
      /cliengo_handler_duration_seconds_count\{chatbot="default",question_id="10",handler="GreetingHandler",outcome="replied"\} 1/,
    );
    expect(metrics).toMatch(/cliengo_rejected_requests_total\{status="400"\} 1/);
    expect(metrics).toMatch(/cliengo_rejected_requests_total\{status="415"\} 1/);
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
  });

  it("says the service's version (package.json's) and Node's in cliengo_build_info", async () => {
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metrics).toContain('# TYPE cliengo_build_info gauge');
    const series = metrics.split('\n').filter((line) => line.startsWith('cliengo_build_info'));
    expect(series).toEqual([
      `cliengo_build_info{version="${version}",node="${process.version}"} 1`,
    ]);
  });

  it('counts timeouts', async () => {
    await request(app.getHttpServer())
      .post('/webhook')
      .send(onQuestion(Q.overruns))
      .expect(200, {});
    const metrics = (await http().get('/metrics')).text;
    expect(metrics).toMatch(
      /cliengo_handler_timeouts_total\{chatbot="default",question_id="12",handler="OverrunningHandler"\} 1/,
    );
  });

  it('is live and ready, and not ready once shutting down, saying its version', async () => {
    await http()
      .get('/health/live')
      .expect(200, { status: 'ok', info: {}, error: {}, details: {}, version });
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', version });
    expect(ready.body.info.webhook.status).toBe('up');
    app.get(LifecycleState).beginShutdown();
    const draining = await http().get('/health/ready').expect(503);
    expect(draining.body).toMatchObject({ status: 'error', version, statusCode: 503 });
    expect(draining.body.error.webhook).toMatchObject({ status: 'down', message: 'shutting down' });
    await http().get('/health/live').expect(200);
  });

  it('can switch metrics off', async () => {
    await withApp({ config: { metricsEnabled: false } }, async (other) => {
      await request(other.getHttpServer()).get('/metrics').expect(404);
    });
  });
});

describe('path prefix and server settings', () => {
  it('serves the webhook and docs under PATH_PREFIX, token segment after the prefix', async () => {
    await withApp({ config: { pathPrefix: '/cliengo', accessTokens: [TOKEN] } }, async (app) => {
      const http = () => request(app.getHttpServer());
      await http().post(`/cliengo/token/${TOKEN}/webhook`).send(body()).expect(200);
      await http().post(`/cliengo/webhook/questions/3?token=${TOKEN}`).send(body()).expect(200);
      await http().post('/cliengo/webhook').send(body()).expect(401);
      await http().post(`/webhook?token=${TOKEN}`).send(body()).expect(404);
      // Probes and scrapes stay where the orchestrator looks for them.
      await http().get('/health/ready').expect(200);
      await http().get('/metrics').expect(200);
      await http().get('/cliengo/docs/openapi.json').expect(200);
    });
  });

  it('keeps idle connections longer than a gateway would', async () => {
    await withApp({ config: { keepAliveTimeoutMs: 75_000 } }, (app) => {
      const server = app.getHttpServer() as { keepAliveTimeout: number };
      expect(server.keepAliveTimeout).toBe(75_000);
      return Promise.resolve();
    });
  });
});
