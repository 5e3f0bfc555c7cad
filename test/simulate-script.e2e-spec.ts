import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { collect } from './support/built-service.js';
import { createTestApp } from './support/test-app.js';

/**
 * `npm run simulate`, the simulator of the edit-test loop: run from its TypeScript sources
 * (no build), so it starts at once and leaves `dist/`, where a running `npm start` service
 * lives, alone. The command is the one package.json's "simulate" script gives.
 */

const root = fileURLToPath(new URL('../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const [command, ...scriptArgs] = manifest.scripts.simulate.split(' ');

function simulate(args: string[]) {
  const child = spawn(process.execPath, [...scriptArgs, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout: stdout.text(), stderr: stderr.text() })),
  );
}

/** dist/'s own entry, or nothing: what a build would replace. */
const distStamp = () => statSync(join(root, 'dist'), { throwIfNoEntry: false })?.mtimeMs;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }),
  );
}

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'simulate-script-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('npm run simulate', () => {
  it('runs the simulator from its sources, with no build step', () => {
    expect(command).toBe('node');
    expect(scriptArgs).toContain('src/devkit/simulator/cli.ts');
    expect(manifest.scripts.simulate).not.toMatch(/build/);
  });

  it('plays a conversation file against a running service and leaves dist/ alone', async () => {
    const app: NestExpressApplication = await createTestApp();
    await app.listen(0, '127.0.0.1');
    try {
      const before = distStamp();
      const result = await simulate([
        '--url',
        await app.getUrl(),
        '--quiet',
        'src/devkit/flows/car-quote.flow.json',
      ]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('✓ 1 conversation file(s), 8 steps, all as expected');
      expect(distStamp()).toBe(before);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('still checks replies against the response contract when run from the sources', async () => {
    // A reply a strict writer would never send: an empty text, a LIST without options.
    const server = createServer((_request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ response: { text: [''], response_type: 'LIST' } }));
    });
    const url = await listen(server);
    try {
      const file = join(directory, 'broken-reply.flow.json');
      writeFileSync(
        file,
        JSON.stringify({
          script: { questions: [{ id: 1, text: '¿Hola?' }] },
          steps: [{ visitor: 'hola' }],
        }),
      );
      const result = await simulate(['--url', url, '--quiet', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('webhook reply breaks the response contract');
      expect(result.stderr).toContain('response.text');
      expect(result.stderr).toContain('response.response_type');
    } finally {
      server.close();
    }
  }, 60_000);
});
