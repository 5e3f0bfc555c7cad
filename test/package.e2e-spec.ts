import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, exited, jsonLines, ready, type ServiceProcess } from './support/built-service.js';
import { freePort } from './support/free-port.js';

/**
 * The package as a user gets it: built into a staging folder (this repository's own dist/
 * is left alone), packed with `npm pack`, installed from the tarball into a fresh NestJS app
 * outside this repository, compiled there against the installed declarations, and run: the
 * one-call `startService`, an app module of its own with `CliengoFulfillmentModule.forRoot`,
 * a handler test on the packaged test kit, and the `cliengo-simulate` binary.
 * The app's sources are in `test/fixtures/package-app`.
 */

const root = fileURLToPath(new URL('../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const tsLib = resolve(dirname(tsc), '../lib');
const fixture = join(root, 'test/fixtures/package-app');
const manifest = readJson<Manifest>(join(root, 'package.json'));
const documentedRequest = readJson(join(root, 'src/contract/examples/documented-request.json'));

interface Manifest {
  name: string;
  version: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

// ---------------------------------------------------------------------------------------
// Commands, with what they printed in the message of any failure.

interface RunResult {
  command: string;
  cwd: string;
  code: number | string;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const finish = (code: number | string) => {
      clearTimeout(timer);
      done({
        command: [command, ...args].join(' '),
        cwd: options.cwd,
        code: timedOut ? `killed after ${options.timeoutMs} ms` : code,
        stdout: stdout.text(),
        stderr: stderr.text(),
      });
    };
    child.once('error', (error) => finish(`not started: ${error.message}`));
    child.once('close', (code, signal) => finish(code ?? signal ?? 'unknown'));
  });
}

function tail(text: string, max = 6_000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

function describeRun(result: RunResult): string {
  return [
    `\`${result.command}\` (in ${result.cwd}) ended with ${result.code}`,
    `--- stdout\n${tail(result.stdout) || '(nothing)'}`,
    `--- stderr\n${tail(result.stderr) || '(nothing)'}`,
  ].join('\n');
}

/** Fails with the command's output unless it exited 0. */
function expectSuccess(result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(describeRun(result));
  return result;
}

/**
 * The environment for npm: this one without what `npm test` sets for its own run (the
 * package, the script, this repository as the prefix), and with devDependencies installed
 * whatever NODE_ENV says.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(?!config_)/i.test(key)) continue;
    if (/^npm_config_(local_prefix|call|argv|user_agent)$/i.test(key)) continue;
    if (key === 'INIT_CWD' || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: 'false' };
}

/** A quiet environment for the app's own processes. */
function appEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...env };
}

// ---------------------------------------------------------------------------------------
// The build, as `nest build` makes it, in a staging folder.

/** `contract/examples/*.json` → a RegExp on paths relative to the source root. */
function globRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      source += '.*';
      index += 1;
    } else if (glob[index] === '*') source += '[^/]*';
    else if (glob[index] === '?') source += '[^/]';
    else source += glob[index].replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Copies the assets nest-cli.json lists (what `nest build` copies) into `outDir`. */
function copyAssets(outDir: string): string[] {
  const nestCli = readJson<{
    sourceRoot: string;
    compilerOptions: { assets?: Array<string | { include: string; exclude?: string }> };
  }>(join(root, 'nest-cli.json'));
  const sourceRoot = join(root, nestCli.sourceRoot);
  const files = (readdirSync(sourceRoot, { recursive: true }) as string[])
    .map((file) => file.split(sep).join('/'))
    .filter((file) => statSync(join(sourceRoot, file)).isFile());
  const copied: string[] = [];
  for (const asset of nestCli.compilerOptions.assets ?? []) {
    const { include, exclude } = typeof asset === 'string' ? { include: asset } : asset;
    const included = globRegExp(include);
    const excluded = exclude === undefined ? undefined : globRegExp(exclude);
    for (const file of files) {
      if (!included.test(file) || excluded?.test(file)) continue;
      mkdirSync(dirname(join(outDir, file)), { recursive: true });
      cpSync(join(sourceRoot, file), join(outDir, file));
      copied.push(file);
    }
  }
  return copied;
}

// ---------------------------------------------------------------------------------------
// The modules of the installed package: what they import.

/** The specifiers of a compiled module's static imports and re-exports. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const pattern = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"]([^'"\s]+)['"]/gm;
  return [...text.matchAll(pattern)].map((match) => match[1]);
}

/** `@nestjs/common/x.js` → `@nestjs/common`; `pino` → `pino`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The packages a module needs loaded, with the modules of its own it imports, and so on. */
function packagesReachedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else if (!isBuiltin(specifier)) packages.add(packageOf(specifier));
    }
  }
  return packages;
}

function entryFile(target: string | Record<string, string>): string {
  return typeof target === 'string' ? target : target.default;
}

// ---------------------------------------------------------------------------------------

/** What the app's greeting handler answers to the documented request (lead: "ariel"). */
const GREETING_REPLY = {
  custom: { saludado: true },
  response: { text: ['Hola ariel, te saluda la heladería'], flow: 4 },
};
const ORDER_QUESTION = 40;
const ORDER_STATE = 'dialog:ice-cream';

let work: string;
let stage: string;
let app: string;
let tarball: string;
let entries: string[];
const running: ServiceProcess[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cliengo-package-'));
  stage = join(work, 'stage');
  app = join(work, 'app');

  // The build nest build makes (the compiled sources, then the assets), in the staging folder.
  expectSuccess(
    await run(
      process.execPath,
      [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')],
      { cwd: root, env: appEnv(), timeoutMs: 120_000 },
    ),
  );
  copyAssets(join(stage, 'dist'));
  for (const name of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'openapi',
    'schemas',
  ]) {
    if (existsSync(join(root, name))) {
      cpSync(join(root, name), join(stage, name), { recursive: true });
    }
  }
  const packed = expectSuccess(
    await run('npm', ['pack', '--pack-destination', work, '--json', '--ignore-scripts'], {
      cwd: stage,
      env: npmEnv(),
      timeoutMs: 60_000,
    }),
  );
  tarball = join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
  entries = expectSuccess(
    await run('tar', ['-tzf', tarball], { cwd: work, env: appEnv(), timeoutMs: 30_000 }),
  )
    .stdout.split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'));

  // A new app: the tarball, the peers at the versions this repository runs with.
  mkdirSync(join(app, 'src'), { recursive: true });
  for (const file of readdirSync(fixture)) {
    cpSync(join(fixture, file), join(app, file.endsWith('.ts') ? 'src' : '', file));
  }
  const installed = (name: string) =>
    readJson<{ version: string }>(join(root, 'node_modules', name, 'package.json')).version;
  const peers = Object.keys(manifest.peerDependencies ?? {});
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify(
      {
        name: 'ice-cream-bot',
        version: '1.0.0',
        private: true,
        type: 'module',
        dependencies: {
          [manifest.name]: `file:${tarball}`,
          ...Object.fromEntries(peers.map((name) => [name, installed(name)])),
        },
        devDependencies: { '@types/node': installed('@types/node') },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          rootDir: 'src',
          outDir: 'dist',
          strict: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  expectSuccess(
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--include=dev',
      ],
      { cwd: app, env: npmEnv(), timeoutMs: 240_000 },
    ),
  );
  // The repository's compiler, the app's node_modules: cliengo-fulfillment as installed.
  expectSuccess(
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: app,
      env: appEnv(),
      timeoutMs: 60_000,
    }),
  );
}, 400_000);

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Starts one of the app's compiled entries, with `env` over a quiet environment. */
function startApp(entry: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [entry], {
    cwd: app,
    env: appEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return child;
}

async function postWebhook(port: number, body: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The documented request, sent to the dialog's question by a visitor who says "sí". */
const orderRequest = () => ({
  ...documentedRequest,
  conversationId: 'ice-cream-order-1',
  flow: { last_question_id: ORDER_QUESTION, retry_count: 0 },
  chat_log: [
    { sender: 'chatbot', text: '¿Querés pedir helado?' },
    { sender: 'visitor', text: 'sí' },
  ],
});

/** Waits for the service, with its output in the message if it never answers. */
async function readyOrOutput(
  port: number,
  child: ServiceProcess,
  output: { stdout: { text: () => string }; stderr: { text: () => string } },
) {
  try {
    await ready(port, 30_000);
  } catch (error) {
    throw new Error(
      `${(error as Error).message} (exit: ${child.exitCode ?? 'still running'})\n--- stdout\n${tail(output.stdout.text())}\n--- stderr\n${tail(output.stderr.text())}`,
      { cause: error },
    );
  }
}

describe('the package, installed from its tarball in an app of its own', () => {
  it('is built and installed outside this repository', () => {
    expect(relative(root, work).startsWith('..')).toBe(true);
    // The staging build has the bundled service: the package's "files" leave it out.
    expect(existsSync(join(stage, 'dist/service/main.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', manifest.name, 'package.json'))).toBe(true);
  });

  it('holds what an app needs: the entries, their declarations, the binary, the runtime assets', () => {
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    const needed = [
      'package/package.json',
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/dist/devkit/testing/index.js',
      'package/dist/devkit/testing/index.d.ts',
      'package/dist/devkit/simulator/index.js',
      'package/dist/devkit/simulator/index.d.ts',
      'package/dist/devkit/simulator/cli.js',
      // Read at run time: the OpenAPI examples, and the simulator's default chatbot script.
      'package/dist/contract/examples/documented-request.json',
      'package/dist/contract/examples/documented-response.json',
      'package/dist/devkit/flows/examples.script.json',
      // For editors: the schemas of conversation files and scripts (the examples name them).
      'package/schemas/flow.schema.json',
      'package/schemas/script.schema.json',
      ...targets.map((target) => join('package', target)),
      ...Object.values(manifest.bin).map((target) => join('package', target)),
    ];
    expect(needed.filter((entry) => !entries.includes(entry))).toEqual([]);
  });

  it('holds the schemas the example conversation files and script name, where they name them', () => {
    const installed = join(app, 'node_modules', manifest.name);
    const flows = join(installed, 'dist/devkit/flows');
    const named = readdirSync(flows)
      .filter((file) => file.endsWith('.json'))
      .map((file) => readJson<{ $schema: string }>(join(flows, file)).$schema)
      .map((schema) => relative(installed, resolve(flows, schema)));
    expect([...new Set(named)].sort()).toEqual([
      join('schemas', 'flow.schema.json'),
      join('schemas', 'script.schema.json'),
    ]);
    for (const file of new Set(named)) expect(existsSync(join(installed, file))).toBe(true);
  });

  it('holds nothing else: no sources, tests, benchmarks, bundled service, specs, corpora or fixtures', () => {
    const unwanted = [
      /^package\/(src|test|bench|deploy|coverage|node_modules)\//,
      /^package\/dist\/service\//,
      /\.spec\./,
      /\.e2e-spec\./,
      /\.corpus\./,
      /(^|\/)fixtures?\//,
      /\.tsbuildinfo$/,
      /(^|\/)\.env/,
    ];
    expect(entries.filter((entry) => unwanted.some((pattern) => pattern.test(entry)))).toEqual([]);
  });

  it('declares every package its modules import, and keeps the optional peer to the test kit', () => {
    const installed = join(app, 'node_modules', manifest.name);
    const declared = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const modules = (readdirSync(join(installed, 'dist'), { recursive: true }) as string[]).filter(
      (file) => file.endsWith('.js'),
    );
    expect(modules.length).toBeGreaterThan(50);
    const undeclared = modules.flatMap((file) =>
      staticImports(join(installed, 'dist', file))
        .filter((specifier) => !specifier.startsWith('.') && !isBuiltin(specifier))
        .filter((specifier) => !declared.has(packageOf(specifier)))
        .map((specifier) => `dist/${file} imports ${specifier}`),
    );
    expect(undeclared).toEqual([]);

    const optional = Object.entries(manifest.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta.optional)
      .map(([name]) => name);
    expect(optional).toContain('@nestjs/testing');
    const reached = (target: string) => [...packagesReachedFrom(join(installed, target))];
    for (const entry of ['.', './simulator']) {
      expect({ entry, packages: reached(entryFile(manifest.exports[entry])) }).toEqual({
        entry,
        packages: expect.not.arrayContaining(optional),
      });
    }
    expect(reached(manifest.bin['cliengo-simulate'])).toEqual(expect.not.arrayContaining(optional));
    expect(reached(entryFile(manifest.exports['./testing']))).toContain('@nestjs/testing');
  });

  it('type-checks the app against the installed declarations, and those declarations in full', async () => {
    // The compile in beforeAll emitted; this one also checks the package's .d.ts files.
    const result = await run(
      process.execPath,
      [tsc, '-p', 'tsconfig.json', '--noEmit', '--skipLibCheck', 'false', '--listFiles'],
      { cwd: app, env: appEnv(), timeoutMs: 60_000 },
    );
    const lines = result.stdout.split('\n');
    const files = lines.filter((line) => line.startsWith(`${app}${sep}`) || line.startsWith(tsLib));
    const installed = join(app, 'node_modules', manifest.name, 'dist');
    expect(files).toEqual(
      expect.arrayContaining([
        join(installed, 'index.d.ts'),
        join(installed, 'devkit/testing/index.d.ts'),
      ]),
    );
    // Nothing of this repository but the compiler's own lib files.
    const fromRepository = lines.filter(
      (line) => line.startsWith(root) && !line.startsWith(`${tsLib}${sep}`),
    );
    expect(fromRepository).toEqual([]);
    // The one complaint allowed is the one @nestjs/platform-express itself gives an app
    // without @types/express.
    const errors = lines.filter((line) => /\berror TS\d+/.test(line));
    const unexpected = errors.filter(
      (line) =>
        !/error TS7016: Could not find a declaration file for module 'express'\./.test(line),
    );
    if (unexpected.length > 0) throw new Error(describeRun(result));
  }, 60_000);

  it('boots with startService, answers the documented request and opens the dialog; SIGTERM stops it cleanly', async () => {
    const port = await freePort();
    const child = startApp('dist/main.js', {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MAX_EVENT_LOOP_LAG_MS: '0',
      SHUTDOWN_DRAIN_MS: '0',
    });
    const output = { stdout: collect(child.stdout), stderr: collect(child.stderr) };
    await readyOrOutput(port, child, output);

    // The version is the installed package's (read next to its dist/), not the app's 1.0.0.
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(await live.json()).toMatchObject({ status: 'ok', version: manifest.version });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain(
      `cliengo_build_info{version="${manifest.version}",node="${process.version}"} 1`,
    );

    expect(await postWebhook(port, documentedRequest)).toEqual({
      status: 200,
      body: GREETING_REPLY,
    });
    const opened = await postWebhook(port, orderRequest());
    expect(opened).toMatchObject({
      status: 200,
      body: {
        response: { text: ['¿Qué gusto querés?'], response_type: 'TEXT', stopChat: true },
        custom: { [ORDER_STATE]: { v: 1, step: 'flavour' } },
      },
    });

    // The packaged simulator plays the whole dialog against it, as Cliengo would.
    expectSuccess(
      await run(
        join(app, 'node_modules/.bin/cliengo-simulate'),
        ['--url', `http://127.0.0.1:${port}`, '--quiet', '--no-color', 'ice-cream.flow.json'],
        { cwd: app, env: appEnv(), timeoutMs: 30_000 },
      ),
    );

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(output.stderr.text()).toBe('');
    const lines = jsonLines(output.stdout.text());
    expect(lines.filter((line) => line.level === 'error' || line.level === 'fatal')).toEqual([]);
  }, 60_000);

  it('boots the long way: its own AppModule with CliengoFulfillmentModule.forRoot and configureApp', async () => {
    const port = await freePort();
    const child = startApp('dist/nest-app.js', { PORT: String(port) });
    const output = { stdout: collect(child.stdout), stderr: collect(child.stderr) };
    await readyOrOutput(port, child, output);

    expect(await postWebhook(port, documentedRequest)).toEqual({
      status: 200,
      body: GREETING_REPLY,
    });
    expect(await postWebhook(port, orderRequest())).toMatchObject({
      status: 200,
      body: { response: { text: ['¿Qué gusto querés?'], stopChat: true } },
    });

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(output.stderr.text()).toBe('');
    // Its settings reached the service: JSON logs at warn, so nothing below it.
    const lines = jsonLines(output.stdout.text());
    expect(lines.every((line) => line.level === 'warn')).toBe(true);
  }, 60_000);

  it('runs a handler test and a dialog conversation on the packaged test kit', async () => {
    const result = expectSuccess(
      await run(process.execPath, ['dist/handler-test.js'], {
        cwd: app,
        env: appEnv(),
        timeoutMs: 60_000,
      }),
    );
    expect(result.stdout).toContain('handler tests passed');
  }, 60_000);

  it('installs the cliengo-simulate binary', async () => {
    const result = expectSuccess(
      await run(join(app, 'node_modules/.bin/cliengo-simulate'), ['--help'], {
        cwd: app,
        env: appEnv(),
        timeoutMs: 30_000,
      }),
    );
    expect(result.stdout).toMatch(/^Plays Cliengo against a running webhook service\./);
    expect(result.stdout).toContain('Usage:');
    expect(result.stdout).toContain('--examples');
  }, 30_000);
});
