import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CliengoFulfillmentModule } from '../src/cliengo-fulfillment.module.js';
import { ExamplesModule } from '../src/service/examples/examples.module.js';
import { configureApp } from '../src/app.setup.js';
import { loadConfig } from '../src/config/app.config.js';
import { ExpressServerAdapter } from '../src/http/express-server.adapter.js';
import type { CliengoHandler } from '../src/webhook/cliengo-handler.interface.js';
import type { Conversation } from '../src/webhook/conversation.context.js';
import { QuestionHandler } from '../src/webhook/handler.decorator.js';
import {
  type CliIo,
  EXIT,
  exampleFlowFiles,
  examplesDirectory,
  loadFlowFile,
  runCli,
  runFlow,
  runFlowFile,
} from '../src/devkit/simulator/index.js';

const TOKEN = 'e2e-simulator-token-0123456789';

/**
 * The real service, as main.ts builds it, listening on an ephemeral loopback port; shedding
 * on the event loop's state off, as in every test app (see `testConfig`).
 */
async function startService(
  env: Record<string, string> = {},
  handlers: Array<new (...args: never[]) => unknown> = [ExamplesModule],
) {
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', ...env }),
    maxEventLoopLagMs: 0,
  };
  const app = await NestFactory.create<NestExpressApplication>(
    CliengoFulfillmentModule.forRoot({ handlers, settings: config }),
    new ExpressServerAdapter(),
    {
      bodyParser: false,
      logger: false,
    },
  );
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/** CLI streams that keep what is written. */
function io(input: string[] = []): CliIo & { output: () => string; errors: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return {
    stdin: Readable.from(input.map((line) => `${line}\n`)),
    stdout,
    stderr,
    env: {},
    output: () => out,
    errors: () => err,
  };
}

const flowFile = (name: string) => join(examplesDirectory(), name);

describe('the simulator against the running service', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startService());
  });
  afterAll(() => app.close());

  describe.each(['global', 'per-question'] as const)('with %s URLs', (mode) => {
    it.each(exampleFlowFiles().map((file) => [file.slice(examplesDirectory().length), file]))(
      'plays %s as expected',
      async (_name, file) => {
        const result = await runFlowFile(file, { url, mode });

        expect(result.failure?.message).toBeUndefined();
        expect(result.ok).toBe(true);
        expect(result.stepsRun).toBe(result.stepsTotal);
      },
    );
  });

  it('fails a wrong expectation with a clear, diff-like message', async () => {
    const flow = await loadFlowFile(flowFile('member-lookup.flow.json'));
    const step = flow.steps[2];
    if (step.kind !== 'visitor' || !step.expect) throw new Error('the example changed');
    step.expect.memory = { custom: { member_status: 'suspended' } };
    step.expect.bot = [
      '¡Hola Ariel! Tu afiliación al Plan 210 está suspendida.',
      '¿A qué teléfono te llamamos?',
    ];

    const result = await runFlow(flow, { url });

    expect(result.ok).toBe(false);
    expect(result.failure?.step).toBe(3);
    const message = result.failure!.message;
    expect(message).toContain('· step 3 of 4 (visitor: "30.123.456")');
    expect(message).toContain(
      [
        '  bot lines (said in this step):',
        '    - "¡Hola Ariel! Tu afiliación al Plan 210 está suspendida."',
        '    + "¡Hola Ariel! Tu afiliación al Plan 210 está activa."',
        '      "¿A qué teléfono te llamamos?"',
        '  memory custom.member_status:',
        '    - "suspended"',
        '    + "active"',
      ].join('\n'),
    );
    expect(message).toMatch(/webhook: POST http:\/\/127\.0\.0\.1:\d+\/webhook → 200 in \d+ ms/);
  });

  it('runs conversation files from the command line: exit 0, or 1 with the diff', async () => {
    const passing = io();
    expect(await runCli(['--url', url, '--quiet', flowFile('car-models.flow.json')], passing)).toBe(
      EXIT.ok,
    );
    expect(passing.output()).toContain('✓ 1 conversation file(s), 3 steps, all as expected');

    const directory = await mkdtemp(join(tmpdir(), 'sim-e2e-'));
    try {
      const wrong = join(directory, 'wrong.flow.json');
      await writeFile(
        wrong,
        JSON.stringify({
          script: join(examplesDirectory(), 'examples.script.json'),
          startAt: 3,
          steps: [{ visitor: 'sí', expect: { webhook: { options: ['Model 3', 'Model S'] } } }],
        }),
      );
      const failing = io();
      expect(await runCli(['--url', url, wrong], failing)).toBe(EXIT.mismatch);
      expect(failing.output()).toContain(
        '  webhook response.response_options:\n    - ["Model 3","Model S"]\n    + ["Model 3","Model Y"]',
      );
      expect(failing.errors()).toContain('wrong.flow.json: step 1 did not go as expected');
    } finally {
      await rm(directory, { recursive: true });
    }
  });

  it('plays an interactive session from piped input', async () => {
    const session = io([
      'Ariel',
      'ariel@example.com',
      'Sí, contame',
      '2',
      '/memory',
      '30.123.456',
      '/quit',
      'never read',
    ]);

    expect(await runCli(['--url', url, '--per-question'], session)).toBe(EXIT.ok);

    const output = session.output();
    expect(output).toContain('Cliengo simulator → ');
    expect(output).toContain('visitor › Sí, contame');
    expect(output).toMatch(
      /⇄ webhook POST \/webhook\/questions\/3 → 200 in \d+ ms: custom\.userType · 2 texts · LIST \(2 options\) · stopChat · flow → 5/,
    );
    expect(output).toContain(
      'Martín › ¿Qué modelo te interesa?\n         1. Model 3\n         2. Model Y',
    );
    expect(output).toContain('memory ← answer: custom.modelo = "Model Y"');
    expect(output).toContain('    userType: "advanced"');
    expect(output).toContain('Martín › ¡Hola Ariel! Tu afiliación al Plan 210 está activa.');
    expect(output).not.toContain('never read');
    expect(output.trimEnd().endsWith('(bye)')).toBe(true);
  });
});

describe('the simulator against a service that requires an access token', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startService({ ACCESS_TOKENS: TOKEN }));
  });
  afterAll(() => app.close());

  it.each([
    ['the Authorization header', {}],
    ['a query parameter', { tokenIn: 'query' as const, tokenQueryParam: 'token' }],
    ['the path', { tokenIn: 'path' as const }],
  ])('gets through with the token in %s', async (_where, placement) => {
    const result = await runFlowFile(flowFile('car-models.flow.json'), {
      url,
      token: TOKEN,
      ...placement,
    });

    expect(result.failure?.message).toBeUndefined();
  });

  it('shows a refused call clearly and goes on with its own script', async () => {
    const session = io(['Sí']);

    await runCli(['--url', url, '--start', '3'], session);

    const output = session.output();
    expect(output).toMatch(
      /✗ webhook POST \/webhook \(question 3\) → HTTP 401 Unauthorized in \d+ ms/,
    );
    expect(output).toContain('A valid access token is required');
    expect(output).toContain('the chatbot goes on with its own script, as with {}');
    expect(output).toContain('Martín › ¿Qué auto tenés hoy?');
  });
});

const AUTOS_SITE = '5de12d55e4b096a8283b0001';
const MOTOS_SITE = '5de12d55e4b096a8283b0002';

/** Motos answers question 3 its own way; autos gets the examples' shared handler. */
@QuestionHandler(3, { chatbot: 'motos' })
class MotosInterestHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return conversation
      .reply()
      .say(`Tenemos motos para vos (${conversation.chatbot?.name}).`)
      .stopChat();
  }
}

@Module({ providers: [MotosInterestHandler] })
class MotosModule {}

describe('the simulator against a service with two chatbots', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startService(
      {
        ACCESS_TOKENS: TOKEN,
        CHATBOTS: JSON.stringify([
          { name: 'autos', websiteId: AUTOS_SITE },
          { name: 'motos', websiteId: MOTOS_SITE },
        ]),
      },
      [ExamplesModule, MotosModule],
    ));
  });
  afterAll(() => app.close());

  it.each([
    ["the chatbot's URL", { chatbot: 'autos' }],
    [
      "the chatbot's per-question URL, the token in the path",
      {
        chatbot: 'autos',
        mode: 'per-question' as const,
        tokenIn: 'path' as const,
      },
    ],
    ['the global URL, by websiteId', { websiteId: AUTOS_SITE }],
  ])('plays a conversation file as autos on %s', async (_how, target) => {
    const result = await runFlowFile(flowFile('car-models.flow.json'), {
      url,
      token: TOKEN,
      ...target,
    });

    expect(result.failure?.message).toBeUndefined();
    expect(result.ok).toBe(true);
  });

  it("gets {} on the global URL with the simulator's sample websiteId: no chatbot's", async () => {
    const result = await runFlowFile(flowFile('car-models.flow.json'), { url, token: TOKEN });

    expect(result.ok).toBe(false);
    expect(result.failure?.message).toContain('webhook: POST');
    expect(result.failure?.message).toContain('{} (pass-through)');
  });

  it.each([
    [['--chatbot', 'motos', '--token-in-path'], '/token/***/chatbots/motos/webhook (question 3)'],
    [['--website-id', MOTOS_SITE, '--per-question'], '/webhook/questions/3'],
  ])('talks with motos from the command line: %j', async (target, path) => {
    const session = io(['Sí', '/quit']);

    expect(await runCli(['--url', url, '--token', TOKEN, '--start', '3', ...target], session)).toBe(
      EXIT.ok,
    );

    const output = session.output();
    expect(output).toContain(`⇄ webhook POST ${path} → 200`);
    expect(output).toContain('Martín › Tenemos motos para vos (motos).');
  });
});
