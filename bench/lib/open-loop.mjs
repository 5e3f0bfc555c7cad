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
 * @property {number} unfinished requests still unanswered at the drain deadline
 * @property {number} sendRate achieved send rate, requests per second
 * @property {number} completionRate answers per second, from the first scheduled send to the last answer
 * @property {import('./stats.mjs').LatencySummary} latency from scheduled send time to the end of the answer, in ms
 * @property {import('./stats.mjs').LatencySummary} serviceTime from the actual send to the end of the answer, in ms
 * @property {import('./stats.mjs').LatencySummary} sendLag how late the driver sent, in ms
 * @property {number} socketsOpened connections the driver had to open
 * @property {number | undefined} serverCpuPct CPU used by the server process (100 = one core)
 * @property {number} clientCpuPct CPU used by this process (the driver)
 * @property {number | undefined} otherCpuPct CPU used by every other process on the machine
 * @property {TimelineSecond[]} timeline per second of the schedule: how its requests fared
 */

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
}) {
  const buffers = bodies.map((body) => Buffer.from(body));
  const agent = new http.Agent({ keepAlive: true, maxSockets, scheduling: 'fifo' });
  const total = Math.max(1, Math.round(rate * durationS));
  const intervalMs = 1000 / rate;
  const latency = new Float64Array(total).fill(NaN);
  const serviceTime = new Float64Array(total).fill(NaN);
  const sendLag = new Float64Array(total).fill(NaN);
  const newSocket = new Uint8Array(total);
  /** @type {Record<string, number>} */
  const statusCodes = {};
  let sent = 0;
  let ok = 0;
  let non2xx = 0;
  let badBodies = 0;
  let errors = 0;
  let outstanding = 0;
  let socketsOpened = 0;
  let lastAnswerAt = 0;
  const seenSockets = new WeakSet();
  /** @type {(() => void) | undefined} */
  let onIdle;

  const cpu = cpuMeter(serverPid);
  const start = performance.now() + 20;

  /** @param {number} i */
  const send = (i) => {
    const scheduledAt = start + i * intervalMs;
    const sentAt = performance.now();
    sendLag[i] = sentAt - scheduledAt;
    const body = buffers[i % buffers.length];
    outstanding++;
    sent++;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      outstanding--;
      if (outstanding === 0) onIdle?.();
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
          const endAt = performance.now();
          lastAnswerAt = endAt;
          const status = res.statusCode ?? 0;
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
          if (status >= 200 && status < 300) {
            if (Buffer.concat(chunks).toString('utf8').includes(marker)) {
              ok++;
              latency[i] = endAt - scheduledAt;
              serviceTime[i] = endAt - sentAt;
            } else {
              badBodies++;
            }
          } else {
            non2xx++;
          }
          settle();
        });
        res.on('error', () => {
          errors++;
          settle();
        });
      },
    );
    req.on('socket', (socket) => {
      if (!seenSockets.has(socket)) {
        seenSockets.add(socket);
        socketsOpened++;
        newSocket[i] = 1;
      }
    });
    req.on('error', () => {
      errors++;
      settle();
    });
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
  agent.destroy();
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
    unfinished,
    sendRate: sent > 1 ? (sent - 1) / ((lastSentAt - start) / 1000) : 0,
    completionRate: lastAnswerAt > start ? ok / ((lastAnswerAt - start) / 1000) : 0,
    latency: summarize(measured(latency)),
    serviceTime: summarize(measured(serviceTime)),
    sendLag: summarize(measured(sendLag)),
    socketsOpened,
    ...cpuUse,
    timeline,
  };
}
