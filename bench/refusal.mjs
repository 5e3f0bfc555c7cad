// What refusing a webhook body costs the service, next to accepting one of the same size.
// The service is started from its build (`node dist/service/main.js`, as in production) and sent,
// one at a time over one keep-alive connection, valid bodies and contract-invalid bodies of
// about 300 KB and 2 MB. For each it prints the server's CPU time per request (from /proc)
// and the latency, valid and invalid side by side, and their ratio. Then it shows what
// large bodies do to the other conversations: small valid requests at a fixed rate, alone
// and while large valid or invalid bodies arrive a few times a second. See bench/README.md.

import http from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, describeFailure, intEnv } from './lib/cli.mjs';
import { runOpenLoop } from './lib/open-loop.mjs';
import { REPLY_MARKER, buildBodies, buildRequest } from './lib/payloads.mjs';
import { ms, ratio, renderTable } from './lib/report.mjs';
import {
  killAllSync,
  machineBusySeconds,
  postJson,
  processCpuSeconds,
  startServer,
  stopServer,
} from './lib/servers.mjs';
import { LatencyRecorder } from './lib/stats.mjs';

const BENCH_DIR = import.meta.dirname;
const ROOT = path.resolve(BENCH_DIR, '..');
/** Larger than the 2 MB bodies, which the default BODY_LIMIT (2 MiB) would refuse as too large. */
const BODY_LIMIT = 8 * 1024 * 1024;
/** Above the contract's own bound on chat_log entries (10,000) a body is refused for that alone. */
const MAX_ENTRIES = 8_000;

/**
 * @typedef {object} RefusalConfig
 * @property {string} service the service's entry point
 * @property {number[]} sizesKB approximate body sizes, in KB (1,000 bytes)
 * @property {number} rounds measured rounds; each sends every body of every size in turn
 * @property {number} batchS seconds each body is sent for, per round
 * @property {number} warmup unmeasured requests per body before the first round
 * @property {number} neighbourS seconds of each fixed-rate neighbour run (0: none)
 * @property {number} neighbourRate small valid requests per second in those runs
 * @property {number} largeRate large bodies per second sent beside them
 */

/**
 * @typedef {object} BodyKind
 * @property {string} label
 * @property {(request: Record<string, unknown>) => void} spoil makes a valid request invalid (or not)
 * @property {number} status the answer expected
 * @property {string} marker a string the expected answer contains
 */

/**
 * @typedef {object} Measured
 * @property {BodyKind} kind
 * @property {number} bytes
 * @property {number} requests
 * @property {number} serverCpuS server CPU over all measured requests, in seconds
 * @property {number} otherCpuS CPU of every other process meanwhile, in seconds
 * @property {number} wallS
 * @property {number} fields field paths in the (last) error answer
 * @property {LatencyRecorder} latencies
 */

/** @returns {RefusalConfig} */
function readConfig() {
  const sizesRaw = process.env.REFUSAL_SIZES_KB?.trim() || '300,2000';
  const sizesKB = sizesRaw.split(',').map((item) => {
    const value = Number(item.trim());
    if (!Number.isSafeInteger(value) || value < 10 || value > 6_000) {
      throw new ConfigError(
        `REFUSAL_SIZES_KB must be a comma-separated list of integers from 10 to 6000; got "${sizesRaw}"`,
      );
    }
    return value;
  });
  return {
    service: path.resolve(
      process.env.REFUSAL_SERVICE?.trim() || path.join(ROOT, 'dist', 'service', 'main.js'),
    ),
    sizesKB,
    rounds: intEnv('REFUSAL_ROUNDS', 3, 1, 100),
    batchS: intEnv('REFUSAL_BATCH_S', 2, 1, 600),
    warmup: intEnv('REFUSAL_WARMUP', 5, 0, 1_000),
    neighbourS: intEnv('REFUSAL_NEIGHBOUR_S', 5, 0, 600),
    neighbourRate: intEnv('REFUSAL_NEIGHBOUR_RATE', 50, 1, 10_000),
    largeRate: intEnv('REFUSAL_LARGE_RATE', 5, 1, 100),
  };
}

/** @type {BodyKind[]} */
const KINDS = [
  {
    label: 'valid',
    spoil: () => {},
    status: 200,
    marker: REPLY_MARKER,
  },
  {
    label: 'invalid: every other chat_log text an array',
    spoil: (request) => {
      // The same text in an array: the wrong type, at about the same size.
      const chatLog = /** @type {{ text: unknown }[]} */ (request.chat_log);
      for (let index = 0; index < chatLog.length; index += 2)
        chatLog[index].text = [chatLog[index].text];
    },
    status: 400,
    marker: '"chat_log.0.text":["text must be a string"]',
  },
  {
    label: 'invalid: one top-level field (the last one checked) a number',
    spoil: (request) => {
      request.lead_post_date = 20200713;
    },
    status: 400,
    marker: '"lead_post_date":["lead_post_date must be a string"]',
  },
];

/**
 * A realistic request of about `bytes` bytes: more chat_log entries and, past MAX_ENTRIES,
 * longer texts (each repeated).
 * @param {number} bytes
 * @param {number} variant
 * @returns {Record<string, unknown>}
 */
function sizedRequest(bytes, variant) {
  /** @param {number} entries @param {number} repeat */
  const build = (entries, repeat) => {
    const request = buildRequest(entries, variant);
    if (repeat > 1) {
      for (const entry of /** @type {{ text: string }[]} */ (request.chat_log)) {
        entry.text = Array.from({ length: repeat }, () => entry.text).join(' ');
      }
    }
    return request;
  };
  const base = JSON.stringify(build(0, 1)).length;
  let repeat = 1;
  let perEntry = (JSON.stringify(build(500, repeat)).length - base) / 500;
  while (base + perEntry * MAX_ENTRIES < bytes) {
    repeat++;
    perEntry = (JSON.stringify(build(500, repeat)).length - base) / 500;
  }
  return build(Math.max(1, Math.round((bytes - base) / perEntry)), repeat);
}

/**
 * The bodies of one kind and size (two variants, sent in turn).
 * @param {BodyKind} kind
 * @param {number} sizeKB
 * @returns {string[]}
 */
function bodiesOf(kind, sizeKB) {
  return [0, 1].map((variant) => {
    const request = sizedRequest(sizeKB * 1_000, variant);
    kind.spoil(request);
    return JSON.stringify(request);
  });
}

/**
 * Checks an answer; returns how many field paths an error answer lists.
 * @param {BodyKind} kind
 * @param {{ status: number, body: string }} answer
 * @returns {number}
 */
function checkAnswer(kind, answer) {
  if (answer.status !== kind.status || !answer.body.includes(kind.marker)) {
    throw new Error(
      `${kind.label}: expected ${kind.status} with ${kind.marker}, got ${answer.status}: ${answer.body.slice(0, 300)}`,
    );
  }
  if (kind.status === 200) return 0;
  return Object.keys(JSON.parse(answer.body).fields ?? {}).length;
}

/**
 * Sends the bodies one after the other for `seconds` (at least 3 requests), measuring the
 * server's CPU time and each latency.
 * @param {{ agent: http.Agent, port: number, pid: number | undefined }} target
 * @param {BodyKind} kind
 * @param {Buffer[]} bodies
 * @param {number} seconds
 * @param {Measured} into
 */
async function measure(target, kind, bodies, seconds, into) {
  const cpuStart = processCpuSeconds(target.pid) ?? NaN;
  const machineStart = machineBusySeconds() ?? NaN;
  const clientStart = process.cpuUsage();
  const wallStart = performance.now();
  let sent = 0;
  while (sent < 3 || performance.now() - wallStart < seconds * 1_000) {
    const body = bodies[sent++ % bodies.length];
    const started = performance.now();
    const answer = await postJson(target.port, '/webhook', body, 60_000, target.agent);
    into.latencies.record(performance.now() - started);
    into.fields = checkAnswer(kind, answer);
  }
  const serverS = (processCpuSeconds(target.pid) ?? NaN) - cpuStart;
  const client = process.cpuUsage(clientStart);
  into.requests += sent;
  into.serverCpuS += serverS;
  into.otherCpuS += Math.max(
    0,
    (machineBusySeconds() ?? NaN) - machineStart - serverS - (client.user + client.system) / 1e6,
  );
  into.wallS += (performance.now() - wallStart) / 1_000;
}

/**
 * Small valid requests at a fixed rate, with large bodies of one kind beside them (or none).
 * @param {RefusalConfig} config
 * @param {number} port
 * @param {string[]} small
 * @param {{ kind: BodyKind, bodies: string[] } | undefined} large
 */
async function neighbours(config, port, small, large) {
  const [smallRun, largeRun] = await Promise.all([
    runOpenLoop({
      port,
      bodies: small,
      rate: config.neighbourRate,
      durationS: config.neighbourS,
      marker: REPLY_MARKER,
    }),
    large
      ? runOpenLoop({
          port,
          bodies: large.bodies,
          rate: config.largeRate,
          durationS: config.neighbourS,
          marker: large.kind.marker,
        })
      : undefined,
  ]);
  const problems = smallRun.scheduled - smallRun.ok;
  if (problems > 0) {
    throw new Error(`neighbour run: ${problems} small requests not answered 200 with the reply`);
  }
  if (largeRun && (largeRun.statusCodes[large?.kind.status ?? 0] ?? 0) !== largeRun.scheduled) {
    throw new Error(
      `neighbour run: large bodies answered ${JSON.stringify(largeRun.statusCodes)}, expected all ${large?.kind.status}`,
    );
  }
  return smallRun.latency;
}

/** @param {string} line */
function log(line) {
  process.stdout.write(`${line}\n`);
}

async function main() {
  const config = readConfig();
  log(`service: ${path.relative(process.cwd(), config.service) || config.service}`);
  const server = await startServer(
    {
      key: 'c',
      name: 'this service',
      description: 'node dist/service/main.js',
      script: config.service,
      cwd: ROOT,
      env: { NODE_ENV: 'production', BODY_LIMIT: String(BODY_LIMIT) },
      logPath: path.join(BENCH_DIR, 'results', 'refusal-service.log'),
    },
    {
      probeBody: buildBodies(2, 1)[0],
      marker: REPLY_MARKER,
      timeoutMs: 30_000,
    },
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const target = { agent, port: server.port, pid: server.child.pid };
  try {
    /** @type {{ sizeKB: number, kind: BodyKind, bodies: Buffer[], result: Measured }[]} */
    const cells = [];
    for (const sizeKB of config.sizesKB) {
      for (const kind of KINDS) {
        const bodies = bodiesOf(kind, sizeKB).map((body) => Buffer.from(body));
        cells.push({
          sizeKB,
          kind,
          bodies,
          result: {
            kind,
            bytes: bodies[0].length,
            requests: 0,
            serverCpuS: 0,
            otherCpuS: 0,
            wallS: 0,
            fields: 0,
            latencies: new LatencyRecorder(1_024),
          },
        });
      }
    }
    for (const cell of cells) {
      for (let index = 0; index < config.warmup; index++) {
        checkAnswer(
          cell.kind,
          await postJson(server.port, '/webhook', cell.bodies[index % 2], 60_000, agent),
        );
      }
    }
    for (let round = 1; round <= config.rounds; round++) {
      for (const cell of cells) {
        await measure(target, cell.kind, cell.bodies, config.batchS, cell.result);
      }
      log(`round ${round}/${config.rounds} done`);
      await sleep(200);
    }

    log('');
    for (const sizeKB of config.sizesKB) {
      const rows = cells.filter((cell) => cell.sizeKB === sizeKB).map((cell) => cell.result);
      const valid = rows[0];
      const cpuPerRequest = (/** @type {Measured} */ row) => (row.serverCpuS / row.requests) * 1e3;
      log(
        renderTable({
          title: `About ${sizeKB} KB (${rows.map((row) => row.bytes).join(' / ')} bytes), one request at a time`,
          head: [
            'body',
            'fields',
            'requests',
            'server CPU ms/req',
            'vs valid',
            'p50 ms',
            'p99 ms',
            'p50 vs valid',
            'other CPU',
          ],
          align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
          rows: rows.map((row) => {
            const latency = row.latencies.summary();
            return [
              row.kind.label,
              String(row.fields),
              String(row.requests),
              ms(cpuPerRequest(row)),
              ratio(cpuPerRequest(row), cpuPerRequest(valid)),
              ms(latency.p50),
              ms(latency.p99),
              ratio(latency.p50, valid.latencies.summary().p50),
              `${Math.round((row.otherCpuS / row.wallS) * 100)}%`,
            ];
          }),
        }),
      );
      log('');
    }
    log(
      'fields: paths listed in the 400 answer (at most 50). Server CPU is user + system time of the service process (all threads) from /proc, per request; other CPU is every other process on the machine meanwhile (100% = one core): well above 0% means the figures were disturbed.',
    );

    if (config.neighbourS > 0) {
      const sizeKB = config.sizesKB[config.sizesKB.length - 1];
      const small = buildBodies(2, 4);
      /** @type {[string, { kind: BodyKind, bodies: string[] } | undefined][]} */
      const runs = [
        ['alone', undefined],
        ...KINDS.map(
          (kind) =>
            /** @type {[string, { kind: BodyKind, bodies: string[] }]} */ ([
              `with ${config.largeRate}/s ${kind.label} (${sizeKB} KB)`,
              { kind, bodies: bodiesOf(kind, sizeKB) },
            ]),
        ),
      ];
      const results = [];
      for (const [label, large] of runs) {
        results.push({ label, latency: await neighbours(config, server.port, small, large) });
      }
      log('');
      log(
        renderTable({
          title: `Other conversations: 2-entry requests at ${config.neighbourRate}/s for ${config.neighbourS} s (latency from the scheduled send)`,
          head: ['beside them', 'p50 ms', 'p99 ms', 'max ms'],
          align: ['l', 'r', 'r', 'r'],
          rows: results.map(({ label, latency }) => [
            label,
            ms(latency.p50),
            ms(latency.p99),
            ms(latency.max),
          ]),
        }),
      );
    }
  } finally {
    agent.destroy();
    await stopServer(server);
  }
}

process.on('exit', killAllSync);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the service\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nrefusal bench failed: ${describeFailure(error)}\n`);
  process.exitCode = 1;
}
