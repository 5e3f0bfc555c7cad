import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleFlowFiles, examplesDirectory } from './example-flows.js';
import { loadFlowFile, loadScriptOrFlow, parseFlow } from './flow-file.js';
import { DefinitionError, parseScript } from './script.js';

const script = { questions: [{ id: 1, text: '¿Nombre?', type: 'NAME' }] };

async function problems(value: unknown): Promise<readonly string[]> {
  try {
    await parseFlow(value, 'test.flow.json');
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  throw new Error('expected the definition to be refused');
}

describe('conversation files', () => {
  it('ships example flows that all read cleanly', async () => {
    const files = exampleFlowFiles();
    expect(files.map((file) => file.slice(examplesDirectory().length))).toEqual([
      'car-models.flow.json',
      'car-quote-advisor.flow.json',
      'car-quote-old-car.flow.json',
      'car-quote.flow.json',
      'delivery-booking-fails.flow.json',
      'delivery-reschedule.flow.json',
      'full-tour.flow.json',
      'member-lookup.flow.json',
      'member-not-found.flow.json',
    ]);
    for (const file of files) {
      const flow = await loadFlowFile(file);
      expect(flow.steps.length).toBeGreaterThan(0);
      expect(flow.script.questions.map((question) => question.id)).toContain(7);
    }
  });

  it('reads steps, settings and matchers', async () => {
    const flow = await parseFlow(
      {
        name: 'n',
        script,
        channel: 'WHATSAPP',
        mode: 'per-question',
        lead: { phone: '+541138152222' },
        steps: [
          { expect: { bot: ['¿Nombre?'] } },
          {
            visitor: 'Ariel',
            note: 'why',
            expect: {
              bot: [{ contains: 'x' }, { regex: '^a', flags: 'i' }],
              webhook: { status: 'timeout', custom: { a: null } },
              memory: { custom: { b: [1] } },
              expecting: null,
            },
          },
          { intervene: true },
        ],
      },
      'f.json',
    );

    expect(flow.settings).toEqual({
      channel: 'WHATSAPP',
      mode: 'per-question',
      lead: { phone: { national_format: '+541138152222', international_format: '+541138152222' } },
    });
    expect(flow.steps.map((step) => step.kind)).toEqual(['check', 'visitor', 'intervene']);
  });

  it('reports every problem at once, with its path, suggesting misspelt keys', async () => {
    const found = await problems({
      script: {
        questions: [
          { id: 1, text: 'x', type: 'LIST' },
          { id: 1, text: '', next: 4 },
        ],
      },
      chanel: 'WEB',
      steps: [
        { visitor: 'hola', expcet: {} },
        {
          visitor: 'x',
          expect: { bot: [{ regex: '(' }], webhook: { staus: 200 }, stopchat: true },
        },
        { intervene: 'yes' },
        {},
      ],
    });

    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^chanel: unknown key \(did you mean "channel"\?\)/),
        'script.questions[0].options: a LIST question needs its options',
        'script.questions[1].text[0]: must be a non-empty string',
        'script.questions[1]: repeats question id 1',
        'script.questions[1].next: no question has id 4',
        expect.stringMatching(/^steps\[0\]\.expcet: unknown key \(did you mean "expect"\?\)/),
        expect.stringMatching(/^steps\[1\]\.expect\.bot\[0\]: is not a valid regular expression/),
        expect.stringMatching(
          /^steps\[1\]\.expect\.webhook\.staus: unknown key \(did you mean "status"\?\)/,
        ),
        expect.stringMatching(
          /^steps\[1\]\.expect\.stopchat: unknown key \(did you mean "stopChat"\?\)/,
        ),
        'steps[2].intervene: must be true or false',
        'steps[3]: a step needs "visitor", "intervene" or "expect"',
      ]),
    );
  });

  it('needs a script and steps', async () => {
    expect(await problems({})).toEqual([
      'script: is required: the chatbot script, inline or as a file path',
      'steps: must be a list',
    ]);
  });

  it('reads a script file next to the flow, and YAML files', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'flows-'));
    try {
      await writeFile(join(directory, 'bot.json'), JSON.stringify(script));
      await writeFile(
        join(directory, 'hola.flow.yaml'),
        [
          'script: bot.json',
          'steps:',
          '  - visitor: Ariel',
          '    expect:',
          '      memory: { name: Ariel }',
        ].join('\n'),
      );

      const flow = await loadFlowFile(join(directory, 'hola.flow.yaml'));

      expect(flow.script.questions[0].id).toBe(1);
      expect(flow.steps).toEqual([
        { kind: 'visitor', text: 'Ariel', expect: { memory: { name: 'Ariel' } } },
      ]);
      expect((await loadScriptOrFlow(join(directory, 'bot.json'))).script.questions).toHaveLength(
        1,
      );
      expect(
        (await loadScriptOrFlow(join(directory, 'hola.flow.yaml'))).script.questions,
      ).toHaveLength(1);
    } finally {
      await rm(directory, { recursive: true });
    }
  });

  it('says which file is missing or broken', async () => {
    await expect(loadFlowFile('/nowhere/x.flow.json')).rejects.toThrow(
      '/nowhere/x.flow.json is not valid:\n  - no such file',
    );
    const directory = await mkdtemp(join(tmpdir(), 'flows-'));
    try {
      await writeFile(join(directory, 'bad.json'), '{ "steps": [ }');
      await expect(loadFlowFile(join(directory, 'bad.json'))).rejects.toThrow(/is not valid JSON/);
    } finally {
      await rm(directory, { recursive: true });
    }
  });
});

describe('parseScript', () => {
  it('fills in the defaults', () => {
    expect(parseScript({ questions: [{ id: 3, text: 'Hola' }] }, 's')).toEqual({
      chatbotName: 'Martín',
      greeting: [],
      closing: [],
      questions: [{ id: 3, text: ['Hola'], type: 'TEXT', retries: 2, webhook: true }],
    });
  });

  it('refuses options on a question that is not a LIST, and a start that does not exist', () => {
    expect(() =>
      parseScript({ start: 9, questions: [{ id: 3, text: 'Hola', options: ['a'] }] }, 's'),
    ).toThrow(
      /questions\[0\]\.options: only a LIST question has options[\s\S]*start: no question has id 9/,
    );
  });
});
