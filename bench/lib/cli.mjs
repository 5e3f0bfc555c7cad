import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

// What the benchmark scripts share as command-line programs: settings read from the
// environment, how a failure and the runs' problems are reported, and what the machine is.

/** A setting that cannot be used: reported by its message alone, without a stack. */
export class ConfigError extends Error {}

/**
 * An integer from the environment, checked.
 * @param {string} name
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 * @returns {number}
 */
export function intEnv(name, fallback, min, max) {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

/**
 * A decimal number from the environment, checked.
 * @param {string} name
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 * @returns {number}
 */
export function numberEnv(name, fallback, min, max) {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

/**
 * What to print for an error that stopped a run: a setting's message, or the stack.
 * @param {unknown} error
 * @returns {string}
 */
export function describeFailure(error) {
  if (!(error instanceof Error)) return String(error);
  return error instanceof ConfigError ? error.message : (error.stack ?? error.message);
}

/**
 * Prints the warnings (under `disturbedTitle`) and the failures of a run; failures set the
 * exit status to 1.
 * @param {(line: string) => void} log
 * @param {string} disturbedTitle
 * @param {string[]} warnings
 * @param {string[]} failures
 */
export function reportProblems(log, disturbedTitle, warnings, failures) {
  if (warnings.length) {
    log(`\n${disturbedTitle}`);
    for (const warning of warnings) log(`  - ${warning}`);
  }
  if (failures.length) {
    log('\nFAILED:');
    for (const failure of failures) log(`  - ${failure}`);
    process.exitCode = 1;
  }
}

/**
 * A command's output, or undefined if it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {string} [cwd]
 * @returns {string | undefined}
 */
export function tryRun(command, args, cwd) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/**
 * What every result file says of the machine and the build measured.
 * @param {string} root the checkout (for its git description)
 * @param {string} builtFile a file of the build (its time is the build's)
 */
export function machineInfo(root, builtFile) {
  let distBuiltAt;
  try {
    distBuiltAt = fs.statSync(builtFile).mtime.toISOString();
  } catch {
    distBuiltAt = undefined;
  }
  return {
    date: new Date().toISOString(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    totalMemGiB: os.totalmem() / 1024 ** 3,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    git: tryRun('git', ['describe', '--always', '--dirty', '--abbrev=12'], root),
    distBuiltAt,
    loadBefore: os.loadavg()[0],
  };
}
