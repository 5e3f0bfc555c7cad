// What the service does when it gets about twice what it can serve: the built service
// (`bench/servers/slow-handler-service.mjs`: startService from dist/, as in production, with
// one handler that waits 50 ms on a timer) is driven open loop by `lib/open-loop.mjs`, first
// on a short ramp that finds the rate it sustains, then at twice that rate with its default
// load shedding and again with shedding off. It prints the share of answers that came after
// the deadline and the share shed, and what the service's /metrics say. See bench/README.md.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConfigError,
  describeFailure,
  intEnv,
  machineInfo,
  numberEnv,
  reportProblems,
  tryRun,
} from './lib/cli.mjs';
import { OUTCOME, runOpenLoop } from './lib/open-loop.mjs';
import { REPLY_MARKER, buildBodies } from './lib/payloads.mjs';
import { ms, pct, rate, renderTable } from './lib/report.mjs';
import { killAllSync, logTail, processMemory, startServer, stopServer } from './lib/servers.mjs';
import { summarize } from './lib/stats.mjs';

const BENCH_DIR = import.meta.dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const SERVICE_ENTRY = path.join(BENCH_DIR, 'servers', 'slow-handler-service.mjs');
const BOOTSTRAP = path.join(ROOT, 'dist', 'bootstrap.js');
/** The service's default handler deadline (HANDLER_TIMEOUT_MS). */
const DEFAULT_DEADLINE_MS = 3_000;
/** Above this CPU use by other processes (100 = one core), a run is reported as disturbed. */
const DISTURBED_CPU_PCT = 25;
/** The settings that switch load shedding off. */
const SHEDDING_OFF = {
  MAX_IN_FLIGHT: '0',
  MAX_EVENT_LOOP_LAG_MS: '0',
};

/**
 * @typedef {object} OverloadConfig
 * @property {number} handlerMs how long the handler waits
 * @property {number} entries chat_log entries of the bodies
 * @property {number} variants different bodies
 * @property {number} factor overload rate as a multiple of the sustainable rate
 * @property {number} durationS seconds of each overload run
 * @property {number} warmupS seconds at the sustainable rate before each overload run, on the
 *   same connections (0: the overload starts with none open)
 * @property {number} rate the sustainable rate when given (0: find it with the ramp)
 * @property {number} rampStart first rate of the ramp
 * @property {number} rampGrowth each ramp step's rate over the previous one
 * @property {number} rampStepS seconds of each ramp step
 * @property {number} rampRefine bisections between the last step passed and the first failed
 * @property {number} rampP50Ms a step passes only if its served median stays under this
 * @property {number} rampP99Ms and its served p99 under this
 * @property {number} deadlineMs answers later than this after their scheduled send are late
 * @property {number} lateLimitPct the late share (shedding on) at or above which the run fails
 * @property {number} maxSockets connections the driver may open
 * @property {('shedding' | 'off')[]} runs
 * @property {Record<string, string>} sheddingEnv settings of the shedding run (empty: defaults)
 * @property {string | undefined} overloadResponse OVERLOAD_RESPONSE, when given
 * @property {number} startTimeoutS
 */

/**
 * @typedef {object} RampStep
 * @property {number} rate
 * @property {boolean} passed
 * @property {string} verdict why it passed or failed
 * @property {number} sendRate
 * @property {number} servedPct served answers (the reply) of the requests scheduled
 * @property {number} servedRate served answers per second
 * @property {import('./lib/stats.mjs').LatencySummary} served latency of served answers
 * @property {number} maxSendLagMs
 * @property {number} socketsOpened
 * @property {number | undefined} serverCpuPct
 * @property {number} clientCpuPct
 * @property {number | undefined} otherCpuPct
 * @property {number | undefined} stealPct CPU the hypervisor gave to other machines
 */

/**
 * @typedef {object} MetricsSample
 * @property {number} atS seconds from the start of the run
 * @property {number} scrapeMs how long the scrape took
 * @property {number | undefined} inFlight cliengo_webhook_in_flight
 * @property {number | undefined} lagMs cliengo_event_loop_lag_seconds, in ms
 * @property {number | undefined} acceptQueue connections waiting in the kernel for the
 *   service to accept them (its listening socket's queue, from /proc/net/tcp)
 */

/**
 * @typedef {object} ServiceView
 * @property {Record<string, number>} shedByReason cliengo_shed_requests_total during the run
 * @property {Record<string, number>} outcomes cliengo_webhook_requests_total by outcome
 * @property {number | undefined} timeouts cliengo_handler_timeouts_total
 * @property {number | undefined} queueCount dispatched calls in cliengo_webhook_queue_seconds
 * @property {number | undefined} queueP50Ms the queue time's median is at most this (bucket bound)
 * @property {number | undefined} queueP99Ms its 99th percentile is at most this (bucket bound;
 *   negative: more than the histogram's last bound, negated)
 * @property {number | undefined} lagMaxMs largest event-loop-lag gauge scraped during the run
 * @property {number | undefined} lagEndMs the gauge at the end of the run
 * @property {number | undefined} inFlightMax largest in-flight gauge scraped during the run
 * @property {number | undefined} scrapeMaxMs longest scrape during the run
 * @property {number | undefined} acceptQueueMax most connections waiting to be accepted
 * @property {MetricsSample[]} samples
 */

/**
 * @typedef {object} RunSummary
 * @property {'shedding' | 'off'} mode
 * @property {string} label
 * @property {Record<string, string>} env the service's settings that differ from its defaults
 * @property {number} targetRate
 * @property {number} durationS
 * @property {number} scheduled
 * @property {number} sendRate
 * @property {number} answers answers of any kind
 * @property {number} served answers with the reply
 * @property {number} shed answers `{}` (or 503 with OVERLOAD_RESPONSE=503)
 * @property {number} other other answers (another status, another body)
 * @property {Record<string, number>} statusCodes
 * @property {number} errors connection errors (resets, ...)
 * @property {Record<string, number>} errorCodes
 * @property {number} unanswered no answer by the end of the drain
 * @property {number} late answers after the deadline, requests unanswered and failed connections
 * @property {number} latePct late of the requests scheduled
 * @property {number} shedPct shed of the requests scheduled
 * @property {import('./lib/stats.mjs').LatencySummary} servedLatency from the scheduled send
 * @property {import('./lib/stats.mjs').LatencySummary} allLatency every answer, from the scheduled send
 * @property {import('./lib/stats.mjs').LatencySummary} sendLag
 * @property {import('./lib/stats.mjs').LatencySummary} socketWait
 * @property {import('./lib/stats.mjs').LatencySummary} afterSocket served answers, from the
 *   request getting a connection to its answer's end (the wire and the service)
 * @property {number} socketsOpened
 * @property {number} peakOutstanding
 * @property {number | undefined} serverCpuPct
 * @property {number} clientCpuPct
 * @property {number | undefined} otherCpuPct
 * @property {number | undefined} stealPct CPU the hypervisor gave to other machines
 * @property {Record<string, number> | undefined} tcp the machine's TCP counters during the run
 * @property {ServiceView} service
 * @property {{ rssMiB: number, peakRssMiB: number } | undefined} memory
 * @property {TimelineSecond[]} timeline
 */

/**
 * @typedef {object} TimelineSecond
 * @property {number} second of the schedule
 * @property {number} served
 * @property {number} shed
 * @property {number} late answers after the deadline, unanswered and failed, of that second's requests
 * @property {number} failed other answers
 * @property {number} p50 of every answer
 * @property {number} max of every answer
 */

/** @returns {OverloadConfig} */
function readConfig() {
  const runsRaw = process.env.OVERLOAD_RUNS?.trim() || 'shedding,off';
  const runs = runsRaw.split(',').map((item) => item.trim());
  if (runs.length === 0 || runs.some((run) => run !== 'shedding' && run !== 'off')) {
    throw new ConfigError(`OVERLOAD_RUNS must list shedding and/or off; got "${runsRaw}"`);
  }
  /** @type {Record<string, string>} */
  const sheddingEnv = {};
  for (const name of ['MAX_IN_FLIGHT', 'MAX_EVENT_LOOP_LAG_MS']) {
    const raw = process.env[`OVERLOAD_${name}`]?.trim();
    if (raw) sheddingEnv[name] = String(intEnv(`OVERLOAD_${name}`, 0, 0, 1_000_000));
  }
  const overloadResponse = process.env.OVERLOAD_RESPONSE?.trim() || undefined;
  if (overloadResponse !== undefined && !['pass-through', '503'].includes(overloadResponse)) {
    throw new ConfigError(
      `OVERLOAD_RESPONSE must be pass-through or 503; got "${overloadResponse}"`,
    );
  }
  const handlerMs = intEnv('OVERLOAD_HANDLER_MS', 50, 0, 60_000);
  return {
    handlerMs,
    entries: intEnv('OVERLOAD_SIZE', 50, 1, 10_000),
    variants: intEnv('OVERLOAD_VARIANTS', 4, 1, 100),
    factor: numberEnv('OVERLOAD_FACTOR', 2, 0.1, 100),
    durationS: intEnv('OVERLOAD_DURATION_S', 20, 1, 3_600),
    warmupS: intEnv('OVERLOAD_WARMUP_S', 2, 0, 600),
    rate: intEnv('OVERLOAD_RATE', 0, 0, 1_000_000),
    rampStart: intEnv('OVERLOAD_RAMP_START', 800, 1, 1_000_000),
    rampGrowth: numberEnv('OVERLOAD_RAMP_GROWTH', 1.4, 1.01, 10),
    rampStepS: intEnv('OVERLOAD_RAMP_STEP_S', 3, 1, 600),
    rampRefine: intEnv('OVERLOAD_RAMP_REFINE', 2, 0, 10),
    // The handler's own time plus a little queueing for most, and no growing queue.
    rampP50Ms: intEnv('OVERLOAD_RAMP_P50_MS', handlerMs + 50, 1, 600_000),
    rampP99Ms: intEnv('OVERLOAD_RAMP_P99_MS', handlerMs + 450, 1, 600_000),
    deadlineMs: intEnv('OVERLOAD_DEADLINE_MS', DEFAULT_DEADLINE_MS, 1, 600_000),
    lateLimitPct: numberEnv('OVERLOAD_LATE_LIMIT_PCT', 5, 0, 100),
    maxSockets: intEnv('OVERLOAD_MAX_SOCKETS', 4_000, 1, 100_000),
    runs: /** @type {('shedding' | 'off')[]} */ (
      ['shedding', 'off'].filter((run) => runs.includes(run))
    ),
    sheddingEnv,
    overloadResponse,
    startTimeoutS: intEnv('OVERLOAD_START_TIMEOUT_S', 30, 1, 600),
  };
}

function overloadMachineInfo() {
  /** @param {string} file */
  const readProc = (file) => {
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      return 'n/a';
    }
  };
  return {
    ...machineInfo(ROOT, BOOTSTRAP),
    libuv: process.versions.uv,
    somaxconn: readProc('/proc/sys/net/core/somaxconn'),
    openFilesLimit: tryRun('sh', ['-c', 'ulimit -n']) ?? 'n/a',
  };
}

/** The kernel's TCP counters that show connections queued or dropped before the service. */
const TCP_COUNTERS = ['ListenOverflows', 'ListenDrops', 'TCPSynRetrans', 'TCPTimeouts'];

/**
 * The machine's TCP counters (from /proc/net/netstat), or undefined where there is none.
 * They count for every process on the machine, this benchmark's connections among them.
 * @returns {Record<string, number> | undefined}
 */
function tcpCounters() {
  try {
    const lines = fs.readFileSync('/proc/net/netstat', 'utf8').trim().split('\n');
    /** @type {Record<string, number>} */
    const counters = {};
    for (let index = 0; index + 1 < lines.length; index += 2) {
      const names = lines[index].split(/\s+/);
      const values = lines[index + 1].split(/\s+/);
      if (names[0] !== 'TcpExt:') continue;
      names.forEach((name, column) => {
        if (TCP_COUNTERS.includes(name)) counters[name] = Number(values[column]);
      });
    }
    return counters;
  } catch {
    return undefined;
  }
}

/**
 * How many connections wait in the kernel for the service to accept them: the receive queue
 * of its listening socket in /proc/net/tcp (Linux; undefined elsewhere). A connection there
 * has its request sent and unread: the service cannot see it, shed it or time it.
 * @param {number} port
 * @returns {Promise<number | undefined>}
 */
async function acceptQueue(port) {
  try {
    const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    for (const line of (await fs.promises.readFile('/proc/net/tcp', 'utf8')).split('\n')) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx_queue:rx_queue ...; st 0A is LISTEN.
      if (fields[3] === '0A' && fields[1]?.endsWith(local)) {
        return parseInt(fields[4].split(':')[1], 16);
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}

let clockTicks = 0;

/**
 * Measures the CPU time the hypervisor gave to other machines ("steal", from /proc/stat)
 * over an interval, in % of one core; undefined where there is no /proc/stat. It is part of
 * the "other CPU" figure (`lib/servers.mjs` counts it as busy), and on a virtual machine
 * often most of it: our processes waited for a physical core.
 * @returns {() => number | undefined}
 */
function stealMeter() {
  /** @returns {number | undefined} */
  const read = () => {
    try {
      const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
      clockTicks ||= Number(tryRun('getconf', ['CLK_TCK'], ROOT)) || 100;
      return Number(fields[8]) / clockTicks;
    } catch {
      return undefined;
    }
  };
  const wallStart = performance.now();
  const start = read();
  return () => {
    const end = read();
    if (start === undefined || end === undefined) return undefined;
    return ((end - start) / ((performance.now() - wallStart) / 1_000)) * 100;
  };
}

/**
 * GET a path on the service, with a timeout.
 * @param {number} port
 * @param {string} target
 * @param {number} timeoutMs
 * @param {http.Agent | false} [agent] a new connection by default
 * @returns {Promise<string>}
 */
function getText(port, target, timeoutMs, agent = false) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: target, agent, timeout: timeoutMs },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode === 200) resolve(Buffer.concat(chunks).toString('utf8'));
          else reject(new Error(`GET ${target} answered ${res.statusCode}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${target}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/**
 * The samples of a Prometheus text exposition, as name, labels and value.
 * @param {string} text
 * @returns {{ name: string, labels: Record<string, string>, value: number }[]}
 */
function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    /** @type {Record<string, string>} */
    const labels = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[label[1]] = label[2];
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** @typedef {ReturnType<typeof parseMetrics>} Metrics */

/**
 * The sum of a metric's samples, by the value of one label (or all under '').
 * @param {Metrics} metrics
 * @param {string} name
 * @param {string} [label]
 * @returns {Record<string, number>}
 */
function sumBy(metrics, name, label) {
  /** @type {Record<string, number>} */
  const sums = {};
  for (const sample of metrics) {
    if (sample.name !== name) continue;
    const key = label ? (sample.labels[label] ?? '') : '';
    sums[key] = (sums[key] ?? 0) + sample.value;
  }
  return sums;
}

/**
 * What changed in a counter between two scrapes, by label value.
 * @param {Metrics | undefined} before
 * @param {Metrics | undefined} after
 * @param {string} name
 * @param {string} [label]
 * @returns {Record<string, number>}
 */
function counterDelta(before, after, name, label) {
  if (!after) return {};
  const then = before ? sumBy(before, name, label) : {};
  /** @type {Record<string, number>} */
  const delta = {};
  for (const [key, value] of Object.entries(sumBy(after, name, label))) {
    const change = value - (then[key] ?? 0);
    if (change) delta[key] = change;
  }
  return delta;
}

/**
 * A quantile of a Prometheus histogram's observations between two scrapes: the upper bound
 * of the bucket it falls in (the histogram cannot say more; PromQL's histogram_quantile
 * would interpolate within that bucket). Past the last finite bound, that bound, negated.
 * @param {Metrics | undefined} before
 * @param {Metrics | undefined} after
 * @param {string} name the histogram's name (without _bucket)
 * @param {number} q
 * @returns {{ count: number, value: number | undefined }}
 */
function histogramQuantile(before, after, name, q) {
  const buckets = counterDelta(before, after, `${name}_bucket`, 'le');
  const bounds = Object.keys(after ? sumBy(after, `${name}_bucket`, 'le') : {})
    .map((le) => ({ le, bound: le === '+Inf' ? Infinity : Number(le) }))
    .sort((x, y) => x.bound - y.bound);
  const count = buckets['+Inf'] ?? 0;
  if (count === 0) return { count, value: undefined };
  let last = 0;
  for (const { le, bound } of bounds) {
    if ((buckets[le] ?? 0) >= q * count)
      return { count, value: bound === Infinity ? -last : bound };
    last = bound;
  }
  return { count, value: -last };
}

/**
 * Scrapes /metrics every second until stopped: the in-flight and lag gauges during the run.
 * The scrapes share one connection, opened first: a new one each time would wait behind the
 * load's own connections in the service's accept queue.
 * @param {number} port
 * @returns {Promise<{ stop: () => Promise<MetricsSample[]> }>}
 */
async function sampleGauges(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await getText(port, '/metrics', 5_000, agent);
  const started = performance.now();
  /** @type {MetricsSample[]} */
  const samples = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = performance.now();
      const queued = await acceptQueue(port);
      try {
        const metrics = parseMetrics(await getText(port, '/metrics', 5_000, agent));
        const gauge = (/** @type {string} */ name) =>
          metrics.find((sample) => sample.name === name)?.value;
        const lag = gauge('cliengo_event_loop_lag_seconds');
        samples.push({
          atS: (at - started) / 1_000,
          scrapeMs: performance.now() - at,
          inFlight: gauge('cliengo_webhook_in_flight'),
          lagMs: lag === undefined ? undefined : lag * 1_000,
          acceptQueue: queued,
        });
      } catch {
        samples.push({
          atS: (at - started) / 1_000,
          scrapeMs: performance.now() - at,
          inFlight: undefined,
          lagMs: undefined,
          acceptQueue: queued,
        });
      }
      await sleep(Math.max(0, 1_000 - (performance.now() - at)));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      agent.destroy();
      return samples;
    },
  };
}

/**
 * The highest of some numbers, undefined for none.
 * @param {(number | undefined)[]} values
 */
function maxOf(values) {
  const defined = /** @type {number[]} */ (values.filter((value) => value !== undefined));
  return defined.length ? Math.max(...defined) : undefined;
}

/** @type {import('./lib/servers.mjs').RunningServer[]} */
const running = [];
let interrupted = false;

/**
 * Starts the slow-handler service with some settings.
 * @param {OverloadConfig} config
 * @param {string} name
 * @param {Record<string, string>} env
 * @param {string} probeBody
 */
async function startService(config, name, env, probeBody) {
  const server = await startServer(
    {
      key: 'c',
      name,
      description: 'the service (startService from dist/) with a handler that waits on a timer',
      script: SERVICE_ENTRY,
      cwd: ROOT,
      env: { NODE_ENV: 'production', SLOW_HANDLER_MS: String(config.handlerMs), ...env },
      logPath: path.join(RESULTS_DIR, `overload-${name}.log`),
    },
    { probeBody, marker: REPLY_MARKER, timeoutMs: config.startTimeoutS * 1_000 },
  );
  running.push(server);
  return server;
}

/**
 * @param {import('./lib/servers.mjs').RunningServer} server
 */
async function stop(server) {
  await stopServer(server, 5_000);
  running.splice(running.indexOf(server), 1);
}

/** @param {string} message */
function log(message) {
  process.stdout.write(`${message}\n`);
}

/**
 * The settings every service run gets besides the shedding ones.
 * @param {OverloadConfig} config
 * @returns {Record<string, string>}
 */
function commonEnv(config) {
  // No load balancer watches these services' readiness: they stop at once.
  /** @type {Record<string, string>} */
  const env = { SHUTDOWN_DRAIN_MS: '0' };
  if (config.deadlineMs !== DEFAULT_DEADLINE_MS) env.HANDLER_TIMEOUT_MS = String(config.deadlineMs);
  if (config.overloadResponse) env.OVERLOAD_RESPONSE = config.overloadResponse;
  return env;
}

/**
 * The driver's connection pool, shared by the runs on one service as a client's traffic
 * would share it: up to `maxSockets` connections, all kept open while idle (Node's agent
 * closes idle ones past 256 otherwise, and opens them again in the next burst).
 * @param {OverloadConfig} config
 */
function connectionPool(config) {
  return new http.Agent({
    keepAlive: true,
    maxSockets: config.maxSockets,
    maxFreeSockets: config.maxSockets,
    scheduling: 'fifo',
  });
}

/**
 * One ramp step: `rate` for `rampStepS`; it passes when (nearly) every request was served
 * (shedding is on: an overloaded service sheds), in time, with the driver on schedule.
 * @param {OverloadConfig} config
 * @param {import('./lib/servers.mjs').RunningServer} server
 * @param {string[]} bodies
 * @param {number} stepRate
 * @param {http.Agent} agent
 * @returns {Promise<RampStep>}
 */
async function rampStep(config, server, bodies, stepRate, agent) {
  const steal = stealMeter();
  const result = await runOpenLoop({
    port: server.port,
    bodies,
    rate: stepRate,
    durationS: config.rampStepS,
    marker: REPLY_MARKER,
    agent,
    drainTimeoutMs: config.deadlineMs + 1_000,
    serverPid: server.child.pid,
    aborted: () => interrupted,
  });
  const servedPct = (result.ok / result.scheduled) * 100;
  const problems = [];
  if (result.sendRate < stepRate * 0.95) {
    problems.push(`the driver sent only ${rate(result.sendRate)}/s`);
  }
  if (servedPct < 99) problems.push(`served ${servedPct.toFixed(1)}%`);
  if (!(result.latency.p50 <= config.rampP50Ms)) {
    problems.push(`served p50 ${ms(result.latency.p50)} ms`);
  }
  if (!(result.latency.p99 <= config.rampP99Ms)) {
    problems.push(`served p99 ${ms(result.latency.p99)} ms`);
  }
  const passed = problems.length === 0;
  await sleep(1_000);
  return {
    rate: stepRate,
    passed,
    verdict: passed
      ? `served ${servedPct.toFixed(1)}%, p50 ${ms(result.latency.p50)} ms, p99 ${ms(result.latency.p99)} ms`
      : problems.join(', '),
    sendRate: result.sendRate,
    servedPct,
    servedRate: result.completionRate,
    served: result.latency,
    maxSendLagMs: result.sendLag.max,
    socketsOpened: result.socketsOpened,
    serverCpuPct: result.serverCpuPct,
    clientCpuPct: result.clientCpuPct,
    otherCpuPct: result.otherCpuPct,
    stealPct: steal(),
  };
}

/**
 * Finds the highest rate the service serves by itself (shedding off, so that no answer is
 * a shed one: what it sustains, not what shedding lets through): steps up geometrically
 * until a step fails, then bisects between the last step passed and it.
 * @param {OverloadConfig} config
 * @param {string[]} bodies
 * @param {string} probeBody
 * @returns {Promise<{ sustainable: number, steps: RampStep[] }>}
 */
async function findSustainableRate(config, bodies, probeBody) {
  const server = await startService(
    config,
    'ramp',
    { ...commonEnv(config), ...SHEDDING_OFF },
    probeBody,
  );
  log(`  ramp: service on 127.0.0.1:${server.port} (pid ${server.child.pid}), shedding off`);
  /** @type {RampStep[]} */
  const steps = [];
  // One pool for the whole ramp: each step starts with the connections the last one left.
  const agent = connectionPool(config);
  try {
    // JIT warm-up, not measured.
    await runOpenLoop({
      port: server.port,
      bodies,
      rate: Math.max(1, Math.round(config.rampStart / 2)),
      durationS: 2,
      marker: REPLY_MARKER,
      agent,
      drainTimeoutMs: config.deadlineMs + 1_000,
    });
    await sleep(500);
    /** @param {RampStep} step */
    const report = (step) =>
      log(
        `  ramp ${rate(step.rate)}/s: ${step.passed ? 'pass' : 'FAIL'} (${step.verdict}; ` +
          `server CPU ${pct(step.serverCpuPct)}, client ${pct(step.clientCpuPct)}, other ${pct(step.otherCpuPct)}, steal ${pct(step.stealPct)})`,
      );
    // A step that fails is run again once: a rate fails only when it fails twice, so that one
    // stall (a collection, a burst of new connections) does not decide the rate.
    /** @param {number} stepRate */
    const tryRate = async (stepRate) => {
      for (let attempt = 1; attempt <= 2; attempt++) {
        const step = await rampStep(config, server, bodies, stepRate, agent);
        if (!step.passed && attempt === 1) step.verdict += ' (run again)';
        steps.push(step);
        report(step);
        if (server.exited) {
          throw new Error(`the service exited during the ramp: ${serverGone(server)}`);
        }
        if (step.passed) return true;
      }
      return false;
    };
    let passed = 0;
    let failed = 0;
    for (let stepRate = config.rampStart; !interrupted;) {
      if (!(await tryRate(stepRate))) {
        failed = stepRate;
        break;
      }
      passed = stepRate;
      stepRate = Math.round(stepRate * config.rampGrowth);
    }
    if (!passed) {
      throw new ConfigError(
        `the first ramp step (${config.rampStart}/s) already failed: set OVERLOAD_RAMP_START lower`,
      );
    }
    for (let round = 0; round < config.rampRefine && failed - passed > 1 && !interrupted; round++) {
      const stepRate = Math.round((passed + failed) / 2);
      if (await tryRate(stepRate)) passed = stepRate;
      else failed = stepRate;
    }
    return { sustainable: passed, steps };
  } finally {
    agent.destroy();
    await stop(server);
  }
}

/**
 * @param {import('./lib/servers.mjs').RunningServer} server
 * @returns {string}
 */
function serverGone(server) {
  return `code ${server.exited?.code}, signal ${server.exited?.signal}; log ${path.relative(ROOT, server.spec.logPath)}:\n${logTail(server.spec.logPath, 5)}`;
}

/**
 * One overload run: a fresh service with the given settings, a warm-up at half the
 * sustainable rate, then `factor` times that rate, open loop, with /metrics scraped before,
 * during (each second) and after.
 * @param {OverloadConfig} config
 * @param {'shedding' | 'off'} mode
 * @param {number} sustainable
 * @param {string[]} bodies
 * @param {string} probeBody
 * @returns {Promise<RunSummary>}
 */
async function overloadRun(config, mode, sustainable, bodies, probeBody) {
  const env = { ...commonEnv(config), ...(mode === 'off' ? SHEDDING_OFF : config.sheddingEnv) };
  const label =
    mode === 'off'
      ? 'shedding off'
      : Object.keys(config.sheddingEnv).length
        ? `shedding on (${Object.entries(config.sheddingEnv)
            .map(([name, value]) => `${name}=${value}`)
            .join(' ')})`
        : 'shedding on (defaults)';
  const server = await startService(config, mode, env, probeBody);
  const target = Math.round(sustainable * config.factor);
  log(
    `  ${label}: service on 127.0.0.1:${server.port} (pid ${server.child.pid}); ${target}/s for ${config.durationS} s`,
  );
  try {
    // The load goes from the sustainable rate to the overload on the same connections, as a
    // client's traffic would: the run starts with the pool that rate left.
    const agent = connectionPool(config);
    if (config.warmupS) {
      await runOpenLoop({
        port: server.port,
        bodies,
        rate: sustainable,
        durationS: config.warmupS,
        marker: REPLY_MARKER,
        agent,
        drainTimeoutMs: config.deadlineMs + 1_000,
      });
    }
    const metricsBefore = parseMetrics(await getText(server.port, '/metrics', 10_000));
    const tcpBefore = tcpCounters();
    const sampler = await sampleGauges(server.port);
    const steal = stealMeter();
    const result = await runOpenLoop({
      port: server.port,
      bodies,
      rate: target,
      durationS: config.durationS,
      marker: REPLY_MARKER,
      shedBody: '{}',
      agent,
      drainTimeoutMs: config.deadlineMs + 1_000,
      serverPid: server.child.pid,
      aborted: () => interrupted,
      perRequest: true,
    });
    const stealPct = steal();
    const samples = await sampler.stop();
    agent.destroy();
    const tcpAfter = tcpCounters();
    /** @type {Metrics | undefined} */
    let metricsAfter;
    try {
      metricsAfter = parseMetrics(await getText(server.port, '/metrics', 10_000));
    } catch {
      metricsAfter = undefined;
    }
    const memory = processMemory(server.child.pid);
    if (server.exited) throw new Error(`the service exited during the run: ${serverGone(server)}`);
    return summarizeRun({
      config,
      mode,
      label,
      env,
      result,
      service: serviceView(metricsBefore, metricsAfter, samples),
      tcp:
        tcpBefore && tcpAfter
          ? Object.fromEntries(
              TCP_COUNTERS.map((name) => [name, (tcpAfter[name] ?? 0) - (tcpBefore[name] ?? 0)]),
            )
          : undefined,
      memory,
      stealPct,
    });
  } finally {
    await stop(server);
  }
}

/**
 * The service's own view of a run, from its /metrics.
 * @param {Metrics} before
 * @param {Metrics | undefined} after
 * @param {MetricsSample[]} samples
 * @returns {ServiceView}
 */
function serviceView(before, after, samples) {
  const p50 = histogramQuantile(before, after, 'cliengo_webhook_queue_seconds', 0.5);
  const p99 = histogramQuantile(before, after, 'cliengo_webhook_queue_seconds', 0.99);
  const lagEnd = after?.find((sample) => sample.name === 'cliengo_event_loop_lag_seconds');
  return {
    shedByReason: counterDelta(before, after, 'cliengo_shed_requests_total', 'reason'),
    outcomes: counterDelta(before, after, 'cliengo_webhook_requests_total', 'outcome'),
    timeouts: after
      ? (counterDelta(before, after, 'cliengo_handler_timeouts_total')[''] ?? 0)
      : undefined,
    queueCount: after ? p99.count : undefined,
    queueP50Ms: p50.value === undefined ? undefined : p50.value * 1_000,
    queueP99Ms: p99.value === undefined ? undefined : p99.value * 1_000,
    lagMaxMs: maxOf(samples.map((sample) => sample.lagMs)),
    lagEndMs: lagEnd ? lagEnd.value * 1_000 : undefined,
    inFlightMax: maxOf(samples.map((sample) => sample.inFlight)),
    scrapeMaxMs: maxOf(samples.map((sample) => sample.scrapeMs)),
    acceptQueueMax: maxOf(samples.map((sample) => sample.acceptQueue)),
    samples,
  };
}

/**
 * Classifies every request of a run and sums it up.
 * @param {object} run
 * @param {OverloadConfig} run.config
 * @param {'shedding' | 'off'} run.mode
 * @param {string} run.label
 * @param {Record<string, string>} run.env
 * @param {import('./lib/open-loop.mjs').OpenLoopResult} run.result
 * @param {ServiceView} run.service
 * @param {Record<string, number> | undefined} run.tcp
 * @param {{ rssMiB: number, peakRssMiB: number } | undefined} run.memory
 * @param {number | undefined} run.stealPct
 * @returns {RunSummary}
 */
function summarizeRun({ config, mode, label, env, result, service, tcp, memory, stealPct }) {
  const perRequest = /** @type {import('./lib/open-loop.mjs').PerRequest} */ (result.perRequest);
  const total = result.scheduled;
  const servedLatency = [];
  const allLatency = [];
  const afterSocket = [];
  let served = 0;
  let shed = 0;
  let other = 0;
  let late = 0;
  const perSecond = Math.max(1, Math.round(result.targetRate));
  /** @type {TimelineSecond[]} */
  const timeline = [];
  /** @type {number[]} */
  let secondLatencies = [];
  /** @type {TimelineSecond | undefined} */
  let second;
  for (let i = 0; i < total; i++) {
    if (i % perSecond === 0) {
      if (second) timeline.push(closeSecond(second, secondLatencies));
      second = {
        second: i / perSecond,
        served: 0,
        shed: 0,
        late: 0,
        failed: 0,
        p50: NaN,
        max: NaN,
      };
      secondLatencies = [];
    }
    const current = /** @type {TimelineSecond} */ (second);
    const latency = perRequest.latency[i];
    const code = perRequest.outcome[i];
    const status = perRequest.status[i];
    if (code === OUTCOME.none || code === OUTCOME.error) {
      // No answer in time, or none at all (the connection failed): late too.
      late++;
      current.late++;
      continue;
    }
    allLatency.push(latency);
    secondLatencies.push(latency);
    if (latency > config.deadlineMs) {
      late++;
      current.late++;
    }
    if (code === OUTCOME.ok) {
      served++;
      current.served++;
      servedLatency.push(latency);
      afterSocket.push(latency - perRequest.sendLag[i] - perRequest.socketWait[i]);
    } else if (code === OUTCOME.shed || (status === 503 && config.overloadResponse === '503')) {
      shed++;
      current.shed++;
    } else {
      other++;
      current.failed++;
    }
  }
  if (second) timeline.push(closeSecond(second, secondLatencies));
  return {
    mode,
    label,
    env,
    targetRate: result.targetRate,
    durationS: result.durationS,
    scheduled: total,
    sendRate: result.sendRate,
    answers: allLatency.length,
    served,
    shed,
    other,
    statusCodes: result.statusCodes,
    errors: result.errors,
    errorCodes: result.errorCodes,
    unanswered: result.unfinished + (total - result.sent),
    late,
    latePct: (late / total) * 100,
    shedPct: (shed / total) * 100,
    servedLatency: summarize(Float64Array.from(servedLatency)),
    allLatency: summarize(Float64Array.from(allLatency)),
    sendLag: result.sendLag,
    socketWait: result.socketWait,
    afterSocket: summarize(Float64Array.from(afterSocket)),
    socketsOpened: result.socketsOpened,
    peakOutstanding: result.peakOutstanding,
    serverCpuPct: result.serverCpuPct,
    clientCpuPct: result.clientCpuPct,
    otherCpuPct: result.otherCpuPct,
    stealPct,
    tcp,
    service,
    memory,
    timeline,
  };
}

/**
 * @param {TimelineSecond} second
 * @param {number[]} latencies
 * @returns {TimelineSecond}
 */
function closeSecond(second, latencies) {
  const summary = summarize(Float64Array.from(latencies));
  return { ...second, p50: summary.p50, max: summary.max };
}

/**
 * A share in percent.
 * @param {number} value
 */
function share(value) {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}%`;
}

/**
 * A histogram quantile given as its bucket's upper bound, in ms.
 * @param {number | undefined} value
 */
function bucket(value) {
  if (value === undefined) return 'n/a';
  return value < 0 ? `> ${ms(-value)}` : `≤ ${ms(value)}`;
}

/**
 * @param {number | undefined} value
 */
function count(value) {
  return value === undefined ? 'n/a' : String(Math.round(value));
}

/**
 * The table of the overload runs, one row per run.
 * @param {OverloadConfig} config
 * @param {number} sustainable
 * @param {RunSummary[]} runs
 */
function runsTable(config, sustainable, runs) {
  const head = [
    'run',
    'target/s',
    'sent/s',
    'answers',
    'served',
    'shed {}',
    'other',
    'errors',
    'unanswered',
    'late %',
    'shed %',
    'served p50 ms',
    'served p99 ms',
    'served max ms',
    'all p50 ms',
    'all p99 ms',
    'all max ms',
    'max send lag ms',
    'p99 socket wait ms',
    'connections',
    'server CPU',
    'client CPU',
    'other CPU',
    'steal',
  ];
  return {
    title:
      `Overload: ${config.factor}× the sustainable ${sustainable}/s for ${config.durationS} s, open loop, ` +
      `handler ${config.handlerMs} ms, chat_log ${config.entries} entries; late = answered more than ` +
      `${config.deadlineMs} ms after the scheduled send, or not at all`,
    head,
    align: /** @type {('l' | 'r')[]} */ (head.map((_, index) => (index === 0 ? 'l' : 'r'))),
    rows: runs.map((run) => [
      run.label,
      String(run.targetRate),
      rate(run.sendRate),
      String(run.answers),
      String(run.served),
      String(run.shed),
      String(run.other),
      String(run.errors),
      String(run.unanswered),
      share(run.latePct),
      share(run.shedPct),
      ms(run.servedLatency.p50),
      ms(run.servedLatency.p99),
      ms(run.servedLatency.max),
      ms(run.allLatency.p50),
      ms(run.allLatency.p99),
      ms(run.allLatency.max),
      ms(run.sendLag.max),
      ms(run.socketWait.p99),
      String(run.socketsOpened),
      pct(run.serverCpuPct),
      pct(run.clientCpuPct),
      pct(run.otherCpuPct),
      pct(run.stealPct),
    ]),
  };
}

/**
 * The service's own view of the runs, and the kernel's.
 * @param {RunSummary[]} runs
 */
function serviceTable(runs) {
  const head = [
    'run',
    'shed: in-flight',
    'shed: event-loop-lag',
    'shed: deadline',
    'replied',
    'timeout',
    'client-gone',
    'queue p50 ms',
    'queue p99 ms',
    'lag gauge max ms',
    'lag gauge end ms',
    'in flight max',
    'slowest scrape ms',
    'accept queue max',
    'listen overflows',
    'SYN retransmits',
  ];
  const tcp = (/** @type {RunSummary} */ run, /** @type {string} */ name) =>
    run.tcp ? count(run.tcp[name]) : 'n/a';
  return {
    title:
      "The service's view (its /metrics, counters over the run; gauges scraped each second) and the kernel's (TCP counters of the whole machine)",
    head,
    align: /** @type {('l' | 'r')[]} */ (head.map((_, index) => (index === 0 ? 'l' : 'r'))),
    rows: runs.map((run) => {
      const { service } = run;
      return [
        run.label,
        count(service.shedByReason['in-flight'] ?? 0),
        count(service.shedByReason['event-loop-lag'] ?? 0),
        count(service.shedByReason.deadline ?? 0),
        count(service.outcomes.replied ?? 0),
        count(service.timeouts),
        count(service.outcomes['client-gone'] ?? 0),
        bucket(service.queueP50Ms),
        bucket(service.queueP99Ms),
        ms(service.lagMaxMs),
        ms(service.lagEndMs),
        count(service.inFlightMax),
        ms(service.scrapeMaxMs),
        count(service.acceptQueueMax),
        tcp(run, 'ListenOverflows'),
        tcp(run, 'TCPSynRetrans'),
      ];
    }),
  };
}

/**
 * The ramp's table.
 * @param {OverloadConfig} config
 * @param {RampStep[]} steps
 */
function rampTable(config, steps) {
  const head = [
    'rate/s',
    'result',
    'sent/s',
    'served %',
    'served/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'max send lag ms',
    'connections',
    'server CPU',
    'client CPU',
    'other CPU',
    'steal',
  ];
  return {
    title: `Ramp (shedding off, one connection pool throughout): a step passes when at least 99% of its requests are served, with a served p50 of at most ${config.rampP50Ms} ms and p99 of at most ${config.rampP99Ms} ms, and the driver kept to the schedule`,
    head,
    align: /** @type {('l' | 'r')[]} */ (head.map((_, index) => (index === 1 ? 'l' : 'r'))),
    rows: steps.map((step) => [
      String(step.rate),
      step.passed ? 'pass' : `FAIL: ${step.verdict}`,
      rate(step.sendRate),
      share(step.servedPct),
      rate(step.servedRate),
      ms(step.served.p50),
      ms(step.served.p99),
      ms(step.served.max),
      ms(step.maxSendLagMs),
      String(step.socketsOpened),
      pct(step.serverCpuPct),
      pct(step.clientCpuPct),
      pct(step.otherCpuPct),
      pct(step.stealPct),
    ]),
  };
}

/** How to read the tables. */
const NOTE =
  "Latency runs from each request's scheduled send time (open loop: a request is sent at its time whatever happened to the others), so time spent waiting for a connection, in the kernel or in the service all counts. " +
  '"served" answers carry the handler\'s reply; "shed {}" are the pass-through answers the service gives instead (shed at the gate, past the deadline, timed out; 503 with OVERLOAD_RESPONSE=503); "other" is any other answer, "errors" connections that failed, "unanswered" requests with no answer when the run ended (deadline + 1 s after the last send). ' +
  '"late %" counts the answers that came after the deadline, served or shed, the requests unanswered and those whose connection failed, of all scheduled. ' +
  '"p99 socket wait" is how long requests waited in the driver for a connection ("connections" is how many new ones it opened during the run, besides those the warm-up left open; at most the driver limit in all). ' +
  'Server CPU is the service process (100% = one core), client CPU this benchmark, other CPU every other process on the machine and the time the hypervisor gave to other machines (steal, also on its own): well above 0%, the run was disturbed.';

/**
 * @param {OverloadConfig} config
 * @returns {string}
 */
function settingsLine(config) {
  return (
    `handler ${config.handlerMs} ms, chat_log ${config.entries} entries (${config.variants} variants), ` +
    `${config.factor}× for ${config.durationS} s ` +
    (config.warmupS
      ? `after ${config.warmupS} s at the sustainable rate on the same connections`
      : 'from no connections open (OVERLOAD_WARMUP_S=0)') +
    `, deadline ${config.deadlineMs} ms, ` +
    `driver up to ${config.maxSockets} connections`
  );
}

/**
 * @param {object} results
 * @param {ReturnType<typeof machineInfo> & { loadAfter: number }} results.machine
 * @param {OverloadConfig} results.config
 * @param {number} results.sustainable
 * @param {string} results.sustainableFrom
 * @param {RampStep[]} results.ramp
 * @param {RunSummary[]} results.runs
 * @param {string[]} results.failures
 * @param {string[]} results.warnings
 * @param {number[]} results.bodyBytes
 * @returns {string}
 */
function renderMarkdown({
  machine,
  config,
  sustainable,
  sustainableFrom,
  ramp,
  runs,
  failures,
  warnings,
  bodyBytes,
}) {
  const lines = [
    '# Overload: the service at about twice the rate it sustains, with and without load shedding',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores (shared by the driver and the service), ${machine.totalMemGiB.toFixed(1)} GiB, ${machine.platform}; somaxconn ${machine.somaxconn}, open files ${machine.openFilesLimit}`,
    `- Node ${machine.node} (libuv ${machine.libuv}); service: dist/ built ${machine.distBuiltAt ?? 'n/a'}, git ${machine.git ?? 'n/a'}`,
    `- Load average (1 min) before / after: ${machine.loadBefore.toFixed(2)} / ${machine.loadAfter.toFixed(2)}`,
    `- Settings: ${settingsLine(config)}; bodies ${bodyBytes.map((bytes) => (bytes / 1024).toFixed(1)).join(' / ')} KiB`,
    `- Sustainable rate: ${sustainable}/s (${sustainableFrom})`,
    '',
  ];
  if (ramp.length) lines.push(renderTable(rampTable(config, ramp)), '');
  if (runs.length) {
    lines.push(renderTable(runsTable(config, sustainable, runs)), '', NOTE, '');
    lines.push(renderTable(serviceTable(runs)), '');
  }
  if (warnings.length) {
    lines.push('Disturbed:', '', ...warnings.map((warning) => `- ${warning}`), '');
  }
  lines.push(failures.length ? 'Result: FAILED' : 'Result: OK');
  for (const failure of failures) lines.push(`- ${failure}`);
  return `${lines.join('\n')}\n`;
}

/**
 * What used the CPU beside the service and the driver.
 * @param {{ otherCpuPct: number | undefined, stealPct: number | undefined }} run
 */
function disturbance({ otherCpuPct, stealPct }) {
  return (
    `other processes and the hypervisor took ${pct(otherCpuPct)} of a core` +
    (stealPct === undefined ? '' : ` (${pct(stealPct)} stolen by the hypervisor)`)
  );
}

async function main() {
  const config = readConfig();
  const machine = overloadMachineInfo();
  if (!fs.existsSync(BOOTSTRAP)) {
    throw new ConfigError(`${path.relative(ROOT, BOOTSTRAP)} not found: run "nest build" first`);
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  log(`Overload: ${settingsLine(config)}; runs: ${config.runs.join(', ')}`);
  log(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadBefore.toFixed(2)}`,
  );
  const bodies = buildBodies(config.entries, config.variants);
  const probeBody = bodies[0];

  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const warnings = [];
  /** @type {RampStep[]} */
  let ramp = [];
  let sustainable = config.rate;
  let sustainableFrom = 'OVERLOAD_RATE';
  if (!sustainable) {
    const found = await findSustainableRate(config, bodies, probeBody);
    ramp = found.steps;
    sustainable = found.sustainable;
    sustainableFrom = `ramp from ${config.rampStart}/s, ×${config.rampGrowth} per ${config.rampStepS} s step, ${config.rampRefine} bisections, a failed step run again once; the highest rate passed`;
    for (const step of ramp) {
      if ((step.otherCpuPct ?? 0) > DISTURBED_CPU_PCT) {
        warnings.push(`ramp step ${step.rate}/s: ${disturbance(step)}`);
      }
    }
  }
  log(`  sustainable rate: ${sustainable}/s`);

  /** @type {RunSummary[]} */
  const runs = [];
  for (const mode of config.runs) {
    if (interrupted) break;
    try {
      const run = await overloadRun(config, mode, sustainable, bodies, probeBody);
      runs.push(run);
      log(
        `  ${run.label}: sent ${rate(run.sendRate)}/s; served ${run.served}, shed ${run.shed}, ` +
          `other ${run.other}, errors ${run.errors}, unanswered ${run.unanswered}; late ${share(run.latePct)}, ` +
          `shed ${share(run.shedPct)}; served p99 ${ms(run.servedLatency.p99)} ms`,
      );
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      failures.push(`${mode}: ${error instanceof Error ? error.message : String(error)}`);
      log(`  !! ${mode}: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(1_000);
  }

  for (const run of runs) {
    if ((run.otherCpuPct ?? 0) > DISTURBED_CPU_PCT) {
      warnings.push(`${run.label}: ${disturbance(run)}`);
    }
    if (run.sendLag.p99 > 50) {
      warnings.push(
        `${run.label}: the driver sent late (send lag p99 ${ms(run.sendLag.p99)} ms, max ${ms(run.sendLag.max)} ms): the machine, not only the service, was overloaded`,
      );
    }
    if (run.clientCpuPct > 80) {
      warnings.push(
        `${run.label}: the driver used ${Math.round(run.clientCpuPct)}% of a core: it may have been the limit`,
      );
    }
    if (run.sendRate < run.targetRate * 0.95) {
      failures.push(
        `${run.label}: the driver sent only ${rate(run.sendRate)}/s of ${run.targetRate}/s (the driver, not the service, was the limit)`,
      );
    }
    if (run.mode === 'shedding') {
      if (run.latePct >= config.lateLimitPct) {
        failures.push(
          `${run.label}: ${share(run.latePct)} of the requests were answered late or not at all (limit ${config.lateLimitPct}%)`,
        );
      }
      if (run.other) {
        failures.push(
          `${run.label}: ${run.other} answers neither the reply nor the overload answer (${JSON.stringify(run.statusCodes)})`,
        );
      }
    } else if (run.latePct < config.lateLimitPct) {
      failures.push(
        `${run.label}: only ${share(run.latePct)} late: the load did not overload the service, the comparison shows nothing`,
      );
    }
  }

  const results = {
    ok: failures.length === 0,
    failures,
    warnings,
    machine: { ...machine, loadAfter: os.loadavg()[0] },
    config,
    bodyBytes: bodies.map((body) => Buffer.byteLength(body)),
    sustainable,
    sustainableFrom,
    ramp,
    runs,
  };

  log('');
  if (ramp.length) log(`${renderTable(rampTable(config, ramp))}\n`);
  if (runs.length) {
    log(`${renderTable(runsTable(config, sustainable, runs))}\n\n${NOTE}\n`);
    log(`${renderTable(serviceTable(runs))}\n`);
  }
  fs.writeFileSync(
    path.join(RESULTS_DIR, 'overload.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  fs.writeFileSync(path.join(RESULTS_DIR, 'overload.md'), renderMarkdown(results));
  log(
    `Results: ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'overload.md'))} and overload.json`,
  );
  reportProblems(
    log,
    `Disturbed (other processes or the hypervisor above ${DISTURBED_CPU_PCT}% of a core, or the driver short of CPU):`,
    warnings,
    failures,
  );
}

process.on('exit', killAllSync);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the service\n`);
    void Promise.all(running.map((server) => stopServer(server, 3_000))).finally(() =>
      process.exit(signal === 'SIGINT' ? 130 : 143),
    );
  });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\noverload bench failed: ${describeFailure(error)}\n`);
  await Promise.all(running.map((server) => stopServer(server, 3_000)));
  process.exitCode = 1;
}
