import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefinitionError } from '../simulator/script.js';
import { minimalScript, readScriptFile, resolveConversationScript } from './index.js';

describe('test conversation scripts', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kit-script-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('makes a minimal script of TEXT questions with neutral texts, in order', () => {
    expect(minimalScript([30, 31])).toEqual({
      chatbotName: 'Martín',
      greeting: [],
      questions: [
        { id: 30, text: ['Pregunta 30'], type: 'TEXT', retries: 2, webhook: true },
        { id: 31, text: ['Pregunta 31'], type: 'TEXT', retries: 2, webhook: true },
      ],
      closing: [],
    });
    expect(() => minimalScript([30, 30])).toThrow(/repeats question id 30/);
  });

  it('defaults to the start question alone, else question 1', () => {
    expect(resolveConversationScript(undefined, 30).questions.map((q) => q.id)).toEqual([30]);
    expect(resolveConversationScript(undefined, undefined).questions.map((q) => q.id)).toEqual([1]);
  });

  it('checks a script object as a script file is, with its defaults', () => {
    const script = resolveConversationScript(
      { greeting: 'Hola', questions: [{ id: 5, text: '¿Modelo?', type: 'LIST', options: ['A'] }] },
      undefined,
    );
    expect(script).toMatchObject({ greeting: ['Hola'], questions: [{ id: 5, retries: 2 }] });
    expect(() =>
      resolveConversationScript({ questions: [{ id: 5, text: '¿Modelo?', type: 'LIST' }] }, 5),
    ).toThrow(/questions\[0\]\.options: a LIST question needs its options/);
  });

  it('reads a JSON or YAML script file', async () => {
    const json = join(directory, 'bot.script.json');
    await writeFile(json, JSON.stringify({ questions: [{ id: 9, text: '¿Sí?' }] }));
    expect(readScriptFile(json).questions[0]).toMatchObject({ id: 9, text: ['¿Sí?'] });

    const yaml = join(directory, 'bot.script.yaml');
    await writeFile(yaml, 'chatbotName: Ana\nquestions:\n  - id: 3\n    text: ¿Cómo estás?\n');
    expect(readScriptFile(yaml)).toMatchObject({
      chatbotName: 'Ana',
      questions: [{ id: 3, text: ['¿Cómo estás?'] }],
    });
  });

  it('says what is wrong with a file', async () => {
    const flow = join(directory, 'a.flow.json');
    await writeFile(flow, JSON.stringify({ script: 'bot.script.json', steps: [] }));
    expect(() => readScriptFile(flow)).toThrow(/is a conversation file, not a script/);

    const broken = join(directory, 'broken.script.json');
    await writeFile(broken, '{ "questions": [');
    expect(() => readScriptFile(broken)).toThrow(/is not valid JSON/);
    expect(() => readScriptFile(join(directory, 'none.json'))).toThrow(DefinitionError);
  });
});
