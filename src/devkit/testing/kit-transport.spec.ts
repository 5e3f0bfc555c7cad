import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ExamplesModule } from '../../service/examples/examples.module.js';
import { type CliengoHandler, type Conversation, QuestionHandler } from '../../webhook/index.js';
import { exampleFlowFiles } from '../simulator/example-flows.js';
import { parseFlow } from '../simulator/flow-file.js';
import { runFlow } from '../simulator/runner.js';
import {
  dispatchedOf,
  expectReply,
  HandlerTestKit,
  KitTransport,
  webhookRequest,
} from './index.js';

/** Says which URL style reached it: the question in the path, or the one in the flow. */
@QuestionHandler(40)
class EchoHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return conversation
      .reply()
      .setCustom('seen', conversation.visitorMessage ?? '')
      .say(`pregunta ${conversation.questionId}`);
  }
}

describe('KitTransport', () => {
  let kit: HandlerTestKit;
  beforeAll(async () => {
    kit = await HandlerTestKit.create({ providers: [EchoHandler] });
  });
  afterAll(() => kit.close());

  it('answers 200 with the reply as it goes on the wire, and keeps the dispatch', async () => {
    const transport = kit.transport();
    const request = webhookRequest().question(40).visitorSays('hola').build();
    const exchange = await transport.post(request, undefined);

    expect(exchange).toMatchObject({
      path: '/webhook',
      status: 200,
      body: { custom: { seen: 'hola' }, response: { text: ['pregunta 40'] } },
    });
    expect(exchange.failure).toBeUndefined();
    expectReply(dispatchedOf(exchange)!).toHaveOutcome('replied').toSay('pregunta 40');
    expect(exchange.durationMs).toBe(exchange.dispatched?.durationMs);
    expect(transport.exchanges).toEqual([exchange]);
    expect(transport.lastDispatched).toBe(exchange.dispatched);
  });

  it('routes like the global URL by the flow, like a per-question URL by its question', async () => {
    const request = webhookRequest().question(41).visitorSays('hola').build();

    const global = await kit.transport('global').post(request, undefined);
    expect(global.dispatched).toMatchObject({ questionId: 41, handler: null });

    const perQuestion = await kit.transport('per-question').post(request, 40);
    expect(perQuestion).toMatchObject({ path: '/webhook/questions/40', status: 200 });
    expect(perQuestion.dispatched).toMatchObject({ questionId: 40, handler: 'EchoHandler' });
  });

  it('follows a mode only when none was given to it', () => {
    const free = kit.transport();
    const perQuestion = free.forMode('per-question');
    expect(perQuestion.mode).toBe('per-question');
    expect(free.forMode('global')).toBe(free);

    const bound = kit.transport('global');
    expect(bound.forMode('per-question')).toBe(bound);
  });

  it('keeps the calls of the transports it made for another mode', async () => {
    const free = new KitTransport(kit);
    const request = webhookRequest().question(40).visitorSays('hola').build();
    await free.forMode('per-question').post(request, 40);

    expect(free.exchanges.map((exchange) => exchange.path)).toEqual(['/webhook/questions/40']);
  });

  it("plays a conversation file in the file's mode, unless the transport has one", async () => {
    const flow = await parseFlow(
      {
        name: 'per-question only',
        mode: 'per-question',
        script: {
          questions: [
            { id: 40, text: '¿Hola?' },
            { id: 42, text: 'Sin URL', webhook: false },
          ],
        },
        steps: [
          {
            visitor: 'uno',
            expect: { webhook: { called: true }, bot: ['pregunta 40', 'Sin URL'] },
          },
          { visitor: 'dos', expect: { webhook: { called: false }, ended: true } },
        ],
      },
      'per-question.flow.json',
    );

    const followed = await runFlow(flow, { transport: kit.transport() });
    expect(followed.failure?.message).toBeUndefined();
    expect(await kit.playFlow(flow)).toMatchObject({ ok: true, stepsRun: 2 });

    const bound = await runFlow(flow, { transport: kit.transport('global') });
    expect(bound.ok).toBe(false);
    expect(bound.failure?.message).toContain(
      '  webhook called:\n    - false\n    + true (/webhook)',
    );
  });
});

describe('conversation files in-process, with the example handlers', () => {
  let kit: HandlerTestKit;
  beforeAll(async () => {
    kit = await HandlerTestKit.create({ imports: [ExamplesModule] });
  });
  afterAll(() => kit.close());

  const files = exampleFlowFiles();

  it('finds the example conversation files', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const mode of ['global', 'per-question'] as const) {
    it.each(files.map((file) => [basename(file), file]))(
      `plays %s (${mode})`,
      async (_name, file) => {
        const result = await kit.playFlowFile(file, { mode });
        expect(result.failure?.message).toBeUndefined();
        expect(result.ok).toBe(true);
        expect(result.stepsRun).toBe(result.stepsTotal);
      },
    );
  }

  it('reports the first step that is not as expected, diff-like', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'kit-flow-'));
    try {
      const file = join(directory, 'wrong.flow.json');
      await writeFile(
        file,
        JSON.stringify({
          name: 'a suspended member',
          script: { questions: [{ id: 7, text: 'Tu DNI', internal_name: 'dni' }] },
          startAt: 7,
          steps: [
            {
              visitor: '27.999.888',
              expect: { memory: { custom: { member_status: 'active' } } },
            },
          ],
        }),
      );
      const lines: string[] = [];
      const result = await kit.playFlowFile(file, { write: (line) => lines.push(line) });

      expect(result.ok).toBe(false);
      expect(result.failure?.step).toBe(1);
      expect(result.failure?.message).toContain(
        '  memory custom.member_status:\n    - "active"\n    + "suspended"',
      );
      expect(lines[0]).toBe(
        `▶ a suspended member (${file}) → the handler test kit, in-process: /webhook`,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
