// An open-loop, fixed-rate load driver. Request i is scheduled at start + i / rate whatever
// happened to earlier requests, and its latency is measured from that scheduled time to the
// end of its answer. A server that stalls therefore shows the whole wait its visitors would
// see (no coordinated omission), and the driver's own lateness is reported separately.
//
// Why not autocannon's `overallRate`: it gives each connection a quota of requests per second
// that the connection sends back to back (closed loop) at the start of each second, then
// idles. That is a burst per second, not a fixed rate, and its coordinated-omission
// correction uses an expected interval of Math.ceil(1 / rate) = 1 ms whatever the rate
// (lib/run.js, `recordValueWithExpectedInterval`), which invents samples rather than
// restoring the missing ones.

import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarize } from './stats.mjs';
import { cpuMeter } from './servers.mjs';

/**
 * @typedef {object} OpenLoopResult
 * @property {number} targetRate requests per second asked for
 * @property {number} durationS scheduled duration, in seconds
 * @property {number} scheduled requests scheduled
 * @property {number} sent requests actually written
 * @property {number} ok 2xx answers with the expected body
 * @property {number} non2xx answers with another status
 * @property {Record<string, number>} statusCodes count per status code
 * @property {number} badBodies 2xx answers without the expected body
 * @property {number} errors connection errors
 * @property {Record<string, number>} errorCodes count per error code (ECONNRESET, ...)
 * @property {number} unfinished requests still unanswered at the drain deadline
 * @property {number} sendRate achieved send rate, requests per second
 * @property {number} completionRate answers per second, from the first scheduled send to the last answer
 * @property {import('./stats.mjs').LatencySummary} latency from scheduled send time to the end of the answer, in ms
 * @property {import('./stats.mjs').LatencySummary} serviceTime from the actual send to the end of the answer, in ms
 * @property {import('./stats.mjs').LatencySummary} sendLag how late the driver sent, in ms
 * @property {import('./stats.mjs').LatencySummary} socketWait from the send to the request
 *   getting a connection, in ms: long when every connection the driver may open is busy
 * @property {number} socketsOpened connections the driver had to open during the run
 * @property {number} peakOutstanding most requests sent and not yet answered at once
 * @property {number | undefined} serverCpuPct CPU used by the server process (100 = one core)
 * @property {number} clientCpuPct CPU used by this process (the driver)
 * @property {number | undefined} otherCpuPct CPU used by every other process on the machine
 * @property {TimelineSecond[]} timeline per second of the schedule: how its requests fared
 * @property {PerRequest} [perRequest] with the `perRequest` option: how each request fared
 */

/**
 * Each request's fate, by index in the schedule (kept only when asked for: large).
 * @typedef {object} PerRequest
 * @property {Float64Array} latency from its scheduled send time to the end of its answer,
 *   whatever the answer (NaN: no answer), in ms
 * @property {Uint8Array} outcome one of the `OUTCOME` codes
 * @property {Uint16Array} status its answer's status code (0: none)
 * @property {Float64Array} sendLag how late it was sent, in ms
 * @property {Float64Array} socketWait from its send to its getting a connection, in ms
 */

/** The codes of `PerRequest.outcome`. */
export const OUTCOME = Object.freeze({
  /** Not answered (still waiting at the drain deadline, or never sent). */
  none: 0,
  /** 2xx with the expected body. */
  ok: 1,
  /** 2xx with another body. */
  badBody: 2,
  /** Another status. */
  non2xx: 3,
  /** A connection error before the answer's end. */
  error: 4,
  /** 2xx with the `shedBody` body. */
  shed: 5,
});

/**
 * @typedef {object} TimelineSecond
 * @property {number} second from the start of the schedule
 * @property {number} ok requests scheduled in that second answered correctly
 * @property {number} p50 latency of those requests, in ms
 * @property {number} max latency of those requests, in ms
 * @property {number} newConnections connections opened for requests scheduled in that second
 */

/**
 * Sends `rate` requests per second for `durationS` seconds, open loop.
 * @param {object} options
 * @param {number} options.port
 * @param {string[]} options.bodies cycled through in order
 * @param {number} options.rate requests per second
 * @param {number} options.durationS
 * @param {string} options.marker a string every correct answer contains
 * @param {number} [options.maxSockets] the most connections the driver may open
 * @param {number} [options.drainTimeoutMs] how long to wait for the last answers
 * @param {number} [options.serverPid] to measure the server's CPU use
 * @param {() => boolean} [options.aborted] checked between sends
 * @param {boolean} [options.perRequest] also return each request's latency and outcome
 * @param {string} [options.shedBody] a 2xx body that is an answer of its own kind (`{}`):
 *   counted with the bad bodies, and as `OUTCOME.shed` per request
 * @param {number} [options.maxFreeSockets] idle connections kept open (Node's default: 256)
 * @param {http.Agent} [options.agent] the connection pool to use (and leave open), e.g. one a
 *   previous run warmed up; by default a new one, destroyed at the end
 * @returns {Promise<OpenLoopResult>}
 */
export async function runOpenLoop({
  port,
  bodies,
  rate,
  durationS,
  marker,
  maxSockets = 512,
  drainTimeoutMs = 30_000,
  serverPid,
  aborted = () => false,
  perRequest = false,
  shedBody,
  maxFreeSockets = 256,
  agent: givenAgent,
}) {
  const buffers = bodies.map((body) => Buffer.from(body));
  const agent =
    givenAgent ??
    new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets, scheduling: 'fifo' });
  const total = Math.max(1, Math.round(rate * durationS));
  const intervalMs = 1000 / rate;
  const latency = new Float64Array(total).fill(NaN);
  const serviceTime = new Float64Array(total).fill(NaN);
  const sendLag = new Float64Array(total).fill(NaN);
  const socketWait = new Float64Array(total).fill(NaN);
  const answerLatency = perRequest ? new Float64Array(total).fill(NaN) : undefined;
  const outcome = perRequest ? new Uint8Array(total) : undefined;
  const answerStatus = perRequest ? new Uint16Array(total) : undefined;
  const newSocket = new Uint8Array(total);
  /** @type {Record<string, number>} */
  const statusCodes = {};
  /** @type {Record<string, number>} */
  const errorCodes = {};
  let sent = 0;
  let ok = 0;
  let non2xx = 0;
  let badBodies = 0;
  let errors = 0;
  let outstanding = 0;
  let peakOutstanding = 0;
  // Set once the results are taken: what happens to the requests left then (reset by
  // the agent's destruction) is not counted.
  let closed = false;
  let socketsOpened = 0;
  let lastAnswerAt = 0;
  const seenSockets = new WeakSet();
  /** @type {(() => void) | undefined} */
  let onIdle;

  // The connections a given agent holds already are not new to this run.
  for (const pool of [agent.freeSockets, agent.sockets]) {
    for (const sockets of Object.values(pool))
      for (const socket of sockets ?? []) seenSockets.add(socket);
  }
  const cpu = cpuMeter(serverPid);
  const start = performance.now() + 20;

  /** @param {number} i */
  const send = (i) => {
    const scheduledAt = start + i * intervalMs;
    const sentAt = performance.now();
    sendLag[i] = sentAt - scheduledAt;
    const body = buffers[i % buffers.length];
    outstanding++;
    if (outstanding > peakOutstanding) peakOutstanding = outstanding;
    sent++;
    let settled = false;
    /** @param {number} code an `OUTCOME` code */
    const settle = (code) => {
      if (settled || closed) return;
      settled = true;
      outstanding--;
      if (outcome) outcome[i] = code;
      if (outstanding === 0) onIdle?.();
    };
    /** @param {Error & { code?: string }} error */
    const failed = (error) => {
      if (settled || closed) return;
      errors++;
      const code = error.code ?? error.message;
      errorCodes[code] = (errorCodes[code] ?? 0) + 1;
      settle(OUTCOME.error);
    };
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/webhook',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
        res.on('end', () => {
          if (settled || closed) return;
          const endAt = performance.now();
          lastAnswerAt = endAt;
          const status = res.statusCode ?? 0;
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          if (answerLatency) answerLatency[i] = endAt - scheduledAt;
          if (answerStatus) answerStatus[i] = status;
          let code = OUTCOME.non2xx;
          if (status >= 200 && status < 300) {
            const text = Buffer.concat(chunks).toString('utf8');
            if (text.includes(marker)) {
              ok++;
              latency[i] = endAt - scheduledAt;
              serviceTime[i] = endAt - sentAt;
              code = OUTCOME.ok;
            } else {
              badBodies++;
              code = text === shedBody ? OUTCOME.shed : OUTCOME.badBody;
            }
          } else {
            non2xx++;
          }
          settle(code);
        });
        res.on('error', failed);
      },
    );
    req.on('socket', (socket) => {
      socketWait[i] = performance.now() - sentAt;
      if (!seenSockets.has(socket)) {
        seenSockets.add(socket);
        socketsOpened++;
        newSocket[i] = 1;
      }
    });
    req.on('error', failed);
    req.end(body);
  };

  // The scheduler: wake up at the next scheduled time and send everything that is due. Timers
  // fire late by up to a millisecond or so; that lateness is part of the measured latency
  // (measured from the schedule) and is reported as the send lag.
  let next = 0;
  while (next < total && !aborted()) {
    const now = performance.now();
    while (next < total && start + next * intervalMs <= now) send(next++);
    if (next < total) await sleep(Math.max(0, start + next * intervalMs - performance.now()));
  }
  const lastSentAt = performance.now();

  if (outstanding > 0) {
    await Promise.race([
      new Promise((resolve) => {
        onIdle = () => resolve(undefined);
      }),
      sleep(drainTimeoutMs),
    ]);
  }
  const unfinished = outstanding;
  closed = true;
  if (!givenAgent) agent.destroy();
  const cpuUse = cpu();

  /** @param {Float64Array} values */
  const measured = (values) => values.filter((value) => !Number.isNaN(value));
  /** @type {TimelineSecond[]} */
  const timeline = [];
  const perSecond = Math.max(1, Math.round(rate));
  for (let first = 0; first < total; first += perSecond) {
    const last = Math.min(total, first + perSecond);
    const summary = summarize(measured(latency.subarray(first, last)));
    timeline.push({
      second: first / perSecond,
      ok: summary.count,
      p50: summary.p50,
      max: summary.max,
      newConnections: newSocket.subarray(first, last).reduce((sum, value) => sum + value, 0),
    });
  }
  return {
    targetRate: rate,
    durationS,
    scheduled: total,
    sent,
    ok,
    non2xx,
    statusCodes,
    badBodies,
    errors,
    errorCodes,
    unfinished,
    sendRate: sent > 1 ? (sent - 1) / ((lastSentAt - start) / 1000) : 0,
    completionRate: lastAnswerAt > start ? ok / ((lastAnswerAt - start) / 1000) : 0,
    latency: summarize(measured(latency)),
    serviceTime: summarize(measured(serviceTime)),
    sendLag: summarize(measured(sendLag)),
    socketWait: summarize(measured(socketWait)),
    socketsOpened,
    peakOutstanding,
    ...cpuUse,
    timeline,
    ...(answerLatency && outcome && answerStatus
      ? {
          perRequest: {
            latency: answerLatency,
            outcome,
            status: answerStatus,
            sendLag,
            socketWait,
          },
        }
      : {}),
  };
}
