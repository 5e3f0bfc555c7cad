import { parseFlow } from './flow-file.js';
import { runFlow } from './runner.js';
import { type FakeAnswer, type FakeCall, FakeTransport } from './testing-transport.js';

const script = {
  greeting: ['¡Hola!'],
  questions: [
    { id: 3, text: '¿Te interesa un auto?', internal_name: 'interes' },
    {
      id: 5,
      text: '¿Qué modelo?',
      type: 'LIST',
      options: ['Model 3', 'Model Y'],
      internal_name: 'modelo',
    },
  ],
};

/** Answers question 3 as the documented example does; `{}` otherwise. */
const documented = (call: FakeCall): FakeAnswer =>
  call.request.flow?.last_question_id === 3
    ? {
        custom: { userType: 'advanced' },
        response: {
          text: ['Ok', '¿Qué modelo te interesa?'],
          response_type: 'LIST',
          response_options: ['Model 3', 'Model Y'],
          stopChat: true,
          flow: 5,
        },
      }
    : {};

async function play(steps: unknown[], answer: (call: FakeCall) => FakeAnswer = documented) {
  const flow = await parseFlow({ name: 'demo', script, steps }, 'demo.flow.json');
  return runFlow(flow, { transport: new FakeTransport(answer) });
}

describe('runFlow', () => {
  it('plays every step and reports success with a transcript', async () => {
    const result = await play([
      { expect: { bot: ['¡Hola!', '¿Te interesa un auto?'], activeQuestion: 3 } },
      {
        visitor: 'sí',
        expect: {
          webhook: {
            status: 200,
            texts: ['Ok', { contains: 'modelo' }],
            responseType: 'LIST',
            flow: 5,
            stopChat: true,
          },
          bot: ['Ok', { regex: '^¿Qué modelo' }],
          options: ['Model 3', 'Model Y'],
          memory: { custom: { interes: 'sí', userType: 'advanced' } },
          activeQuestion: 5,
          stopChat: true,
          expecting: { type: 'LIST', options: ['Model 3', 'Model Y'] },
        },
      },
      {
        visitor: '1',
        expect: {
          memory: { custom: { modelo: 'Model 3' } },
          webhook: { passThrough: true },
          ended: true,
        },
      },
    ]);

    expect(result.failure?.message).toBeUndefined();
    expect(result).toMatchObject({ ok: true, stepsRun: 3, stepsTotal: 3 });
    expect(result.transcript).toContain('visitor › sí');
    expect(result.transcript).toContain('Martín › Ok');
    expect(result.transcript.at(-1)).toBe('✓ demo: all 3 steps as expected');
  });

  it('stops at the first mismatch with a diff-like message', async () => {
    const result = await play([
      {
        visitor: 'sí',
        expect: {
          bot: ['Ok', '¿Qué color?'],
          memory: { custom: { userType: 'basic', missing: null, interes: 'sí' } },
          activeQuestion: 4,
        },
      },
      { visitor: 'never played' },
    ]);

    expect(result.ok).toBe(false);
    expect(result.stepsRun).toBe(1);
    expect(result.failure?.step).toBe(1);
    expect(result.failure?.message).toBe(
      [
        '✗ demo.flow.json · step 1 of 2 (visitor: "sí")',
        '  bot lines (said in this step):',
        '      "Ok"',
        '    - "¿Qué color?"',
        '    + "¿Qué modelo te interesa?"',
        '  memory custom.userType:',
        '    - "basic"',
        '    + "advanced"',
        '  active question:',
        '    - 4',
        '    + 5',
        '  context:',
        '    webhook: POST http://fake/webhook → 200 in 1 ms: custom.userType · 2 texts · LIST (2 options) · stopChat · flow → 5',
        '    reply: {"custom":{"userType":"advanced"},"response":{"text":["Ok","¿Qué modelo te interesa?"],"response_type":"LIST","response_options":["Model 3","Model Y"],"stopChat":true,"flow":5}}',
        '    bot said: "Ok", "¿Qué modelo te interesa?"',
      ].join('\n'),
    );
  });

  it('fails a step whose webhook call fails unless the step expects it', async () => {
    const failing = () => ({ status: 500, body: { message: 'boom' } });

    const unexpected = await play([{ visitor: 'sí' }], failing);
    expect(unexpected.failure?.message).toContain(
      '  webhook:\n    - HTTP 200 with a JSON reply (set "webhook": { "status": ... } to expect a failure)\n    + HTTP 500: {"message":"boom"}',
    );

    const expected = await play(
      [{ visitor: 'sí', expect: { webhook: { status: 500 }, bot: ['¿Qué modelo?'] } }],
      failing,
    );
    expect(expected.failure?.message).toBeUndefined();

    const timeout = await play(
      [{ visitor: 'sí', expect: { webhook: { status: 'timeout' } } }],
      () => ({
        failure: { kind: 'timeout', message: 'no reply within 5 ms' },
      }),
    );
    expect(timeout.ok).toBe(true);
  });

  it('fails a step whose reply breaks the response contract', async () => {
    const result = await play([{ visitor: 'sí' }], () => ({ response: { response_type: 'LIST' } }));

    expect(result.failure?.message).toMatch(
      /webhook reply breaks the response contract:\n {4}\+ response.response_type: response_type LIST requires response_options/,
    );
  });

  it('says when a step expects a reply but the webhook was not called or failed', async () => {
    const result = await play(
      [{ visitor: 'sí', expect: { webhook: { status: 'unreachable', texts: ['x'] } } }],
      () => ({
        failure: { kind: 'unreachable', message: 'could not reach the service (ECONNREFUSED)' },
      }),
    );

    expect(result.failure?.message).toContain(
      '  webhook reply:\n    - a reply to check\n    + (none: the call failed: could not reach the service (ECONNREFUSED))',
    );
  });

  it('checks the other webhook fields and the lead memory', async () => {
    const result = await play([
      {
        visitor: 'sí',
        expect: {
          webhook: {
            responseType: 'TEXT',
            options: null,
            flow: null,
            stopChat: false,
            name: 'Ariel',
            phone: '+54',
          },
          memory: { email: 'a@example.com', phone: null },
          options: null,
          expecting: { type: 'TEXT' },
          ended: true,
        },
      },
    ]);

    const subjects = result.failure?.mismatches.map((mismatch) => mismatch.subject);
    expect(subjects).toEqual([
      'webhook response.response_type',
      'webhook response.response_options',
      'webhook response.stopChat',
      'webhook response.flow',
      'webhook name.value',
      'webhook phone',
      'LIST options shown',
      'memory email',
      'next message read as',
      'script ended',
    ]);
  });

  it('sends the website id given, and shows it beside the target', async () => {
    const flow = await parseFlow({ name: 'demo', script, steps: [{ visitor: 'sí' }] }, 'demo');
    const transport = new FakeTransport(documented);

    const result = await runFlow(flow, { transport, websiteId: 'site-autos' });

    expect(result.ok).toBe(true);
    expect(transport.calls[0].request.websiteId).toBe('site-autos');
    expect(result.transcript[0]).toBe(
      '▶ demo (demo) → fake service (global) · websiteId site-autos',
    );
  });

  it("refuses a chatbot option with a transport: it names the HTTP client's URLs", async () => {
    const flow = await parseFlow({ name: 'demo', script, steps: [{ visitor: 'sí' }] }, 'demo');

    await expect(
      runFlow(flow, { transport: new FakeTransport(), chatbot: 'autos' }),
    ).rejects.toThrow("runFlow's chatbot option is for its HTTP client");
  });
});
