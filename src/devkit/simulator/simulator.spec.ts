import { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import { checkContract } from '../../webhook/contract.checker.js';
import { parseScript } from './script.js';
import { CliengoSimulator, type SimulatorOptions } from './simulator.js';
import { type FakeAnswer, type FakeCall, FakeTransport } from './testing-transport.js';

const script = parseScript(
  {
    chatbotName: 'Martín',
    greeting: ['¡Hola!'],
    questions: [
      { id: 1, text: '¿Cómo te llamás?', type: 'NAME' },
      { id: 2, text: '¿Tu email?', type: 'EMAIL', retries: 1 },
      { id: 3, text: '¿Qué buscás?' },
      { id: 4, text: 'Salteable', internal_name: 'skipped' },
      {
        id: 5,
        text: ['Elegí un modelo:', 'Tenemos dos.'],
        type: 'LIST',
        options: ['Model 3', 'Model Y'],
        internal_name: 'modelo',
      },
      { id: 6, text: '¿Tu teléfono?', type: 'PHONE', webhook: false, next: null },
      { id: 9, text: 'Nunca se pregunta' },
    ],
    closing: ['¡Gracias!'],
  },
  'test script',
);

function simulator(
  answer: (call: FakeCall) => FakeAnswer = () => ({}),
  options: Partial<SimulatorOptions> & { mode?: 'global' | 'per-question' } = {},
) {
  const transport = new FakeTransport(answer, options.mode);
  const sim = new CliengoSimulator({
    script,
    transport,
    conversationId: 'conv-1',
    now: () => new Date('2024-08-07T14:30:00.000Z'),
    ...options,
  });
  return { sim, transport };
}

describe('CliengoSimulator', () => {
  describe('its own script', () => {
    it('opens with the greeting and the first question', () => {
      const { sim } = simulator();

      const turn = sim.start();

      expect(turn.botLines).toEqual(['¡Hola!', '¿Cómo te llamás?']);
      expect(sim.status()).toMatchObject({
        activeQuestion: 1,
        expecting: { type: 'NAME' },
        stopped: false,
        ended: false,
      });
      expect(sim.currentRequest().chat_log).toEqual([
        { sender: 'chatbot', text: '¡Hola!' },
        { sender: 'chatbot', text: '¿Cómo te llamás?' },
      ]);
    });

    it('reads answers by type, stores them, and asks the next question', async () => {
      const { sim } = simulator();
      sim.start();

      expect((await sim.visitorSays('Me llamo Ariel')).botLines).toEqual(['¿Tu email?']);
      expect((await sim.visitorSays('ariel@example.com')).botLines).toEqual(['¿Qué buscás?']);
      await sim.visitorSays('un auto');

      expect(sim.status().memory).toEqual({
        name: 'Ariel',
        email: 'ariel@example.com',
        custom: { '': 'un auto' },
      });
      expect(sim.status().activeQuestion).toBe(4);
    });

    it('asks again after an answer that does not fit, counting retries, then moves on', async () => {
      const { sim, transport } = simulator();
      sim.start();
      await sim.visitorSays('Ariel');

      const retry = await sim.visitorSays('no tengo');
      expect(retry.botLines).toEqual(['Ese email no parece válido.', '¿Tu email?']);
      expect(retry.events).toContainEqual(
        expect.objectContaining({
          kind: 'answer',
          accepted: false,
          reason: 'no email address in it',
        }),
      );

      const skipped = await sim.visitorSays('tampoco');
      expect(transport.calls.at(-1)?.request.flow?.retry_count).toBe(1);
      expect(skipped.botLines).toEqual(['¿Qué buscás?']);
      expect(sim.status().memory.email).toBeUndefined();
    });

    it('accepts a LIST option by number or by text, and stores the option text', async () => {
      const { sim } = simulator();
      const opened = sim.goTo(5);
      expect(opened.botLines).toEqual(['Elegí un modelo:', 'Tenemos dos.']);
      expect(opened.options).toEqual(['Model 3', 'Model Y']);

      const wrong = await sim.visitorSays('3');
      expect(wrong.botLines).toEqual([
        'Por favor, elegí una de las opciones.',
        'Elegí un modelo:',
        'Tenemos dos.',
      ]);
      expect(wrong.options).toEqual(['Model 3', 'Model Y']);

      await sim.visitorSays('2');
      expect(sim.status().memory.custom).toEqual({ modelo: 'Model Y' });

      sim.goTo(5);
      await sim.visitorSays('  model 3 ');
      expect(sim.status().memory.custom).toEqual({ modelo: 'Model 3' });
    });

    it('stores a phone in both formats and ends the script at next: null', async () => {
      const { sim } = simulator();
      sim.goTo(6);

      const turn = await sim.visitorSays('011 3815-2222');

      expect(sim.status().memory.phone).toEqual({
        national_format: '011 3815-2222',
        international_format: '+541138152222',
      });
      expect(turn.botLines).toEqual(['¡Gracias!']);
      expect(sim.status()).toMatchObject({ ended: true, expecting: undefined, activeQuestion: 6 });
      const after = await sim.visitorSays('gracias');
      expect(after.botLines).toEqual([]);
      expect(after.events).toContainEqual({
        kind: 'note',
        text: 'the script has ended: the bot has nothing more to ask',
      });
    });

    it('remembers an email written in any message, as Cliengo detects it', async () => {
      const { sim } = simulator();
      sim.start();

      await sim.visitorSays('Soy Ariel, mi mail es ariel@example.com');

      expect(sim.status().memory.name).toBe('Ariel');
      expect(sim.status().memory.email).toBe('ariel@example.com');
      expect(sim.currentRequest().tags).toEqual(['fired_new_lead']);
      expect(sim.currentRequest().lead_post_date).toBe('2024-08-07T14:30:00.000Z');
    });

    it('lets the visitor write first when asked to (WhatsApp-like)', async () => {
      const { sim, transport } = simulator(() => ({}), { opening: 'visitor' });
      expect(sim.start().botLines).toEqual([]);

      const turn = await sim.visitorSays('Hola');

      expect(transport.calls[0].request.flow?.last_question_id).toBeNull();
      expect(turn.botLines).toEqual(['¡Hola!', '¿Cómo te llamás?']);
    });
  });

  describe('the webhook request', () => {
    it('is a full, valid request with the memory as it stands after the answer', async () => {
      const { sim, transport } = simulator(() => ({}), {
        channel: 'WHATSAPP',
        memory: { plan: 'x' },
      });
      sim.start();

      await sim.visitorSays('Ariel');

      const request = transport.calls[0].request;
      expect(checkContract(WebhookRequestDto, request)).toBeUndefined();
      expect(request).toMatchObject({
        channel: 'WHATSAPP',
        conversationId: 'conv-1',
        chatbotName: 'Martín',
        visitorData: null,
        status: 'ACTIVE',
        visitor_status: 'ONLINE',
        are_you_there: { index: 0 },
        flow: { last_question_id: 1, retry_count: 0, last_question_messages: { order: 1 } },
        collected_data: {
          intent: [],
          entities: [],
          custom: { plan: 'x' },
          name: { value: 'Ariel' },
          email: { value: null },
        },
      });
      expect(request.visitorId).toMatch(/^\d+$/);
      expect(request.chat_log).toEqual([
        { sender: 'chatbot', text: '¡Hola!' },
        { sender: 'chatbot', text: '¿Cómo te llamás?' },
        { sender: 'visitor', text: 'Ariel' },
      ]);
    });

    it('carries a sample websiteId, the one given, or none', async () => {
      const sample = simulator();
      const autos = simulator(() => ({}), { websiteId: '5de12d55e4b096a8283b0001' });
      const none = simulator(() => ({}), { websiteId: null });
      for (const { sim } of [sample, autos, none]) await sim.visitorSays('Ariel');

      expect(sample.transport.calls[0].request.websiteId).toBe('5de12d55e4b096a8283b6ed8');
      expect(sample.sim.target).toBe('fake service (global)');
      expect(autos.transport.calls[0].request.websiteId).toBe('5de12d55e4b096a8283b0001');
      expect(autos.sim.target).toBe('fake service (global) · websiteId 5de12d55e4b096a8283b0001');
      expect(none.transport.calls[0].request.websiteId).toBeNull();
      expect(none.sim.target).toBe('fake service (global) · no websiteId');
      expect(checkContract(WebhookRequestDto, none.transport.calls[0].request)).toBeUndefined();
    });

    it('carries the website id of the chatbot whose URLs the transport posts to, or none', () => {
      const transport = (chatbot: { name: string; websiteId?: string }) =>
        Object.assign(new FakeTransport(), { chatbot });
      const known = new CliengoSimulator({
        script,
        transport: transport({ name: 'autos', websiteId: 'site-autos' }),
      });
      const unknown = new CliengoSimulator({ script, transport: transport({ name: 'autos' }) });
      const given = new CliengoSimulator({
        script,
        transport: transport({ name: 'autos' }),
        websiteId: 'site-other',
      });

      expect(known.currentRequest().websiteId).toBe('site-autos');
      expect(unknown.currentRequest().websiteId).toBeNull();
      expect(given.currentRequest().websiteId).toBe('site-other');
    });

    it.each(['', '   ', 'x'.repeat(513)])('refuses %j as a website id', (websiteId) => {
      expect(() => simulator(() => ({}), { websiteId })).toThrow(
        'the website id must be 1 to 512 characters, not blank (null for none)',
      );
    });

    it('counts the "are you there?" messages', async () => {
      const { sim, transport } = simulator();
      sim.start();
      expect(sim.areYouThere().botLines).toEqual(['¿Seguís ahí?']);

      await sim.visitorSays('sí, perdón');

      expect(transport.calls[0].request.are_you_there).toEqual({ index: 1 });
    });

    it('goes to the per-question URL of the active question, only where the question has one', async () => {
      const { sim, transport } = simulator(() => ({}), {
        mode: 'per-question',
        opening: 'visitor',
      });

      const before = await sim.visitorSays('Hola');
      expect(before.events).toContainEqual(expect.objectContaining({ kind: 'webhook-skipped' }));
      await sim.visitorSays('Ariel');
      expect(transport.calls.map((call) => call.questionId)).toEqual([1]);

      sim.goTo(6);
      const noUrl = await sim.visitorSays('011 3815-2222');
      expect(noUrl.exchange).toBeUndefined();
      expect(noUrl.events).toContainEqual({
        kind: 'webhook-skipped',
        reason: 'question 6 has no webhook URL',
      });
    });
  });

  describe('applying the reply', () => {
    it('writes memory per key, keeping the keys the reply does not name', async () => {
      const { sim } = simulator(() => ({
        name: { value: 'Juan' },
        email: { value: 'juan@example.com' },
        phone: { international_format: '+5491100000000' },
        custom: { plan: 'gold', visits: 3, vip: true },
      }));
      sim.start();
      sim.setMemory('plan', 'silver');
      sim.setMemory('kept', 'yes');

      const turn = await sim.visitorSays('Ariel');

      expect(sim.status().memory).toEqual({
        name: 'Juan',
        email: 'juan@example.com',
        phone: { international_format: '+5491100000000' },
        custom: { plan: 'gold', kept: 'yes', visits: 3, vip: true },
      });
      const webhookChanges = turn.events.find((e) => e.kind === 'memory' && e.origin === 'webhook');
      expect(webhookChanges).toMatchObject({
        changes: expect.arrayContaining([
          { path: 'name', before: 'Ariel', after: 'Juan' },
          { path: 'custom.plan', before: 'silver', after: 'gold' },
        ]),
      });
    });

    it('clears a key written null, and keeps structured values as written', async () => {
      const slots = [{ id: 'a1', label: 'Lunes 10:00' }];
      const { sim } = simulator(() => ({ custom: { cbu: null, slots, '': 'sin nombre' } }));
      sim.start();
      sim.setMemory('cbu', '0170');

      const turn = await sim.visitorSays('Ariel');

      expect(sim.status().memory.custom).not.toHaveProperty('cbu');
      expect(sim.status().memory.custom).toMatchObject({ slots, '': 'sin nombre' });
      expect(sim.currentRequest().collected_data?.custom).toMatchObject({ slots });
      const webhookChanges = turn.events.find((e) => e.kind === 'memory' && e.origin === 'webhook');
      expect(webhookChanges).toMatchObject({
        changes: expect.arrayContaining([
          { path: 'custom.cbu', before: '0170', after: undefined },
          { path: 'custom.slots', before: undefined, after: slots },
        ]),
      });
    });

    it('says the forced texts, then goes on with the script', async () => {
      const { sim } = simulator(() => ({ response: { text: ['¡Un gusto!', 'Sigamos.'] } }));
      sim.start();

      const turn = await sim.visitorSays('Ariel');

      expect(turn.botLines).toEqual(['¡Un gusto!', 'Sigamos.', '¿Tu email?']);
      expect(sim.currentRequest().chat_log?.slice(-3)).toEqual([
        { sender: 'chatbot', text: '¡Un gusto!' },
        { sender: 'chatbot', text: 'Sigamos.' },
        { sender: 'chatbot', text: '¿Tu email?' },
      ]);
    });

    it('honours stopChat with a LIST and a jump: options shown, script stopped, next answer read as the LIST', async () => {
      const { sim, transport } = simulator((call) =>
        call.request.flow?.last_question_id === 3
          ? {
              custom: { userType: 'advanced' },
              response: {
                text: ['Ok', '¿Qué modelo?'],
                response_type: 'LIST',
                response_options: ['Corsa', 'Onix'],
                stopChat: true,
                flow: 5,
              },
            }
          : {},
      );
      sim.goTo(3);

      const stopped = await sim.visitorSays('un auto');

      expect(stopped.botLines).toEqual(['Ok', '¿Qué modelo?']);
      expect(stopped.options).toEqual(['Corsa', 'Onix']);
      expect(stopped.events.map((event) => event.kind)).toContain('stop');
      expect(sim.status()).toMatchObject({
        activeQuestion: 5,
        stopped: true,
        expecting: { type: 'LIST', options: ['Corsa', 'Onix'] },
      });

      const chosen = await sim.visitorSays('2');

      expect(sim.status().memory.custom).toMatchObject({ modelo: 'Onix', userType: 'advanced' });
      expect(transport.calls.at(-1)?.request.flow?.last_question_id).toBe(5);
      expect(chosen.botLines).toEqual(['¿Tu teléfono?']);
      expect(sim.status().stopped).toBe(false);
    });

    it('asks the flow target when the reply jumps without stopping', async () => {
      const { sim } = simulator(() => ({ response: { flow: 5 } }));
      sim.start();

      const turn = await sim.visitorSays('Ariel');

      expect(turn.botLines).toEqual(['Elegí un modelo:', 'Tenemos dos.']);
      expect(turn.options).toEqual(['Model 3', 'Model Y']);
      expect(sim.status().activeQuestion).toBe(5);
    });

    it('keeps the question active when the reply asks again with stopChat', async () => {
      const { sim } = simulator(() => ({
        response: { text: ['No entendí.'], response_type: 'TEXT', stopChat: true },
      }));
      sim.goTo(1);

      const turn = await sim.visitorSays('???');

      expect(turn.botLines).toEqual(['No entendí.']);
      expect(sim.status()).toMatchObject({
        activeQuestion: 1,
        expecting: { type: 'TEXT' },
        stopped: true,
      });
    });

    it('warns about a jump to a question the script does not have', async () => {
      const { sim } = simulator(() => ({ response: { flow: 42 } }));
      sim.start();

      const turn = await sim.visitorSays('Ariel');

      expect(turn.events).toContainEqual(
        expect.objectContaining({ kind: 'jump', to: 42, inScript: false }),
      );
      expect(turn.events).toContainEqual(expect.objectContaining({ kind: 'warning' }));
      expect(sim.status().activeQuestion).toBe(42);
    });

    it('ignores forced texts while a human agent is in control, but applies memory and jumps', async () => {
      const { sim } = simulator(() => ({
        custom: { seen: true },
        response: { text: ['¡Hola!'], stopChat: true, flow: 3 },
      }));
      sim.start();
      sim.setIntervened(true);

      const turn = await sim.visitorSays('Ariel');

      expect(turn.botLines).toEqual([]);
      expect(turn.events).toContainEqual({ kind: 'ignored-texts', texts: ['¡Hola!'] });
      expect(sim.status()).toMatchObject({ activeQuestion: 3, stopped: false, intervened: true });
      expect(sim.status().memory).toEqual({ custom: { seen: true } });

      sim.setIntervened(false);
      await sim.visitorSays('un auto');
      expect(sim.status().memory.custom).toEqual({ seen: true, '': 'un auto' });
    });

    it('goes on with its own script when the service fails', async () => {
      for (const answer of [
        { status: 500, body: { message: 'boom' } },
        { failure: { kind: 'timeout' as const, message: 'no reply within 10 ms' } },
      ]) {
        const { sim } = simulator(() => answer);
        sim.start();

        const turn = await sim.visitorSays('Ariel');

        expect(turn.exchange?.failure).toBeDefined();
        expect(turn.reply).toBeUndefined();
        expect(turn.botLines).toEqual(['¿Tu email?']);
        expect(sim.status().memory.name).toBe('Ariel');
      }
    });

    it('treats a reply that is not a JSON object as a failure', async () => {
      const { sim } = simulator(() => ({ status: 200, body: 'OK' }));
      sim.start();

      const turn = await sim.visitorSays('Ariel');

      expect(turn.exchange?.failure).toEqual({
        kind: 'not-json',
        message: 'the reply is not a JSON object',
      });
    });

    it('reports a reply that breaks the response contract and applies what it can read', async () => {
      const { sim } = simulator(() => ({
        custom: { ok: 'yes', ['k'.repeat(300)]: 1 },
        response: { text: 'not a list', response_type: 'LIST', flow: 5 },
        extra: true,
      }));
      sim.start();

      const turn = await sim.visitorSays('Ariel');

      const webhook = turn.events.find((event) => event.kind === 'webhook');
      expect(Object.keys(webhook?.contractProblems ?? {})).toEqual(
        expect.arrayContaining(['extra', 'custom', 'response.text', 'response.response_type']),
      );
      expect(sim.status().memory.custom).toMatchObject({ ok: 'yes' });
      expect(sim.status()).toMatchObject({ activeQuestion: 5, expecting: { type: 'LIST' } });
    });
  });
});
