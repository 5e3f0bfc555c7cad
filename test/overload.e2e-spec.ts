import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { HandlerCancelledError } from '../src/webhook/handler-cancelled.error.js';
import {
  BLOCKING_HANDLER_MS,
  FixtureHandlersModule,
  OverrunningHandler,
  Q,
  SLOW_HANDLER_MS,
} from './fixtures/fixture-handlers.js';
import { CapturedLogs } from './support/captured-logs.js';
import { conformsToSpec } from './support/openapi-contract.js';
import { documentedRequest } from './support/documented-examples.js';
import { RawConnection, rawPost } from './support/raw-http.js';
import { createTestApp, type TestAppOptions } from './support/test-app.js';

/**
 * Under load the service sheds calls instead of answering every call late; the deadline
 * counts from a request's arrival; a call whose client went away stops its handler. Each is
 * logged and counted.
 */

const onQuestion = (questionId: number) =>
  JSON.stringify(documentedRequest({ flow: { last_question_id: questionId } }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listening(options: TestAppOptions) {
  const app = await createTestApp({ handlers: [FixtureHandlersModule], ...options });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, port };
}

async function metricsOf(app: NestExpressApplication): Promise<string> {
  return (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
}

/** Posts `body` on a fresh connection; resolves with status, body and time to the answer. */
async function timedPost(port: number, body: string) {
  const connection = await RawConnection.open(port);
  const started = performance.now();
  connection.write(rawPost('/webhook', body, { Connection: 'close' }));
  const response = await connection.response(5_000);
  connection.close();
  return { ...response!, ms: performance.now() - started };
}

describe('load shedding on calls in flight', () => {
  let app: NestExpressApplication;
  let port: number;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    ({ app, port } = await listening({ logs, config: { maxInFlight: 2 } }));
  });
  afterAll(() => app.close());

  it('answers the call over MAX_IN_FLIGHT at once with {}, and the others in full', async () => {
    logs.clear();
    const first = timedPost(port, onQuestion(Q.slow));
    const second = timedPost(port, onQuestion(Q.slow));
    await sleep(50);
    const third = await timedPost(port, onQuestion(Q.slow));
    expect(third.status).toBe(200);
    expect(JSON.parse(third.body)).toEqual({});
    expect(third.ms).toBeLessThan(SLOW_HANDLER_MS / 2);
    for (const answered of await Promise.all([first, second])) {
      expect(JSON.parse(answered.body)).toEqual({ response: { text: ['done'] } });
    }
    await sleep(20);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', outcome: 'shed', shedReason: 'in-flight' }),
    );
    const metrics = await metricsOf(app);
    expect(metrics).toMatch(/cliengo_shed_requests_total\{reason="in-flight"\} 1/);
    expect(metrics).toMatch(
      /cliengo_webhook_requests_total\{chatbot="default",outcome="shed",question_id="none"\} 1/,
    );
  });

  it('sheds before reading the body: the answer comes while the body is still on its way', async () => {
    const busy = [timedPost(port, onQuestion(Q.slow)), timedPost(port, onQuestion(Q.slow))];
    await sleep(50);
    const connection = await RawConnection.open(port);
    const body = onQuestion(Q.slow);
    const whole = rawPost('/webhook', body);
    connection.write(whole.slice(0, whole.length - 20));
    const shed = await connection.response(1_000);
    expect(shed?.status).toBe(200);
    expect(shed?.body).toBe('{}');
    connection.close();
    await Promise.all(busy);
  });

  it('counts the calls in flight, the queueing time and the event loop lag', async () => {
    const metrics = await metricsOf(app);
    expect(metrics).toMatch(/cliengo_webhook_in_flight 0/);
    expect(metrics).toMatch(/cliengo_event_loop_lag_seconds \d/);
    expect(metrics).toMatch(/cliengo_webhook_queue_seconds_count [1-9]/);
  });
});

describe('the overload answer', () => {
  it('is 503 with Retry-After when OVERLOAD_RESPONSE=503', async () => {
    const { app, port } = await listening({ config: { maxInFlight: 1, overloadResponse: '503' } });
    try {
      const busy = timedPost(port, onQuestion(Q.slow));
      await sleep(50);
      const shed = await request(app.getHttpServer())
        .post('/webhook')
        .set('Content-Type', 'application/json')
        .send(onQuestion(Q.slow))
        .expect(503)
        .expect('Retry-After', '1')
        .expect(conformsToSpec);
      expect(shed.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect((await busy).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

/** Holds the event loop in `turns` turns of `ms` each, letting timers and I/O run between. */
async function holdLoop(turns: number, ms: number): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // busy
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('load shedding on event loop lag', () => {
  it('answers in full the calls that waited behind one pause of the event loop', async () => {
    const logs = new CapturedLogs();
    const { app, port } = await listening({ logs, config: { maxEventLoopLagMs: 100 } });
    try {
      const blocking = timedPost(port, onQuestion(Q.blocks));
      await sleep(BLOCKING_HANDLER_MS / 4);
      // Sent while the loop is held: it waits in the socket until the loop is free, which
      // is no reason to take its answer away.
      const waited = await timedPost(port, onQuestion(Q.greets));
      expect(JSON.parse(waited.body).response).toBeDefined();
      expect(JSON.parse((await blocking).body)).toEqual({ response: { text: ['unblocked'] } });
      await sleep(20);
      expect(logs.lines).not.toContainEqual(expect.objectContaining({ outcome: 'shed' }));
    } finally {
      await app.close();
    }
  });

  it('sheds the calls that come while the event loop stays late', async () => {
    const logs = new CapturedLogs();
    const { app, port } = await listening({ logs, config: { maxEventLoopLagMs: 100 } });
    try {
      await holdLoop(2, 200);
      const holding = holdLoop(4, 200);
      const shed = await timedPost(port, onQuestion(Q.greets));
      await holding;
      expect(shed.body).toBe('{}');
      await sleep(20);
      expect(logs.lines).toContainEqual(
        expect.objectContaining({ outcome: 'shed', shedReason: 'event-loop-lag' }),
      );
      // Once the loop is free again, calls are answered as usual.
      await sleep(100);
      expect(JSON.parse((await timedPost(port, onQuestion(Q.greets))).body).response).toBeDefined();
    } finally {
      await app.close();
    }
  });
});

describe('a busy event loop that keeps up', () => {
  it('answers calls in full while the loop never rests in short turns', async () => {
    const logs = new CapturedLogs();
    const { app, port } = await listening({ logs, config: { maxEventLoopLagMs: 50 } });
    try {
      // The loop works all the time in short turns, as at full throughput: nobody waits long.
      let saturating = true;
      const saturation = (async () => {
        while (saturating) {
          const until = performance.now() + 4;
          while (performance.now() < until) {
            // busy
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await sleep(1_200);
      const answered = await timedPost(port, onQuestion(Q.greets));
      saturating = false;
      await saturation;
      expect(JSON.parse(answered.body).response).toBeDefined();
      await sleep(20);
      expect(logs.lines).not.toContainEqual(expect.objectContaining({ outcome: 'shed' }));
      expect(await metricsOf(app)).toMatch(/cliengo_event_loop_utilization (0\.\d+|1)\n/);
    } finally {
      await app.close();
    }
  });
});

describe('the deadline counts from the arrival', () => {
  let app: NestExpressApplication;
  let port: number;
  const logs = new CapturedLogs();
  const DEADLINE_MS = 400;

  beforeAll(async () => {
    ({ app, port } = await listening({ logs, config: { handlerTimeoutMs: DEADLINE_MS } }));
  });
  afterAll(() => app.close());

  /** Sends the head and part of the body, then the rest after `delayMs`. */
  async function slowBody(questionId: number, delayMs: number) {
    const connection = await RawConnection.open(port);
    const whole = rawPost('/webhook', onQuestion(questionId), { Connection: 'close' });
    const started = performance.now();
    connection.write(whole.slice(0, whole.length - 10));
    await sleep(delayMs);
    connection.write(whole.slice(whole.length - 10));
    const response = await connection.response(5_000);
    connection.close();
    return { ...response!, ms: performance.now() - started };
  }

  it('gives the handler what is left of its deadline after a slow body', async () => {
    // 250 ms of body, then a 250 ms handler: past the 400 ms deadline, answered {} at 400 ms.
    const answered = await slowBody(Q.slow, SLOW_HANDLER_MS);
    expect(answered.body).toBe('{}');
    expect(answered.ms).toBeLessThan(DEADLINE_MS + 100);
    await sleep(20);
    expect(logs.lastWebhookLine()).toMatchObject({
      outcome: 'timeout',
      queuedMs: expect.any(Number),
    });
    expect(logs.lastWebhookLine()!.queuedMs as number).toBeGreaterThanOrEqual(SLOW_HANDLER_MS - 10);
  });

  it('does not start a handler whose deadline passed before its body arrived', async () => {
    const answered = await slowBody(Q.greets, DEADLINE_MS + 50);
    expect(answered.body).toBe('{}');
    await sleep(20);
    expect(logs.lastWebhookLine()).toMatchObject({
      outcome: 'shed',
      shedReason: 'deadline',
      handler: 'GreetingHandler',
    });
    expect(await metricsOf(app)).toMatch(/cliengo_shed_requests_total\{reason="deadline"\} 1/);
  });
});

describe('a client that goes away', () => {
  it('stops the handler, and logs and counts the call as client-gone', async () => {
    const logs = new CapturedLogs();
    const { app, port } = await listening({ logs });
    try {
      const connection = await RawConnection.open(port);
      connection.write(rawPost('/webhook', onQuestion(Q.overruns)));
      await sleep(100);
      connection.close();
      await sleep(50);
      expect(OverrunningHandler.lastAbortReason).toBeInstanceOf(HandlerCancelledError);
      expect((OverrunningHandler.lastAbortReason as HandlerCancelledError).reason).toBe(
        'client-gone',
      );
      expect(logs.lastWebhookLine()).toMatchObject({
        level: 'warn',
        outcome: 'client-gone',
        handler: 'OverrunningHandler',
        aborted: true,
      });
      expect(await metricsOf(app)).toMatch(
        /cliengo_webhook_requests_total\{chatbot="default",outcome="client-gone",question_id="12"\} 1/,
      );
    } finally {
      await app.close();
    }
  });
});
