import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HandlerCancelledError } from '../src/webhook/handler-cancelled.error.js';
import { installGracefulShutdown } from '../src/shutdown.js';
import {
  FallbackModule,
  FixtureHandlersModule,
  OverrunningHandler,
  Q,
  SLOW_HANDLER_MS,
} from './fixtures/fixture-handlers.js';
import { documentedRequest } from './support/documented-examples.js';
import { RawConnection, rawPost } from './support/raw-http.js';
import { createTestApp, type TestAppOptions } from './support/test-app.js';

/**
 * Graceful shutdown, in-process: the readiness window, repeated signals, the calls in
 * flight answered `{}` at the timeout instead of reset, and the boot warning about handler
 * deadlines the shutdown would cut. (The real signals and exit codes of the process are in
 * process.e2e-spec.ts.)
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const onQuestion = (questionId: number) =>
  JSON.stringify(documentedRequest({ flow: { last_question_id: questionId } }));

interface Recorder {
  exits: number[];
  lines: string[];
  logger: { log: (m: string) => void; error: (m: string) => void; warn: (m: string) => void };
}

function recorder(): Recorder {
  const lines: string[] = [];
  const push = (m: string) => void lines.push(m);
  return { exits: [], lines, logger: { log: push, error: push, warn: push } };
}

const opened: Array<{ app: NestExpressApplication; record?: Recorder }> = [];
afterEach(async () => {
  // An app whose shutdown did not get to the end (a failed test) is closed here.
  for (const { app, record } of opened.splice(0)) {
    if (!record || record.exits.length === 0) await app.close().catch(() => {});
  }
});

async function serving(options: TestAppOptions = {}) {
  const app = await createTestApp({
    handlers: [FixtureHandlersModule, FallbackModule],
    ...options,
  });
  opened.push({ app });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, port, base: `http://127.0.0.1:${port}` };
}

function shutdownOf(
  app: NestExpressApplication,
  record: Recorder,
  settings: { timeoutMs: number; drainMs: number; handlerTimeoutMs?: number },
) {
  const entry = opened.find((candidate) => candidate.app === app);
  if (entry) entry.record = record;
  return installGracefulShutdown(app, {
    handlerTimeoutMs: 3_000,
    ...settings,
    logger: record.logger,
    exit: (code) => void record.exits.push(code),
    signals: [],
  });
}

const post = (base: string, questionId: number) =>
  fetch(`${base}/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: onQuestion(questionId),
  });

describe('graceful shutdown', () => {
  it('keeps serving through the readiness window with readiness 503, then stops accepting and exits 0', async () => {
    const { app, port, base } = await serving();
    const record = recorder();
    const shutdown = shutdownOf(app, record, { timeoutMs: 5_000, drainMs: 400 });
    const inFlight = post(base, Q.slow);
    await sleep(SLOW_HANDLER_MS / 5);
    const closing = shutdown('SIGTERM received');

    // The listener still answers: readiness says 503, webhooks are answered in full.
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    const during = await post(base, Q.greets);
    expect(during.status).toBe(200);
    expect(((await during.json()) as { response: { text: string[] } }).response.text).toHaveLength(
      1,
    );
    expect(await (await inFlight).json()).toEqual({ response: { text: ['done'] } });

    await sleep(500);
    // After the window: no new connection is taken.
    await expect(RawConnection.open(port).then((c) => c.whenClosed(500))).rejects.toThrow();
    await closing;
    expect(record.exits).toEqual([0]);
    expect(record.lines[0]).toMatch(/SIGTERM received: shutting down/);
  });

  it('goes on with the same shutdown when a second signal comes', async () => {
    const { app, base } = await serving();
    const record = recorder();
    const shutdown = shutdownOf(app, record, { timeoutMs: 5_000, drainMs: 0 });
    const inFlight = post(base, Q.slow);
    await sleep(SLOW_HANDLER_MS / 5);
    const first = shutdown('SIGTERM received');
    const second = shutdown('SIGTERM received');
    expect(second).toBe(first);
    expect((await inFlight).status).toBe(200);
    await first;
    expect(record.exits).toEqual([0]);
    expect(record.lines).toContainEqual(
      expect.stringMatching(/while shutting down: the shutdown goes on/),
    );
  });

  it('answers {} the calls still in flight at the timeout, aborting their handlers, then exits 1', async () => {
    const { app, base, port } = await serving({ config: { handlerTimeoutMs: 5_000 } });
    const record = recorder();
    const shutdown = shutdownOf(app, record, { timeoutMs: 150, drainMs: 0 });
    // A handler that runs until it is aborted, and a call whose body is still coming.
    const running = post(base, Q.overruns);
    const slowBody = await RawConnection.open(port);
    const whole = rawPost('/webhook', onQuestion(Q.greets));
    slowBody.write(whole.slice(0, whole.length - 5));
    await sleep(50);
    const started = Date.now();
    const closing = shutdown('SIGTERM received');

    const answered = await running;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({});
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((OverrunningHandler.lastAbortReason as HandlerCancelledError).reason).toBe('shutdown');
    const early = await slowBody.response();
    expect(early?.status).toBe(200);
    expect(early?.body).toBe('{}');
    await closing;
    expect(record.exits).toEqual([1]);
    expect(record.lines).toContainEqual(
      expect.stringMatching(/longer than 150 ms: 2 call\(s\) still in flight answered \{\}/),
    );
  });

  it('warns at boot about handlers whose deadline the shutdown would cut', async () => {
    const { app } = await serving();
    const record = recorder();
    shutdownOf(app, record, { timeoutMs: 2_000, drainMs: 1_000, handlerTimeoutMs: 3_000 });
    expect(record.lines).toHaveLength(1);
    expect(record.lines[0]).toMatch(
      /leaves in-flight calls 1000 ms .* GreetingHandler \(3000 ms\)/,
    );
    // Its own deadline (300 ms) fits.
    expect(record.lines[0]).not.toMatch(/OverrunningHandler/);
    const quiet = recorder();
    shutdownOf(app, quiet, { timeoutMs: 10_000, drainMs: 5_000, handlerTimeoutMs: 3_000 });
    expect(quiet.lines).toEqual([]);
  });
});
