import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/**
 * Compiles the service with the process fixture's handlers (`test/fixtures/process-service`)
 * into a folder of its own, with what the service reads at run time next to it, and returns
 * the entry point to start with `node`. The tests that need a real process (its signals, its
 * exit code, its standard output) run this one, started by the same `startService` as
 * `npm start`. Each test file builds into a folder of its own (`folder`), as test files run
 * side by side.
 */
export async function buildProcessService(folder = 'process-e2e'): Promise<string> {
  // Inside the repository, so the built files find `node_modules` as the sources do.
  const outDir = `${root}node_modules/.cache/${folder}`;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await promisify(execFile)(process.execPath, [
    tsc,
    '-p',
    `${root}test/fixtures/process-service/tsconfig.json`,
    '--outDir',
    outDir,
  ]);
  cpSync(`${root}package.json`, `${outDir}/package.json`);
  cpSync(`${root}src/contract/examples`, `${outDir}/src/contract/examples`, { recursive: true });
  return `${outDir}/test/fixtures/process-service/main.js`;
}

export type ServiceProcess = ChildProcessByStdio<null, Readable, Readable>;

/**
 * Starts the built service with `env` over a quiet default environment, with shedding on
 * the event-loop lag off: a machine busy with the rest of the test run would shed calls.
 * `nodeOptions` go to `node` before the entry (`--import`, say).
 */
export function startProcess(
  entry: string,
  env: Record<string, string>,
  options: { cwd?: string; nodeOptions?: string[] } = {},
): ServiceProcess {
  return spawn(process.execPath, [...(options.nodeOptions ?? []), entry], {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      MAX_EVENT_LOOP_LAG_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Everything a stream gives, as text, as it comes. */
export function collect(stream: Readable): { text: () => string } {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  return { text: () => text };
}

/** The JSON lines of `text`; a line that is not JSON fails the test that reads it. */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`a log line is not JSON: ${line.slice(0, 200)}`);
      }
    });
}

/** Resolves with the exit code (or signal) of the process. */
export function exited(child: ServiceProcess): Promise<number | string> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
}

/** Resolves once the service answers its liveness probe. */
export async function ready(port: number, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the service did not start on port ${port}`);
}
