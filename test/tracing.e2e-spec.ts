import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { pino } from 'pino';
import request from 'supertest';
import { activeWebhookTracing, startTracing, type Tracing } from '../src/tracing/tracing.js';
import { startTracingSdk } from '../src/tracing/tracing.sdk.js';
import { type CliengoHandler, type Conversation, QuestionHandler } from '../src/webhook/index.js';
import { CapturedLogs } from './support/captured-logs.js';
import { documentedRequest } from './support/documented-examples.js';
import { createTestApp } from './support/test-app.js';

/**
 * Tracing as `startTracing` sets it up, with an in-memory exporter in place of OTLP: the
 * span of each webhook call, its parent (the gateway's `traceparent`), its attributes, the
 * handler's `fetch` as a child span, the ids on the log line; and nothing once it is off.
 */

const TOKEN = 'tracing-token-0123456789';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;
const Q_CALLS_BACKEND = 60;
const Q_THROWS = 61;

/** The backend the handler calls, and the headers each call brought. */
let backend: Server;
let backendUrl: string;
const backendCalls: IncomingHttpHeaders[] = [];

@QuestionHandler(Q_CALLS_BACKEND)
class BackendHandler implements CliengoHandler {
  async handle(conversation: Conversation) {
    // After a turn of the event loop, as real handler code would be.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const stock = (await (await fetch(`${backendUrl}/stock`)).json()) as { units: number };
    return conversation.reply().say(`Quedan ${stock.units}`).expectList(['Sí', 'No']).goTo(7);
  }
}

@QuestionHandler(Q_THROWS)
class ThrowingHandler implements CliengoHandler {
  async handle(): Promise<undefined> {
    await Promise.resolve();
    throw new TypeError('the CRM is down for ariel@example.com');
  }
}

@Module({ providers: [BackendHandler, ThrowingHandler] })
class TracingFixtureModule {}

const body = (questionId: number) =>
  documentedRequest({
    chat_log: [{ sender: 'visitor', text: 'mi DNI es 30123456' }],
    flow: { last_question_id: questionId, retry_count: 0 },
  });

const PERSONAL = ['ariel', '30123456', '+541138152222', '13.90.115.123', TOKEN];

const webhookSpans = (spans: ReadableSpan[]) =>
  spans.filter((span) => span.instrumentationScope.name === 'cliengo-fulfillment');

beforeAll(async () => {
  backend = createServer((incoming, response) => {
    backendCalls.push(incoming.headers);
    response.setHeader('Content-Type', 'application/json');
    response.end('{"units":3}');
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => backend.close(resolve));
});

describe('tracing on', () => {
  const memory = new InMemorySpanExporter();
  const logs = new CapturedLogs();
  let tracing: Tracing;
  let app: NestExpressApplication;

  beforeAll(async () => {
    tracing = startTracingSdk(
      { exporters: ['otlp'], protocol: 'http/protobuf' },
      {
        logger: pino({ level: 'silent' }),
        spanProcessors: [new SimpleSpanProcessor(memory)],
      },
    ).tracing;
    app = await createTestApp({
      handlers: [TracingFixtureModule],
      logs,
      config: { accessTokens: [TOKEN] },
    });
  });

  afterAll(async () => {
    await app.close();
    await tracing.shutdown();
  });

  beforeEach(() => {
    memory.reset();
    logs.clear();
    backendCalls.splice(0);
  });

  it('gives a webhook call a SERVER span, child of the gateway’s traceparent, with its attributes and no token or personal data', async () => {
    await request(app.getHttpServer())
      .post(`/token/${TOKEN}/webhook/questions/${Q_CALLS_BACKEND}?utm=x`)
      .set('traceparent', TRACEPARENT)
      .set('X-Request-Id', 'gw-7')
      .send(body(Q_CALLS_BACKEND))
      .expect(200);

    const [span] = webhookSpans(memory.getFinishedSpans());
    expect(span).toBeDefined();
    expect(span.name).toBe('POST /webhook/questions/:questionId');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(span.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(span.parentSpanContext?.isRemote).toBe(true);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/webhook/questions/:questionId',
      'http.response.status_code': 200,
      'url.path': '/token/[redacted]/webhook/questions/60',
      'url.scheme': 'http',
      'network.protocol.version': '1.1',
      'cliengo.request_id': 'gw-7',
      'cliengo.question_id': Q_CALLS_BACKEND,
      'cliengo.handler': 'BackendHandler',
      'cliengo.outcome': 'replied',
      'cliengo.chatbot': 'default',
      'cliengo.conversation_id': '5f0cbe62162e0dec1910d197',
    });
    const exported = JSON.stringify(memory.getFinishedSpans().map((each) => each.attributes));
    for (const personal of PERSONAL) expect(exported).not.toContain(personal);
  });

  it("makes the handler's fetch a child span of the webhook's, and propagates it to the backend", async () => {
    // A long conversation: its body arrives in several events of the connection.
    const long = {
      ...body(Q_CALLS_BACKEND),
      chat_log: Array.from({ length: 800 }, (_, index) => ({
        sender: index % 2 ? 'chatbot' : 'visitor',
        text: `mensaje número ${index} de una conversación larga, con una pregunta más`,
      })),
    };
    expect(JSON.stringify(long).length).toBeGreaterThan(64 * 1024);
    await request(app.getHttpServer())
      .post(`/webhook?token=${TOKEN}`)
      .set('traceparent', TRACEPARENT)
      .send(long)
      .expect(200);

    const spans = memory.getFinishedSpans();
    const [server] = webhookSpans(spans);
    const client = spans.find((span) => span.kind === SpanKind.CLIENT);
    expect(server.name).toBe('POST /webhook');
    expect(client).toBeDefined();
    expect(client!.instrumentationScope.name).toBe('@opentelemetry/instrumentation-undici');
    expect(client!.spanContext().traceId).toBe(TRACE_ID);
    expect(client!.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(client!.attributes['url.full']).toBe(`${backendUrl}/stock`);
    expect(backendCalls).toHaveLength(1);
    expect(backendCalls[0].traceparent).toBe(`00-${TRACE_ID}-${client!.spanContext().spanId}-01`);
  });

  it('puts the ids of the trace and of the span on the log lines of the call', async () => {
    await request(app.getHttpServer())
      .post(`/webhook/questions/${Q_CALLS_BACKEND}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('traceparent', TRACEPARENT)
      .send(body(Q_CALLS_BACKEND))
      .expect(200);
    const [span] = webhookSpans(memory.getFinishedSpans());
    expect(logs.lastWebhookLine()).toMatchObject({
      traceId: TRACE_ID,
      spanId: span.spanContext().spanId,
      outcome: 'replied',
    });
  });

  it('starts a trace of its own without a traceparent', async () => {
    await request(app.getHttpServer())
      .post(`/webhook/questions/${Q_CALLS_BACKEND}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .send(body(Q_CALLS_BACKEND))
      .expect(200);
    const [span] = webhookSpans(memory.getFinishedSpans());
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.spanContext().traceId).not.toBe(TRACE_ID);
    expect(logs.lastWebhookLine()?.traceId).toBe(span.spanContext().traceId);
  });

  it('marks a handler fault an error, saying only its kind', async () => {
    await request(app.getHttpServer())
      .post(`/webhook/questions/${Q_THROWS}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('traceparent', TRACEPARENT)
      .send(body(Q_THROWS))
      .expect(200, {});
    const [span] = webhookSpans(memory.getFinishedSpans());
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'webhook error' });
    expect(span.attributes).toMatchObject({
      'cliengo.outcome': 'error',
      'cliengo.handler': 'ThrowingHandler',
      'error.type': 'TypeError',
    });
    const exported = JSON.stringify([span.attributes, span.status, span.events]);
    for (const secret of ['the CRM is down', ...PERSONAL]) expect(exported).not.toContain(secret);
  });

  it('traces a refused call too, by its route, and nothing but the webhook routes', async () => {
    await request(app.getHttpServer())
      .post('/token/wrong-token-0123456789/webhook')
      .send(body(Q_CALLS_BACKEND))
      .expect(401);
    await request(app.getHttpServer()).get('/health/live').expect(200);
    await request(app.getHttpServer()).post('/nowhere').send({}).expect(404);
    const spans = memory.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0].name).toBe('POST /webhook');
    expect(spans[0].attributes).toMatchObject({
      'http.response.status_code': 401,
      'url.path': '/token/[redacted]/webhook',
    });
    expect(spans[0].status.code).toBe(SpanStatusCode.UNSET);
  });
});

describe('tracing off', () => {
  it('traces nothing once stopped, nor when the environment does not ask for it: no span, no ids in logs, no traceparent sent on', async () => {
    const memory = new InMemorySpanExporter();
    // Started, then stopped: what is left must be as if tracing had never been on.
    await startTracingSdk(
      { exporters: ['otlp'], protocol: 'http/protobuf' },
      {
        logger: pino({ level: 'silent' }),
        spanProcessors: [new SimpleSpanProcessor(memory)],
      },
    ).tracing.shutdown();
    expect(activeWebhookTracing()).toBeUndefined();
    const saved = { ...process.env };
    for (const variable of Object.keys(process.env)) {
      if (variable.startsWith('OTEL_')) delete process.env[variable];
    }
    try {
      expect(await startTracing()).toBeUndefined();
      process.env.OTEL_TRACES_EXPORTER = 'none';
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:4318';
      expect(await startTracing()).toBeUndefined();
    } finally {
      process.env = saved;
    }
    expect(activeWebhookTracing()).toBeUndefined();

    const logs = new CapturedLogs();
    backendCalls.splice(0);
    const app = await createTestApp({ handlers: [TracingFixtureModule], logs });
    try {
      await request(app.getHttpServer())
        .post(`/webhook/questions/${Q_CALLS_BACKEND}`)
        .set('traceparent', TRACEPARENT)
        .send(body(Q_CALLS_BACKEND))
        .expect(200);
    } finally {
      await app.close();
    }
    expect(memory.getFinishedSpans()).toEqual([]);
    expect(logs.lastWebhookLine()).toMatchObject({ outcome: 'replied' });
    expect(logs.lastWebhookLine()).not.toHaveProperty('traceId');
    expect(logs.lastWebhookLine()).not.toHaveProperty('spanId');
    expect(backendCalls).toHaveLength(1);
    expect(backendCalls[0]).not.toHaveProperty('traceparent');
  });
});
