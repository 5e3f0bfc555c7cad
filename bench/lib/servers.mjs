// Starting, probing, measuring and stopping the servers under test, each a child process on
// its own free loopback port. Every child is registered so that it is killed on exit, on
// SIGINT/SIGTERM and on errors, whatever happens to the benchmark.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @typedef {object} ServerSpec
 * @property {'a' | 'b' | 'c'} key
 * @property {string} name
 * @property {string} description
 * @property {string} script the entry point, run with `node`
 * @property {string} cwd
 * @property {Record<string, string>} env extra environment (PORT and HOST are added)
 * @property {string} logPath where the child's stdout and stderr go
 */

/**
 * @typedef {object} RunningServer
 * @property {ServerSpec} spec
 * @property {number} port
 * @property {import('node:child_process').ChildProcess} child
 * @property {{ code: number | null, signal: NodeJS.Signals | null } | null} exited
 */

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/** Kills every child still running, synchronously (for `process.on('exit')`). */
export function killAllSync() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * A port that is free on 127.0.0.1 right now (the OS picks it).
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * One POST of a JSON body, on a fresh connection or over `agent`.
 * @param {number} port
 * @param {string} path
 * @param {string | Buffer} body
 * @param {number} timeoutMs
 * @param {http.Agent | false} [agent]
 * @returns {Promise<{ status: number, body: string }>}
 */
export function postJson(port, path, body, timeoutMs, agent = false) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: timeoutMs,
      },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The last lines of a log file, to show why a server failed.
 * @param {string} path
 * @param {number} [lines]
 * @returns {string}
 */
export function logTail(path, lines = 20) {
  try {
    return fs.readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts a server and waits until it answers the readiness probe: a POST of a valid request
 * answered 200 with a body containing `marker`.
 * @param {ServerSpec} spec
 * @param {{ probeBody: string, marker: string, timeoutMs: number }} probe
 * @returns {Promise<RunningServer>}
 */
export async function startServer(spec, probe) {
  const port = await freePort();
  const log = fs.openSync(spec.logPath, 'w');
  const child = spawn(process.execPath, [spec.script], {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  children.add(child);
  /** @type {RunningServer} */
  const server = { spec, port, child, exited: null };
  child.on('exit', (code, signal) => {
    server.exited = { code, signal };
  });
  child.on('error', (error) => {
    server.exited = { code: null, signal: null };
    fs.appendFileSync(spec.logPath, `\n[bench] spawn error: ${error.message}\n`);
  });

  const deadline = Date.now() + probe.timeoutMs;
  let lastProblem = 'not probed yet';
  while (Date.now() < deadline) {
    if (server.exited) {
      throw new Error(
        `${spec.name} exited during startup (code ${server.exited.code}, signal ${server.exited.signal}); log ${spec.logPath}:\n${logTail(spec.logPath)}`,
      );
    }
    try {
      const answer = await postJson(port, '/webhook', probe.probeBody, 2_000);
      if (answer.status === 200 && answer.body.includes(probe.marker)) return server;
      // The server is up but answers wrongly: waiting will not fix it.
      throw new ProbeRejected(
        `${spec.name} answered the readiness probe ${answer.status}: ${answer.body.slice(0, 500)}`,
      );
    } catch (error) {
      if (error instanceof ProbeRejected) {
        await stopServer(server);
        throw error;
      }
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  await stopServer(server);
  throw new Error(
    `${spec.name} did not become ready within ${probe.timeoutMs} ms (last: ${lastProblem}); log ${spec.logPath}:\n${logTail(spec.logPath)}`,
  );
}

class ProbeRejected extends Error {}

/**
 * Stops a server: SIGTERM, then SIGKILL if it has not exited after `graceMs`.
 * @param {RunningServer} server
 * @param {number} [graceMs]
 * @returns {Promise<void>}
 */
export async function stopServer(server, graceMs = 5_000) {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(graceMs, false)]);
    if (!killed) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  children.delete(child);
}

let clockTicks = 0;

/** @returns {number} clock ticks per second, for /proc/<pid>/stat */
function ticksPerSecond() {
  if (!clockTicks) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/**
 * CPU time (user + system, all threads) a process has used so far, in seconds, from
 * /proc/<pid>/stat; undefined where /proc is not available.
 * @param {number | undefined} pid
 * @returns {number | undefined}
 */
export function processCpuSeconds(pid) {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/**
 * Resident memory of a process now and at its peak, in MiB, from /proc/<pid>/status.
 * @param {number | undefined} pid
 * @returns {{ rssMiB: number, peakRssMiB: number } | undefined}
 */
export function processMemory(pid) {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    /** @param {string} field */
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * CPU time the whole machine has spent busy (all cores, all processes) so far, in seconds,
 * from /proc/stat; undefined where /proc is not available.
 * @returns {number | undefined}
 */
export function machineBusySeconds() {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (user + nice + system + irq + softirq + steal) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/**
 * Measures CPU use over an interval: the server process, this process and everything else
 * on the machine (other people's builds and tests on a shared machine), each as a
 * percentage of one core.
 * @param {number | undefined} serverPid
 * @returns {() => { serverCpuPct: number | undefined, clientCpuPct: number, otherCpuPct: number | undefined }}
 */
export function cpuMeter(serverPid) {
  const wallStart = performance.now();
  const serverStart = processCpuSeconds(serverPid);
  const clientStart = process.cpuUsage();
  const machineStart = machineBusySeconds();
  return () => {
    const wallS = (performance.now() - wallStart) / 1000;
    const serverEnd = processCpuSeconds(serverPid);
    const client = process.cpuUsage(clientStart);
    const machineEnd = machineBusySeconds();
    const serverS =
      serverStart === undefined || serverEnd === undefined ? undefined : serverEnd - serverStart;
    const clientS = (client.user + client.system) / 1e6;
    const otherS =
      machineStart === undefined || machineEnd === undefined || serverS === undefined
        ? undefined
        : Math.max(0, machineEnd - machineStart - serverS - clientS);
    return {
      serverCpuPct: serverS === undefined ? undefined : (serverS / wallS) * 100,
      clientCpuPct: (clientS / wallS) * 100,
      otherCpuPct: otherS === undefined ? undefined : (otherS / wallS) * 100,
    };
  };
}
