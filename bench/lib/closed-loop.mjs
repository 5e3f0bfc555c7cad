// Closed-loop throughput runs with autocannon: N connections, each sending its next request
// as soon as the previous answer arrives. Latencies are taken from autocannon's per-response
// events (float milliseconds) rather than its integer-millisecond histogram, and every answer
// is checked: status 2xx and a body carrying the expected LIST reply.

import autocannon from 'autocannon';
import { LatencyRecorder } from './stats.mjs';
import { cpuMeter } from './servers.mjs';

/**
 * @typedef {object} ClosedLoopResult
 * @property {number} durationS measured duration, in seconds
 * @property {number} ok2xx responses with a 2xx status
 * @property {number} non2xx responses with another status
 * @property {Record<string, number>} statusCodes count per status code
 * @property {number} errors connection errors and timeouts
 * @property {number} timeouts
 * @property {number} badBodies responses whose body lacks the expected reply
 * @property {number} rps 2xx responses per second
 * @property {LatencyRecorder} latencies every 2xx latency, in ms
 * @property {number | undefined} serverCpuPct CPU used by the server process (100 = one core)
 * @property {number} clientCpuPct CPU used by this process (autocannon), 100 = one core
 * @property {number | undefined} otherCpuPct CPU used by every other process on the machine
 */

/**
 * The part of autocannon's result this module reads.
 * @typedef {{
 *   duration: number,
 *   '2xx': number,
 *   non2xx: number,
 *   errors: number,
 *   timeouts: number,
 *   statusCodeStats?: Record<string, { count: number }>,
 * }} AutocannonResult
 */

/**
 * One autocannon run against POST /webhook.
 * @param {object} options
 * @param {number} options.port
 * @param {string[]} options.bodies the request bodies, cycled through by each connection
 * @param {number} options.connections
 * @param {number} options.durationS
 * @param {string} options.marker a string every correct answer contains
 * @param {number} [options.serverPid] to measure the server's CPU use
 * @param {(instance: { stop: () => void }) => void} [options.onStart] gets the running instance
 * @returns {Promise<ClosedLoopResult>}
 */
export function runClosedLoop({
  port,
  bodies,
  connections,
  durationS,
  marker,
  serverPid,
  onStart,
}) {
  const latencies = new LatencyRecorder();
  let badBodies = 0;
  const cpu = cpuMeter(serverPid);

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/webhook`,
        connections,
        duration: durationS,
        timeout: 10,
        requests: bodies.map((body) => ({
          method: 'POST',
          path: '/webhook',
          headers: { 'content-type': 'application/json' },
          body,
        })),
        /** @param {string} body */
        verifyBody: (body) => {
          const good = body.includes(marker);
          if (!good) badBodies++;
          return good;
        },
      },
      /**
       * @param {Error | null} error
       * @param {AutocannonResult} result
       */
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const cpuUse = cpu();
        /** @type {Record<string, number>} */
        const statusCodes = {};
        for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
          statusCodes[code] = stats.count;
        }
        resolve({
          durationS: result.duration,
          ok2xx: result['2xx'],
          non2xx: result.non2xx,
          statusCodes,
          errors: result.errors,
          timeouts: result.timeouts,
          badBodies,
          rps: result['2xx'] / result.duration,
          latencies,
          ...cpuUse,
        });
      },
    );
    instance.on(
      'response',
      /**
       * @param {unknown} _client
       * @param {number} statusCode
       * @param {number} _bytes
       * @param {number} responseTime in ms
       */
      (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.record(responseTime);
      },
    );
    onStart?.(instance);
  });
}
