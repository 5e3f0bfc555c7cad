import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/free-port.js';
import {
  buildProcessService,
  collect,
  exited,
  jsonLines,
  ready,
  type ServiceProcess,
  startProcess,
} from './support/built-service.js';

/**
 * The service as a process, started as `npm start` starts it: what it does with signals,
 * uncaught exceptions and unhandled rejections, a stalled reader of its standard output,
 * and a bad setting at boot. Every line it writes is JSON, on standard output.
 */

const Q = { slow: 20, throwsLater: 21, rejectsLater: 22, floods: 23 } as const;
const SLOW_MS = 600;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let entry: string;
beforeAll(async () => {
  entry = await buildProcessService();
}, 120_000);

const running: ServiceProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function service(env: Record<string, string> = {}) {
  const port = await freePort();
  const child = startProcess(entry, {
    PORT: String(port),
    FIXTURE_SLOW_MS: String(SLOW_MS),
    ...env,
  });
  running.push(child);
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  await ready(port);
  const post = (questionId: number) =>
    fetch(`http://127.0.0.1:${port}/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channel: 'WEB',
        conversationId: `c-${questionId}`,
        flow: { last_question_id: questionId },
      }),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));
  return { child, port, stdout, stderr, post };
}

describe('the service process', () => {
  it('stops the boot on a bad setting with one JSON line naming it, exit 1', async () => {
    const child = startProcess(entry, { PORT: '3000', HANDLER_TIMEOUT_MS: 'soon' });
    running.push(child);
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    expect(await exited(child)).toBe(1);
    const lines = jsonLines(stdout.text());
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: expect.stringMatching(/cannot start: Invalid configuration: HANDLER_TIMEOUT_MS/),
      }),
    ]);
    expect(stderr.text()).toBe('');
  });

  it('answers every call in flight after an uncaught exception from a handler, then exits 1', async () => {
    const { child, stdout, stderr, post } = await service({ HANDLER_TIMEOUT_MS: '1000' });
    const inFlight = [post(Q.slow), post(Q.slow), post(Q.slow)];
    await sleep(50);
    const thrower = post(Q.throwsLater);
    const answers = await Promise.all([...inFlight, thrower]);
    expect(answers.slice(0, 3)).toEqual(
      Array(3).fill({ status: 200, body: { response: { text: ['slow done'] } } }),
    );
    // The call whose handler threw is answered {} at its deadline.
    expect(answers[3]).toEqual({ status: 200, body: {} });
    expect(await exited(child)).toBe(1);
    const lines = jsonLines(stdout.text());
    const fatal = lines.filter((line) => line.level === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({
      err: expect.objectContaining({ message: 'boom from a timer' }),
      msg: expect.stringMatching(/Uncaught exception: stopping/),
      inFlight: expect.arrayContaining([
        expect.objectContaining({ handler: 'ThrowsLaterHandler', questionId: Q.throwsLater }),
      ]),
    });
    expect(stderr.text()).toBe('');
  }, 20_000);

  it('logs an unhandled rejection with the calls in flight, and keeps serving', async () => {
    const { child, stdout, post } = await service();
    expect(await post(Q.rejectsLater)).toEqual({
      status: 200,
      body: { response: { text: ['answered anyway'] } },
    });
    expect((await post(Q.slow)).status).toBe(200);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    const rejection = jsonLines(stdout.text()).find((line) =>
      String(line.msg).startsWith('Unhandled promise rejection'),
    );
    expect(rejection).toMatchObject({
      level: 'error',
      err: expect.objectContaining({ message: 'forgotten rejection' }),
      recentlyAnswered: [
        expect.objectContaining({
          handler: 'RejectsLaterHandler',
          requestId: expect.any(String),
        }),
      ],
    });
  }, 20_000);

  it('does not cut its shutdown short on a second SIGTERM; readiness is 503 while it still serves', async () => {
    const { child, port, stdout, post } = await service({
      SHUTDOWN_DRAIN_MS: '400',
      SHUTDOWN_TIMEOUT_MS: '5000',
    });
    const inFlight = Array.from({ length: 10 }, () => post(Q.slow));
    await sleep(50);
    child.kill('SIGTERM');
    await sleep(50);
    child.kill('SIGTERM');
    const readiness = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(readiness.status).toBe(503);
    const answers = await Promise.all(inFlight);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.map((answer) => answer.body)).toEqual(
      Array(10).fill({ response: { text: ['slow done'] } }),
    );
    expect(await exited(child)).toBe(0);
    expect(jsonLines(stdout.text()).map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/SIGTERM received while shutting down: the shutdown goes on/),
        'Shut down cleanly',
      ]),
    );
  }, 20_000);

  it('keeps its memory bounded when standard output is not read, drops and counts lines, and still stops', async () => {
    const { child, port, stdout, post } = await service({
      LOG_BUFFER_BYTES: '1048576',
      // Young generation semi-spaces of at most 16 MB, as Node 20 has them by default. With
      // its own default, Node 24 holds far more of the flood's short-lived strings between
      // collections (measured: 44 MB of growth; 11 MB with this setting, 9 MB on Node 20).
      // The bound below is about the log buffer, not about when the collector runs.
      NODE_OPTIONS: '--max-semi-space-size=16',
    });
    const rssOf = async () => {
      const status = await import('node:fs/promises').then((fs) =>
        fs.readFile(`/proc/${child.pid}/status`, 'utf8'),
      );
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
    };
    child.stdout.pause();
    await sleep(200);
    const before = await rssOf();
    // 40 calls of 1,000 lines of 2 KB each: about 80 MB of log lines nobody reads.
    for (let round = 0; round < 40; round++) expect((await post(Q.floods)).status).toBe(200);
    await sleep(500);
    const grown = (await rssOf()) - before;
    expect(grown).toBeLessThan(40 * 1024 * 1024);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const dropped = Number(/cliengo_log_lines_dropped_total (\d+)/.exec(metrics)?.[1]);
    expect(dropped).toBeGreaterThan(10_000);
    // Once the reader reads again, a line says how many were lost.
    child.stdout.resume();
    await post(Q.slow);
    await sleep(600);
    const reports = jsonLines(stdout.text()).filter((line) => line.droppedLines !== undefined);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports[0]).toMatchObject({ level: 'warn', context: 'Logs' });
    // Together they count every line lost: the scrape above saw most of them.
    const reported = reports.reduce((sum, line) => sum + (line.droppedLines as number), 0);
    expect(reported).toBeGreaterThanOrEqual(dropped);
    // With the reader stalled again, SIGTERM still ends the process.
    child.stdout.pause();
    for (let round = 0; round < 5; round++) await post(Q.floods);
    await sleep(1_500);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
  }, 30_000);
});

describe('the service process with a .env file', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'process-env-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  /** Starts the service in `directory`, reading `.env` there as the bundled service does. */
  function inDirectory(lines: string[], env: Record<string, string> = {}) {
    writeFileSync(join(directory, '.env'), `${lines.join('\n')}\n`);
    const child = startProcess(entry, { FIXTURE_ENV_FILE: '.env', ...env }, { cwd: directory });
    running.push(child);
    return { child, stdout: collect(child.stdout), stderr: collect(child.stderr) };
  }

  it('fills in what the environment does not set, and says so; the environment wins', async () => {
    const port = await freePort();
    const { stdout, stderr } = inDirectory(
      [`PORT=${port}`, 'HANDLER_TIMEOUT_MS=soon', '# the deadline comes from the environment'],
      { HANDLER_TIMEOUT_MS: '1000' },
    );
    await ready(port);
    // Log lines are written asynchronously: wait for the one about the file.
    for (let waited = 0; waited < 5_000 && !stdout.text().includes('Read .env'); waited += 50) {
      await sleep(50);
    }
    expect(jsonLines(stdout.text())).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'Bootstrap',
        msg: 'Read .env: PORT set from it; HANDLER_TIMEOUT_MS kept as the environment sets it',
      }),
    );
    expect(stderr.text()).toBe('');
  });

  it('stops the boot on a line that is not a variable, naming the line and not its text', async () => {
    const { child, stdout, stderr } = inDirectory(['PORT=3000', 'my-secret-0123456789abcdef']);
    expect(await exited(child)).toBe(1);
    expect(jsonLines(stdout.text())).toEqual([
      expect.objectContaining({
        level: 'fatal',
        msg: 'The service cannot start: .env cannot be used: line 2 is not a variable (NAME=value), a # comment or blank',
      }),
    ]);
    expect(stdout.text()).not.toContain('my-secret');
    expect(stderr.text()).toBe('');
  });
});
