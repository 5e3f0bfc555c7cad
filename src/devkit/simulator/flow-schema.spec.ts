import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { examplesDirectory } from './example-flows.js';
import { parseFlow } from './flow-file.js';
import { DefinitionError, parseScript } from './script.js';

/**
 * The JSON Schemas of conversation files and chatbot scripts (`schemas/`), for editors,
 * against the reader the simulator and the test kit use: the examples validate against
 * both, the schema knows the keys the reader knows, and representative mistakes are
 * refused by both. What only the reader can check is listed at the end.
 */

const schemas = fileURLToPath(new URL('../../../schemas/', import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addSchema(readJson(join(schemas, 'flow.schema.json')) as object, 'flow.schema.json');
ajv.addSchema(readJson(join(schemas, 'script.schema.json')) as object, 'script.schema.json');
const validateFlow = ajv.getSchema('flow.schema.json')!;
const validateScript = ajv.getSchema('script.schema.json')!;

function schemaErrors(value: unknown, validate = validateFlow): string {
  return validate(value) ? '' : ajv.errorsText(validate.errors);
}

/** The reader's problems with a conversation file; [] when it reads it. */
async function readerProblems(value: unknown): Promise<readonly string[]> {
  try {
    await parseFlow(value, 'test.flow.json', examplesDirectory());
    return [];
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
}

const script = {
  questions: [
    { id: 1, text: '¿Nombre?', type: 'NAME' },
    { id: 2, text: ['¿Qué plan?', 'Elegí uno.'], type: 'LIST', options: ['A', 'B'] },
  ],
};
const flow = (overrides: Record<string, unknown> = {}) => ({
  script,
  steps: [{ visitor: 'Ana' }],
  ...overrides,
});
const step = (expect: Record<string, unknown>) => flow({ steps: [{ visitor: 'x', expect }] });
const question = (fields: Record<string, unknown>) =>
  flow({ script: { questions: [{ id: 1, text: '¿Sí?', ...fields }] } });

describe('the conversation file schema', () => {
  const files = readdirSync(examplesDirectory()).filter((file) => file.endsWith('.json'));

  it.each(files)('is what the example %s names, and it validates', (file) => {
    const path = join(examplesDirectory(), file);
    const value = readJson(path) as { $schema?: string };
    const schemaFile = file.endsWith('.script.json') ? 'script.schema.json' : 'flow.schema.json';
    expect(value.$schema && resolve(dirname(path), value.$schema)).toBe(join(schemas, schemaFile));
    expect(schemaErrors(value, ajv.getSchema(schemaFile))).toBe('');
  });

  it('is read by the reader too: a $schema key is accepted, in a script as well', async () => {
    const $schema = '../../../schemas/flow.schema.json';
    expect(await readerProblems(flow({ $schema }))).toEqual([]);
    const inline = flow({ script: { ...script, $schema: 'script.schema.json' } });
    expect(await readerProblems(inline)).toEqual([]);
    expect(() => parseScript({ ...script, $schema: 'x' }, 'test.script.json')).not.toThrow();
    expect(schemaErrors(inline)).toBe('');
  });

  it('knows the keys the reader knows, at every level', async () => {
    const definitions = (readJson(join(schemas, 'flow.schema.json')) as Record<string, unknown>)
      .definitions as Record<string, { properties: Record<string, unknown> }>;
    const root = readJson(join(schemas, 'flow.schema.json')) as typeof definitions.step;
    const expecting = definitions.expectation.properties.expecting as {
      anyOf: Array<{ properties?: object }>;
    };
    const levels: Array<[string, object, unknown]> = [
      ['the file', root.properties, flow({ zzz: 1 })],
      ['a step', definitions.step.properties, flow({ steps: [{ visitor: 'x', zzz: 1 }] })],
      ['expect', definitions.expectation.properties, step({ zzz: 1 })],
      ['expect.webhook', definitions.webhookExpectation.properties, step({ webhook: { zzz: 1 } })],
      ['expect.memory', definitions.memoryExpectation.properties, step({ memory: { zzz: 1 } })],
      ['expect.expecting', expecting.anyOf[1].properties!, step({ expecting: { zzz: 1 } })],
      ['lead', (root.properties.lead as typeof root).properties, flow({ lead: { zzz: 1 } })],
      ['the script', definitions.script.properties, flow({ script: { ...script, zzz: 1 } })],
      ['a question', definitions.question.properties, question({ zzz: 1 })],
    ];
    for (const [level, properties, value] of levels) {
      const problem = (await readerProblems(value)).find((text) => text.includes('unknown key'));
      const known = problem?.match(/known keys: (.*)$/)?.[1].split(', ');
      expect({ level, keys: Object.keys(properties).sort() }).toEqual({
        level,
        keys: known?.sort(),
      });
      expect(schemaErrors(value)).toMatch(/must NOT have additional properties/);
    }
  });

  const valid: Array<[string, unknown]> = [
    [
      'every setting',
      flow({
        name: 'n',
        description: '',
        channel: 'WHATSAPP',
        mode: 'per-question',
        startAt: 2,
        opening: 'visitor',
        intervened: true,
        conversationId: 'c-1',
        memory: { plan: { id: 3 }, list: [1, 2] },
        lead: { name: 'Ana', email: 'ana@example.com', phone: '+541138152222' },
        countryCode: '54',
      }),
    ],
    ['a script file next to the file', flow({ script: 'examples.script.json' })],
    [
      'a full script',
      flow({
        script: {
          chatbotName: 'Lu',
          greeting: 'Hola',
          closing: ['Chau', 'Gracias'],
          start: 2,
          questions: [
            { id: 1, text: [], next: null, retries: 0, retry_text: 'otra vez', webhook: false },
            { id: 2, text: 'x', type: 'LIST', options: 'única', internal_name: 'plan', next: 1 },
          ],
        },
      }),
    ],
    [
      'each kind of step',
      flow({
        steps: [
          { expect: { bot: [] } },
          { visitor: '', note: 'an empty message' },
          { intervene: true },
          { intervene: false, expect: { ended: false } },
        ],
      }),
    ],
    [
      'every expectation, with nulls where they mean "none"',
      step({
        bot: ['exact', { contains: '' }, { regex: '^a.b$', flags: 'iu' }],
        options: null,
        memory: { name: null, email: 'a@b.c', phone: '+54', custom: { a: null, b: { c: 1 } } },
        activeQuestion: null,
        expecting: { type: 'LIST', options: 'A' },
        stopChat: true,
        ended: false,
        webhook: {
          called: true,
          status: 503,
          passThrough: false,
          texts: [],
          responseType: null,
          options: ['A'],
          stopChat: false,
          flow: null,
          custom: {},
          name: 'Ana',
          email: null,
          phone: null,
        },
      }),
    ],
    ['a failed call', step({ webhook: { status: 'unreachable' }, expecting: null })],
  ];

  it.each(valid)('and the reader both accept %s', async (_name, value) => {
    expect(schemaErrors(value)).toBe('');
    expect(await readerProblems(value)).toEqual([]);
  });

  const mistakes: Array<[string, unknown]> = [
    ['no script', { steps: [{ visitor: 'x' }] }],
    ['no steps', flow({ steps: undefined })],
    ['an empty list of steps', flow({ steps: [] })],
    ['a misspelt setting', flow({ startat: 1 })],
    ['a name that is blank', flow({ name: ' ' })],
    ['a name that is no string', flow({ name: 3 })],
    ['a description that is no string', flow({ description: ['a'] })],
    ['a $schema that is no string', flow({ $schema: true })],
    ['an unknown mode', flow({ mode: 'per_question' })],
    ['a startAt that is a string', flow({ startAt: '1' })],
    ['a negative startAt', flow({ startAt: -1 })],
    ['a country code with a plus', flow({ countryCode: '+54' })],
    ['a lead phone that is a number', flow({ lead: { phone: 541138152222 } })],
    ['memory that is a list', flow({ memory: [1] })],
    ['a step that does nothing', flow({ steps: [{ note: 'empty' }] })],
    ['a step that does two things', flow({ steps: [{ visitor: 'x', intervene: true }] })],
    ['a visitor message that is no string', flow({ steps: [{ visitor: 42 }] })],
    ['intervene as a string', flow({ steps: [{ intervene: 'on' }] })],
    ['bot lines as one string', step({ bot: 'Hola' })],
    ['a matcher with an unknown key', step({ bot: [{ contain: 'x' }] })],
    ['a matcher with two kinds', step({ bot: [{ contains: 'x', regex: 'y' }] })],
    ['regex flags that are no string', step({ bot: [{ regex: 'x', flags: 1 }] })],
    ['an expected option that is blank', step({ options: ['A', ''] })],
    ['an unknown response type', step({ webhook: { responseType: 'DATE' } })],
    ['a status that is no code', step({ webhook: { status: '200' } })],
    ['a flow that is a string', step({ webhook: { flow: '5' } })],
    ['expecting without a type', step({ expecting: { options: ['A'] } })],
    ['stopChat as a string', step({ stopChat: 'yes' })],
    ['a script with no questions', flow({ script: { questions: [] } })],
    ['a question without an id', flow({ script: { questions: [{ text: 'x' }] } })],
    ['a question without a text', question({ text: undefined })],
    ['a blank question text', question({ text: [' '] })],
    ['a LIST question without options', question({ type: 'LIST' })],
    ['options on a TEXT question', question({ options: ['A'] })],
    ['options on a question of no type (TEXT)', question({ options: 'A' })],
    ['a LIST option given twice', question({ type: 'LIST', options: ['A', 'A'] })],
    ['a negative number of retries', question({ retries: -1 })],
    ['webhook as a string', question({ webhook: 'no' })],
  ];

  it.each(mistakes)('and the reader both refuse %s', async (_name, value) => {
    expect(schemaErrors(value)).not.toBe('');
    expect(await readerProblems(value)).not.toEqual([]);
  });

  // What no JSON Schema can say: the reader alone refuses these (the schema's description
  // lists them for the people who write the files).
  const readerOnly: Array<[string, unknown, RegExp]> = [
    ['a regular expression that does not compile', step({ bot: [{ regex: '(' }] }), /regular/],
    [
      'flags a regular expression cannot take',
      step({ bot: [{ regex: 'x', flags: 'ii' }] }),
      /flags/,
    ],
    [
      'a question id used twice',
      flow({ script: { questions: [script.questions[0], script.questions[0]] } }),
      /repeats question id 1/,
    ],
    ['a startAt the script does not have', flow({ startAt: 9 }), /no question 9/],
    ['a next that goes nowhere', question({ next: 9 }), /no question has id 9/],
    ['a script file that is not there', flow({ script: 'missing.script.json' }), /no such file/],
  ];

  it.each(readerOnly)('leaves to the reader %s', async (_name, value, problem) => {
    expect(schemaErrors(value)).toBe('');
    const problems = await readerProblems(value).catch((error: Error) => [error.message]);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('describes a script file on its own too', () => {
    expect(schemaErrors(script, validateScript)).toBe('');
    expect(schemaErrors({ questions: [{ id: 1 }] }, validateScript)).not.toBe('');
    expect(schemaErrors({ ...script, steps: [] }, validateScript)).not.toBe('');
  });
});
