// `npm run bench`: the Cliengo webhook service (c) against a bare Express 5 app (b) and a raw
// node:http server (a), on realistic webhook requests of 2, 50 and 500 chat_log entries.
// See bench/README.md. The service is a black box: `node dist/service/main.js` (build it first).

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, describeFailure, intEnv, machineInfo, reportProblems } from './lib/cli.mjs';
import { runClosedLoop } from './lib/closed-loop.mjs';
import { runOpenLoop } from './lib/open-loop.mjs';
import { BENCH_QUESTION_ID, REPLY_MARKER, buildBodies } from './lib/payloads.mjs';
import {
  FIXED_RATE_NOTE,
  fixedRateTable,
  keptUp,
  renderMarkdown,
  renderTable,
  serviceLogLine,
  sizeTable,
} from './lib/report.mjs';
import {
  killAllSync,
  logTail,
  postJson,
  processMemory,
  startServer,
  stopServer,
} from './lib/servers.mjs';
import { LatencyRecorder, median } from './lib/stats.mjs';

const BENCH_DIR = import.meta.dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const SERVICE_ENTRY = path.join(ROOT, 'dist', 'service', 'main.js');
/** Above this CPU use by other processes (100 = one core), a run is reported as disturbed. */
const DISTURBED_CPU_PCT = 25;

/**
 * @typedef {object} BenchConfig
 * @property {number} rounds
 * @property {number} durationS
 * @property {number} warmupS
 * @property {number} connections
 * @property {number[]} sizes chat_log entries
 * @property {number} variants distinct bodies per size
 * @property {('a' | 'b' | 'c')[]} servers
 * @property {number} rate fixed rate, requests per second (0: no fixed-rate run)
 * @property {number} rateDurationS
 * @property {number} rateWarmupS
 * @property {number} rateSize chat_log entries of the fixed-rate run
 * @property {number} rateMaxSockets
 * @property {number} startTimeoutS
 * @property {number} questionId
 */

/**
 * @typedef {object} ServerInfo
 * @property {'a' | 'b' | 'c'} key
 * @property {string} name
 * @property {string} description
 * @property {number} [port]
 * @property {string} logPath
 * @property {{ rssMiB: number, peakRssMiB: number }} [memory]
 */

/**
 * @typedef {object} RoundResult
 * @property {number} rps
 * @property {number} durationS
 * @property {number} ok2xx
 * @property {number} p50
 * @property {number} p99
 * @property {number} non2xx
 * @property {Record<string, number>} statusCodes
 * @property {number} errors
 * @property {number} timeouts
 * @property {number} badBodies
 * @property {number | undefined} serverCpuPct
 * @property {number} clientCpuPct
 * @property {number | undefined} otherCpuPct
 */

/**
 * @typedef {object} ServerSizeResult
 * @property {RoundResult} [warmup]
 * @property {RoundResult[]} rounds
 * @property {number} rpsMedian
 * @property {import('./lib/stats.mjs').LatencySummary} latency all rounds' samples pooled
 * @property {number} non2xx over the warm-up and all rounds
 * @property {number} errors over the warm-up and all rounds
 * @property {number} badBodies over the warm-up and all rounds
 * @property {number | undefined} serverCpuPct median of rounds
 * @property {number} clientCpuPct median of rounds
 * @property {number | undefined} otherCpuPct median of rounds
 */

/**
 * @typedef {object} SizeResult
 * @property {number} entries
 * @property {number[]} bodyBytes
 * @property {Partial<Record<'a' | 'b' | 'c', ServerSizeResult>>} servers
 */

/**
 * @typedef {object} FixedRateResult
 * @property {number} rate
 * @property {number} durationS
 * @property {number} warmupS
 * @property {number} entries
 * @property {Partial<Record<'a' | 'b' | 'c', import('./lib/open-loop.mjs').OpenLoopResult>>} servers
 */

/**
 * @typedef {object} BenchResults
 * @property {boolean} ok
 * @property {string[]} failures
 * @property {string[]} warnings runs disturbed by other processes on the machine
 * @property {ReturnType<typeof machineInfo> & { loadAfter: number }} machine
 * @property {BenchConfig} config
 * @property {ServerInfo[]} servers
 * @property {SizeResult[]} sizes
 * @property {FixedRateResult} [fixedRate]
 * @property {{ path: string, bytes: number, lines: number, requests: number }} [serviceLog]
 *   the service's log file, and how many requests the service answered in the whole run
 */

/** @returns {BenchConfig} */
function readConfig() {
  const sizesRaw = process.env.BENCH_SIZES?.trim() || '2,50,500';
  const sizes = (sizesRaw === 'none' ? [] : sizesRaw.split(',')).map((item) => {
    const value = Number(item.trim());
    if (!Number.isSafeInteger(value) || value < 1 || value > 10_000) {
      throw new ConfigError(
        `BENCH_SIZES must be a comma-separated list of integers from 1 to 10000, or none; got "${sizesRaw}"`,
      );
    }
    return value;
  });
  const serversRaw = process.env.BENCH_SERVERS?.trim() || 'a,b,c';
  const servers = serversRaw.split(',').map((item) => item.trim());
  if (servers.some((key) => !['a', 'b', 'c'].includes(key)) || new Set(servers).size === 0) {
    throw new ConfigError(`BENCH_SERVERS must list some of a, b, c; got "${serversRaw}"`);
  }
  return {
    rounds: intEnv('BENCH_ROUNDS', 3, 1, 100),
    durationS: intEnv('BENCH_DURATION_S', 5, 1, 3_600),
    warmupS: intEnv('BENCH_WARMUP_S', 2, 0, 3_600),
    connections: intEnv('BENCH_CONNECTIONS', 10, 1, 10_000),
    sizes,
    variants: intEnv('BENCH_VARIANTS', 4, 1, 100),
    servers: /** @type {('a' | 'b' | 'c')[]} */ (
      ['a', 'b', 'c'].filter((key) => servers.includes(key))
    ),
    rate: intEnv('BENCH_RATE', 200, 0, 100_000),
    rateDurationS: intEnv('BENCH_RATE_DURATION_S', 10, 1, 3_600),
    rateWarmupS: intEnv('BENCH_RATE_WARMUP_S', 2, 0, 3_600),
    rateSize: intEnv('BENCH_RATE_SIZE', 500, 1, 10_000),
    rateMaxSockets: intEnv('BENCH_RATE_MAX_SOCKETS', 512, 1, 100_000),
    startTimeoutS: intEnv('BENCH_START_TIMEOUT_S', 30, 1, 600),
    questionId: BENCH_QUESTION_ID,
  };
}

/**
 * The version of an installed package.
 * @param {string} name
 * @returns {string}
 */
function packageVersion(name) {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
    );
    return String(manifest.version);
  } catch {
    return 'n/a';
  }
}

/**
 * A fingerprint of the service build measured: sha256 over every file of dist/ (paths and
 * contents), first 12 hex digits. Two runs with the same fingerprint measured the same code.
 * @returns {string | undefined}
 */
function distFingerprint() {
  const dist = path.dirname(SERVICE_ENTRY);
  try {
    const hash = createHash('sha256');
    const files = fs
      .readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) {
      hash.update(path.relative(dist, file)).update('\0').update(fs.readFileSync(file));
    }
    return hash.digest('hex').slice(0, 12);
  } catch {
    return undefined;
  }
}

function benchMachineInfo() {
  return {
    ...machineInfo(ROOT, SERVICE_ENTRY),
    autocannon: packageVersion('autocannon'),
    express: packageVersion('express'),
    distFingerprint: distFingerprint(),
  };
}

/** @type {Record<'a' | 'b' | 'c', Omit<import('./lib/servers.mjs').ServerSpec, 'key' | 'cwd'>>} */
const SERVER_SPECS = {
  a: {
    name: 'raw node:http',
    description: 'raw node:http: read, JSON.parse, route, fixed reply (one process ceiling)',
    script: path.join(BENCH_DIR, 'servers', 'raw-http.mjs'),
    env: { NODE_ENV: 'production' },
    logPath: path.join(RESULTS_DIR, 'a-raw-http.log'),
  },
  b: {
    name: 'bare Express 5',
    description: "bare Express 5: express.json({ limit: '2mb' }), route by question, no validation",
    script: path.join(BENCH_DIR, 'servers', 'bare-express.mjs'),
    env: { NODE_ENV: 'production' },
    logPath: path.join(RESULTS_DIR, 'b-bare-express.log'),
  },
  c: {
    name: 'this service',
    description: 'this service: node dist/service/main.js, NODE_ENV=production, logs to a file',
    script: SERVICE_ENTRY,
    env: { NODE_ENV: 'production' },
    logPath: path.join(RESULTS_DIR, 'c-service.log'),
  },
};

/**
 * Summary of one closed-loop run.
 * @param {import('./lib/closed-loop.mjs').ClosedLoopResult} run
 * @returns {RoundResult}
 */
function roundOf(run) {
  const latency = run.latencies.summary();
  return {
    rps: run.rps,
    durationS: run.durationS,
    ok2xx: run.ok2xx,
    p50: latency.p50,
    p99: latency.p99,
    non2xx: run.non2xx,
    statusCodes: run.statusCodes,
    errors: run.errors,
    timeouts: run.timeouts,
    badBodies: run.badBodies,
    serverCpuPct: run.serverCpuPct,
    clientCpuPct: run.clientCpuPct,
    otherCpuPct: run.otherCpuPct,
  };
}

/**
 * Counts the lines of a file (the service log), streaming.
 * @param {string} file
 * @param {number} requests how many requests the server answered
 * @returns {Promise<{ path: string, bytes: number, lines: number, requests: number } | undefined>}
 */
async function fileStats(file, requests) {
  try {
    let lines = 0;
    for await (const chunk of fs.createReadStream(file)) {
      const buffer = /** @type {Buffer} */ (chunk);
      for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines++;
    }
    return { path: path.relative(ROOT, file), bytes: fs.statSync(file).size, lines, requests };
  } catch {
    return undefined;
  }
}

/** @type {import('./lib/servers.mjs').RunningServer[]} */
const running = [];
/** @type {{ stop: () => void } | undefined} */
let currentLoad;
let interrupted = false;

async function stopAll() {
  currentLoad?.stop();
  await Promise.all(running.map((server) => stopServer(server, 3_000)));
}

/**
 * @param {string} message
 */
function log(message) {
  process.stdout.write(`${message}\n`);
}

async function main() {
  const config = readConfig();
  const machine = benchMachineInfo();
  if (!fs.existsSync(SERVICE_ENTRY) && config.servers.includes('c')) {
    throw new ConfigError(
      `${path.relative(ROOT, SERVICE_ENTRY)} not found: run "nest build" first`,
    );
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });

  const closedS =
    config.sizes.length *
    config.servers.length *
    (config.warmupS + config.rounds * config.durationS + (config.rounds + 1) * 0.5);
  const openS = config.rate
    ? config.servers.length * (config.rateWarmupS + config.rateDurationS + 1)
    : 0;
  log(
    `Benchmark: servers ${config.servers.join(', ')}; sizes ${config.sizes.length ? `${config.sizes.join(', ')} entries` : 'none'}; ` +
      `${config.rounds} rounds × ${config.durationS} s, ${config.connections} connections; ` +
      (config.rate
        ? `fixed rate ${config.rate} req/s × ${config.rateDurationS} s (${config.rateSize} entries). `
        : 'no fixed-rate run. ') +
      `About ${Math.ceil((closedS + openS) / 60)} min.`,
  );
  log(
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadBefore.toFixed(2)}`,
  );
  log(
    `Service: dist/service/main.js built ${machine.distBuiltAt ?? 'n/a'}, dist fingerprint ${machine.distFingerprint ?? 'n/a'}, git ${machine.git ?? 'n/a'}`,
  );

  /** @type {Map<number, string[]>} */
  const bodies = new Map();
  for (const entries of new Set([...config.sizes, ...(config.rate ? [config.rateSize] : [])])) {
    bodies.set(entries, buildBodies(entries, config.variants));
  }
  const probeBody = buildBodies(2, 1)[0];

  /** @type {string[]} */
  const failures = [];
  /** Runs disturbed by other processes on the machine. */
  /** @type {string[]} */
  const warnings = [];
  /** @type {ServerInfo[]} */
  const servers = [];
  /** Requests each server answered during the whole run (probe and preflight included). */
  const answered = { a: 0, b: 0, c: 0 };

  // Start every server side by side, each on its own free port, and wait until each answers
  // a valid request 200 with the expected reply.
  for (const key of config.servers) {
    const spec = { key, cwd: ROOT, ...SERVER_SPECS[key] };
    const server = await startServer(spec, {
      probeBody,
      marker: REPLY_MARKER,
      timeoutMs: config.startTimeoutS * 1000,
    });
    running.push(server);
    answered[key]++;
    servers.push({
      key,
      name: spec.name,
      description: spec.description,
      port: server.port,
      logPath: path.relative(ROOT, spec.logPath),
    });
    log(`  started ${key} ${spec.name} on 127.0.0.1:${server.port} (pid ${server.child.pid})`);
  }

  // Preflight: every body variant of every size must be answered 200 with the LIST reply by
  // every server, or the numbers would measure an error path.
  for (const server of running) {
    for (const [entries, list] of bodies) {
      for (const [variant, body] of list.entries()) {
        const answer = await postJson(server.port, '/webhook', body, 10_000);
        answered[server.spec.key]++;
        if (answer.status !== 200 || !answer.body.includes(REPLY_MARKER)) {
          throw new Error(
            `${server.spec.key} ${server.spec.name} answered ${answer.status} to the ${entries}-entry request (variant ${variant}): ${answer.body.slice(0, 1_000)}`,
          );
        }
      }
    }
  }
  log('  preflight: every server answers every request variant 200 with the LIST reply');

  /** Servers that died during the run: reported, and left out of the remaining runs. */
  const lost = new Set();
  /**
   * Whether a server is still running; records the failure the first time it is not.
   * @param {import('./lib/servers.mjs').RunningServer} server
   * @returns {boolean}
   */
  const alive = (server) => {
    if (!server.exited) return true;
    if (!lost.has(server.spec.key)) {
      lost.add(server.spec.key);
      const how = `code ${server.exited.code}, signal ${server.exited.signal}`;
      failures.push(
        `${server.spec.key} ${server.spec.name} exited during the benchmark (${how}); left out of the remaining runs (log: ${path.relative(ROOT, server.spec.logPath)})`,
      );
      log(
        `  !! ${server.spec.key} ${server.spec.name} exited (${how}); last log lines:\n${logTail(server.spec.logPath, 5)}`,
      );
    }
    return false;
  };

  /**
   * One closed-loop run; undefined when the server is gone or died during the run.
   * @param {import('./lib/servers.mjs').RunningServer} server
   * @param {string[]} list
   * @param {number} durationS
   */
  const load = async (server, list, durationS) => {
    if (interrupted || !alive(server)) return undefined;
    const result = await runClosedLoop({
      port: server.port,
      bodies: list,
      connections: config.connections,
      durationS,
      marker: REPLY_MARKER,
      serverPid: server.child.pid,
      onStart: (instance) => {
        currentLoad = instance;
      },
    });
    currentLoad = undefined;
    answered[server.spec.key] += result.ok2xx + result.non2xx;
    await sleep(500);
    return alive(server) ? result : undefined;
  };

  /** @type {SizeResult[]} */
  const sizes = [];
  for (const entries of config.sizes) {
    const list = /** @type {string[]} */ (bodies.get(entries));
    /** @type {SizeResult} */
    const size = { entries, bodyBytes: list.map((body) => Buffer.byteLength(body)), servers: {} };
    sizes.push(size);
    /** @type {Map<string, { warmup?: RoundResult, runs: import('./lib/closed-loop.mjs').ClosedLoopResult[] }>} */
    const collected = new Map(running.map((server) => [server.spec.key, { runs: [] }]));
    if (config.warmupS) {
      for (const server of running) {
        const run = await load(server, list, config.warmupS);
        if (!run) continue;
        const warmup = roundOf(run);
        /** @type {{ warmup?: RoundResult }} */ (collected.get(server.spec.key)).warmup = warmup;
        log(`  [${entries} entries] warm-up ${server.spec.key}: ${Math.round(warmup.rps)} req/s`);
      }
    }
    // Interleaved rounds: a b c a b c ..., one server loaded at a time.
    for (let round = 1; round <= config.rounds; round++) {
      for (const server of running) {
        const run = await load(server, list, config.durationS);
        if (!run) continue;
        collected.get(server.spec.key)?.runs.push(run);
        const summary = roundOf(run);
        const trouble = summary.non2xx + summary.errors + summary.badBodies;
        log(
          `  [${entries} entries] round ${round}/${config.rounds} ${server.spec.key}: ` +
            `${Math.round(summary.rps)} req/s, p50 ${summary.p50.toFixed(2)} ms, p99 ${summary.p99.toFixed(2)} ms` +
            (summary.otherCpuPct !== undefined && summary.otherCpuPct > 20
              ? ` (other processes used ${Math.round(summary.otherCpuPct)}% CPU)`
              : '') +
            (trouble
              ? `, ${summary.non2xx} non-2xx, ${summary.errors} errors, ${summary.badBodies} bad bodies`
              : ''),
        );
      }
    }
    for (const server of running) {
      const key = server.spec.key;
      const { warmup, runs } =
        /** @type {{ warmup?: RoundResult, runs: import('./lib/closed-loop.mjs').ClosedLoopResult[] }} */ (
          collected.get(key)
        );
      if (runs.length === 0) continue;
      const rounds = runs.map(roundOf);
      const pooled = new LatencyRecorder();
      for (const run of runs) pooled.addAll(run.latencies);
      const all = warmup ? [warmup, ...rounds] : rounds;
      /** @param {(round: RoundResult) => number} field */
      const total = (field) => all.reduce((sum, round) => sum + field(round), 0);
      /** @param {(round: RoundResult) => number | undefined} field */
      const medianOf = (field) => {
        const values = rounds.map(field);
        return values.every((value) => value !== undefined)
          ? median(/** @type {number[]} */ (values))
          : undefined;
      };
      /** @type {ServerSizeResult} */
      const result = {
        warmup,
        rounds,
        rpsMedian: median(rounds.map((round) => round.rps)),
        latency: pooled.summary(),
        non2xx: total((round) => round.non2xx),
        errors: total((round) => round.errors),
        badBodies: total((round) => round.badBodies),
        serverCpuPct: medianOf((round) => round.serverCpuPct),
        clientCpuPct: median(rounds.map((round) => round.clientCpuPct)),
        otherCpuPct: medianOf((round) => round.otherCpuPct),
      };
      size.servers[key] = result;
      const disturbed = rounds
        .map((round, index) => ({ round: index + 1, other: round.otherCpuPct ?? 0 }))
        .filter(({ other }) => other > DISTURBED_CPU_PCT);
      if (disturbed.length) {
        warnings.push(
          `${entries} entries, ${key}: other processes used ${disturbed.map(({ round, other }) => `${Math.round(other)}% CPU in round ${round}`).join(', ')}`,
        );
      }
      if (result.non2xx || result.errors || result.badBodies) {
        failures.push(
          `${entries} entries, ${key} ${server.spec.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.badBodies} answers without the expected reply`,
        );
      }
    }
  }

  /** @type {FixedRateResult | undefined} */
  let fixedRate;
  if (config.rate) {
    const list = /** @type {string[]} */ (bodies.get(config.rateSize));
    fixedRate = {
      rate: config.rate,
      durationS: config.rateDurationS,
      warmupS: config.rateWarmupS,
      entries: config.rateSize,
      servers: {},
    };
    for (const server of running) {
      if (interrupted || !alive(server)) continue;
      const options = {
        port: server.port,
        bodies: list,
        rate: config.rate,
        marker: REPLY_MARKER,
        maxSockets: config.rateMaxSockets,
        serverPid: server.child.pid,
        aborted: () => interrupted,
      };
      if (config.rateWarmupS) {
        const warmup = await runOpenLoop({ ...options, durationS: config.rateWarmupS });
        answered[server.spec.key] += warmup.ok + warmup.non2xx + warmup.badBodies;
        if (warmup.non2xx || warmup.errors || warmup.unfinished || warmup.badBodies) {
          failures.push(
            `fixed-rate warm-up, ${server.spec.key} ${server.spec.name}: ${warmup.non2xx} non-2xx, ${warmup.errors + warmup.unfinished} errors, ${warmup.badBodies} bad bodies`,
          );
        }
        await sleep(500);
      }
      const result = await runOpenLoop({ ...options, durationS: config.rateDurationS });
      answered[server.spec.key] += result.ok + result.non2xx + result.badBodies;
      if (!alive(server)) continue;
      fixedRate.servers[server.spec.key] = result;
      if ((result.otherCpuPct ?? 0) > DISTURBED_CPU_PCT) {
        warnings.push(
          `fixed rate, ${server.spec.key}: other processes used ${Math.round(result.otherCpuPct ?? 0)}% CPU`,
        );
      }
      log(
        `  [fixed ${config.rate} req/s, ${config.rateSize} entries] ${server.spec.key}: ` +
          `sent ${result.sendRate.toFixed(1)}/s, answered ${result.completionRate.toFixed(1)}/s, ` +
          `p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms, max ${result.latency.max.toFixed(2)} ms` +
          (keptUp(result) ? '' : ' (did not keep up: its queue grew during the whole run)'),
      );
      if (result.non2xx || result.errors || result.unfinished || result.badBodies) {
        failures.push(
          `fixed rate, ${server.spec.key} ${server.spec.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.unfinished} unanswered, ${result.badBodies} bad bodies`,
        );
      }
      if (result.sendRate < config.rate * 0.95) {
        failures.push(
          `fixed rate, ${server.spec.key}: the driver only sent ${result.sendRate.toFixed(1)} req/s of ${config.rate}`,
        );
      }
      await sleep(500);
    }
  }

  for (const server of running) {
    const info = servers.find((item) => item.key === server.spec.key);
    const memory = processMemory(server.child.pid);
    if (info && memory) info.memory = memory;
    alive(server);
  }
  await stopAll();

  /** @type {BenchResults} */
  const results = {
    ok: failures.length === 0,
    failures,
    warnings,
    machine: { ...machine, loadAfter: os.loadavg()[0] },
    config,
    servers,
    sizes,
    fixedRate,
    serviceLog: config.servers.includes('c')
      ? await fileStats(SERVER_SPECS.c.logPath, answered.c)
      : undefined,
  };

  log('');
  for (const size of sizes) log(`${renderTable(sizeTable(size, config, servers))}\n`);
  if (fixedRate) log(`${renderTable(fixedRateTable(fixedRate, servers))}\n\n${FIXED_RATE_NOTE}\n`);
  if (results.serviceLog) log(serviceLogLine(results.serviceLog));
  log(
    `Load average (1 min) before / after: ${machine.loadBefore.toFixed(2)} / ${results.machine.loadAfter.toFixed(2)}`,
  );

  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), renderMarkdown(results));
  log(
    `Results: ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'latest.md'))} and latest.json`,
  );

  reportProblems(
    log,
    `Disturbed runs (other processes above ${DISTURBED_CPU_PCT}% CPU; medians resist one bad round):`,
    warnings,
    failures,
  );
}

process.on('exit', killAllSync);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping the servers\n`);
    void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nbench failed: ${describeFailure(error)}\n`);
  await stopAll();
  process.exitCode = 1;
}
