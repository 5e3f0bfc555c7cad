import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the example scripts and conversation files: `src/devkit/flows`. Found
 * beside this module (when the build copies it) or in the source tree (the compiled
 * `dist/devkit/simulator` sits as deep as `src/devkit/simulator`).
 */
export function examplesDirectory(): string {
  const candidates = [
    fileURLToPath(new URL('../flows/', import.meta.url)),
    fileURLToPath(new URL('../../../src/devkit/flows/', import.meta.url)),
  ];
  const found = candidates.find((candidate) => existsSync(join(candidate, DEFAULT_SCRIPT)));
  if (!found) {
    throw new Error(`the example flows are not found (looked in ${candidates.join(' and ')})`);
  }
  return found;
}

/** The script of the example chatbot, used when no script is given. */
export const DEFAULT_SCRIPT = 'examples.script.json';

/** The example conversation files (`*.flow.json`), sorted. */
export function exampleFlowFiles(): string[] {
  const directory = examplesDirectory();
  return readdirSync(directory)
    .filter((file) => /\.flow\.(json|ya?ml)$/.test(file))
    .sort()
    .map((file) => join(directory, file));
}
