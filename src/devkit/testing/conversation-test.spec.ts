import { jest } from '@jest/globals';
import {
  type CliengoHandler,
  type Conversation,
  type HandlerFault,
  QuestionHandler,
} from '../../webhook/index.js';
import { CliengoSimulator } from '../simulator/simulator.js';
import { FakeTransport } from '../simulator/testing-transport.js';
import {
  ConversationAssertionError,
  type ConversationTest,
  expectReply,
  HandlerTestKit,
  NoDispatchedReplyError,
  ReplyAssertionError,
} from './index.js';

const QUOTE = 30;
const CONTACT = 31;
const SLOW = 32;

/**
 * A small multi-step handler on question 30: counts its turns in `custom`, asks for a plate
 * (stopChat on the same question) until it reads one, remembers it, clears its scratch keys
 * with null and jumps to question 31. "falla" makes it throw: its fault reply tells the
 * visitor.
 */
@QuestionHandler(QUOTE)
class QuoteHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    const said = (conversation.visitorMessage ?? '').trim();
    if (said === 'falla') throw new Error('the quoting API is down');
    const reply = conversation
      .reply()
      .setCustom('turns', (conversation.memory.number('turns') ?? 0) + 1);
    if (conversation.memory.text('step') === 'plate') {
      if (!/^[a-z]{2}\d{3}[a-z]{2}$/i.test(said)) {
        return reply
          .say('Esa patente no parece válida: escribila como AB123CD.')
          .expectText()
          .stopChat();
      }
      const plate = said.toUpperCase();
      return reply
        .setCustom('patente', plate)
        .clearCustom('step', 'draft')
        .say(`Listo, cotizamos ${plate}.`)
        .goTo(CONTACT);
    }
    if (said === 'sí') {
      return reply
        .setCustoms({ step: 'plate', draft: { plan: 'basic' } })
        .say('¿Cuál es la patente?')
        .expectText()
        .stopChat();
    }
    if (said === 'tipo') return reply.say('¿Qué seguro?').expectList(['Auto', 'Moto']).stopChat();
    return reply.say('Entendido.');
  }

  onFault(_fault: HandlerFault, conversation: Conversation) {
    return conversation.reply().say('No pudimos cotizar ahora, probá más tarde.').stopChat();
  }
}

/** Question 31: writes the lead (name and email) from the visitor's name. */
@QuestionHandler(CONTACT)
class ContactHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    const name = (conversation.visitorMessage ?? '').trim().toLowerCase();
    const shown = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    return conversation
      .reply()
      .setName(shown)
      .setEmail(`${name}@example.com`)
      .say(`Gracias, ${shown}.`);
  }
}

/** Question 32: hangs until its deadline; its fault reply says so. */
@QuestionHandler(SLOW, { timeoutMs: 50 })
class SlowHandler implements CliengoHandler {
  handle(conversation: Conversation): Promise<undefined> {
    return new Promise((_resolve, reject) =>
      conversation.signal.addEventListener('abort', () =>
        reject(conversation.signal.reason as Error),
      ),
    );
  }

  onFault(fault: HandlerFault, conversation: Conversation) {
    return conversation.reply().say(`Seguimos intentando (${fault.kind}).`);
  }
}

let kit: HandlerTestKit;
beforeAll(async () => {
  kit = await HandlerTestKit.create({ providers: [QuoteHandler, ContactHandler, SlowHandler] });
});
afterAll(() => kit.close());

/** The messages of a test, caught (the chained steps reject with them). */
async function failureOf(run: PromiseLike<void>): Promise<ConversationAssertionError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ConversationAssertionError) return error;
    throw error;
  }
  throw new Error('the conversation was expected to fail');
}

describe('kit.conversation: imperative', () => {
  it('opens on the question with a neutral text when no script is given', () => {
    const chat = kit.conversation({ startAt: QUOTE });
    const opening = chat.start();

    expect(opening.botLines).toEqual(['Pregunta 30']);
    expect(chat.status()).toMatchObject({
      activeQuestion: QUOTE,
      expecting: { type: 'TEXT' },
      stopped: false,
      ended: false,
    });
    expect(chat.transcript).toEqual(['Martín › Pregunta 30']);
    expect(() => opening.dispatched).toThrow(NoDispatchedReplyError);
  });

  it('applies each reply to the memory between turns, as the simulator does', async () => {
    const chat = kit.conversation({ script: [QUOTE, CONTACT], startAt: QUOTE });
    chat.start();

    const asked = await chat.visitorSays('sí');
    expectReply(asked.dispatched)
      .toHaveOutcome('replied')
      .toSetCustom({ turns: 1, step: 'plate' })
      .toSay('¿Cuál es la patente?')
      .toStopChat();
    expect(asked.dispatched.handler).toBe('QuoteHandler');
    expect(asked.botLines).toEqual(['¿Cuál es la patente?']);
    expect(chat.memory.custom).toEqual({
      '': 'sí',
      turns: 1,
      step: 'plate',
      draft: { plan: 'basic' },
    });
    expect(chat.status()).toMatchObject({ activeQuestion: QUOTE, stopped: true });

    // The next request carries what the last reply wrote: the handler counts on.
    const again = await chat.visitorSays('no sé');
    expect(again.dispatched.request.collected_data?.custom).toMatchObject({ turns: 1 });
    expectReply(again.dispatched).toSetCustom({ turns: 2 }).toMention('no parece válida');
    expect(again.status.activeQuestion).toBe(QUOTE);

    const plate = await chat.visitorSays('ab123cd');
    expectReply(plate.dispatched).toClearCustom('step', 'draft').toJumpTo(CONTACT);
    // Cleared with null: gone from the memory, and from the next request.
    expect(chat.memory.custom).toEqual({ '': 'ab123cd', turns: 3, patente: 'AB123CD' });
    expect(plate.botLines).toEqual(['Listo, cotizamos AB123CD.', 'Pregunta 31']);
    expect(chat.status().activeQuestion).toBe(CONTACT);

    const contact = await chat.visitorSays('ana');
    expect(contact.dispatched.handler).toBe('ContactHandler');
    expect(contact.dispatched.request.collected_data?.custom).not.toHaveProperty('step');
    expect(chat.memory).toMatchObject({ name: 'Ana', email: 'ana@example.com' });
    expect(contact.botLines).toEqual(['Gracias, Ana.']);
    expect(chat.status().ended).toBe(true);
    expect(chat.turns).toHaveLength(5);
    expect(chat.transcript).toContain('visitor › ab123cd');
    expect(chat.transcript.join('\n')).toMatch(/^ +custom\.step: "plate" → \(cleared\)$/m);
  });

  it('keeps the same memory as the simulator given the same replies over a fake service', async () => {
    const messages = ['sí', 'x', 'AB123CD', 'ana'];
    const chat = kit.conversation({ script: [QUOTE, CONTACT], now: () => new Date(0) });
    chat.start();
    const viaKit = [];
    for (const text of messages) viaKit.push(await chat.visitorSays(text));

    // The same replies, as bodies, from a fake service: the plain simulator.
    const bodies = viaKit.map((turn) => turn.exchange?.body as Record<string, unknown>);
    const fake = new FakeTransport(() => bodies.shift() ?? {});
    const simulator = new CliengoSimulator({
      script: chat.simulator.script,
      transport: fake,
      now: () => new Date(0),
    });
    simulator.start();
    for (const [index, text] of messages.entries()) {
      const turn = await simulator.visitorSays(text);
      expect(simulator.status().memory).toEqual(viaKit[index].status.memory);
      expect(turn.botLines).toEqual(viaKit[index].botLines);
    }
    expect(fake.calls.map((call) => call.request.collected_data?.custom)).toEqual(
      viaKit.map((turn) => turn.dispatched.request.collected_data?.custom),
    );
  });

  it('starts the conversation on a first visitor message when start() was not called', async () => {
    const chat = kit.conversation({ startAt: QUOTE });
    const turn = await chat.visitorSays('sí');

    expect(chat.turns.map((t) => t.botLines)).toEqual([['Pregunta 30'], ['¿Cuál es la patente?']]);
    expect(turn.dispatched.questionId).toBe(QUOTE);
  });

  it('sends the fault reply when the handler throws, and the simulator applies it', async () => {
    const chat = kit.conversation({ startAt: QUOTE });
    const turn = await chat.visitorSays('falla');

    expect(turn.dispatched.isFaultReply).toBe(true);
    expectReply(turn.dispatched).toBeFaultReply('error').toStopChat();
    expect(turn.botLines).toEqual(['No pudimos cotizar ahora, probá más tarde.']);
    expect(chat.status().stopped).toBe(true);
  });

  it('runs the handler under its deadline: fake timers advance it', async () => {
    jest.useFakeTimers();
    try {
      const chat = kit.conversation({ startAt: SLOW });
      const pending = chat.visitorSays('hola');
      await jest.advanceTimersByTimeAsync(kit.deadlineOf(SLOW)!);
      const turn = await pending;

      expectReply(turn.dispatched).toBeFaultReply('timeout');
      expect(turn.botLines).toEqual(['Seguimos intentando (timeout).']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('routes by the active question in per-question mode', async () => {
    const chat = kit.conversation({
      mode: 'per-question',
      script: {
        questions: [
          { id: QUOTE, text: '¿Querés cotizar?' },
          { id: CONTACT, text: '¿Cómo te llamás?' },
          { id: 33, text: '¿Algo más?', webhook: false },
        ],
      },
    });
    chat.start();

    const first = await chat.visitorSays('sí');
    expect(first.exchange?.path).toBe('/webhook/questions/30');
    expect(first.dispatched.questionId).toBe(QUOTE);
    await chat.visitorSays('AB123CD');

    const second = await chat.visitorSays('leo');
    expect(second.exchange?.path).toBe('/webhook/questions/31');
    expect(second.dispatched.handler).toBe('ContactHandler');
    expect(second.botLines).toEqual(['Gracias, Leo.', '¿Algo más?']);

    // Question 33 has no per-question URL: no call at all.
    const third = await chat.visitorSays('no');
    expect(third.called).toBe(false);
    expect(() => third.dispatched).toThrow(/question 33 has no webhook URL/);
    expect(chat.transport.exchanges.map((exchange) => exchange.path)).toEqual([
      '/webhook/questions/30',
      '/webhook/questions/30',
      '/webhook/questions/31',
    ]);
  });

  it('routes by flow.last_question_id in global mode: no question yet, no handler', async () => {
    const chat = kit.conversation({ startAt: QUOTE, opening: 'visitor' });
    chat.start();
    const turn = await chat.visitorSays('hola');

    expect(turn.exchange?.path).toBe('/webhook');
    expect(turn.dispatched).toMatchObject({ questionId: null, handler: null });
    expectReply(turn.dispatched).toPassThrough();
    expect(turn.botLines).toEqual(['Pregunta 30']);
  });

  it('answers 400 to a request the service would refuse, without a dispatch', async () => {
    const chat = kit.conversation({ startAt: QUOTE, memory: { ['k'.repeat(300)]: 1 } });
    const turn = await chat.visitorSays('sí');

    expect(turn.exchange).toMatchObject({ status: 400, failure: { kind: 'http-status' } });
    expect(turn.called).toBe(false);
    expect(() => turn.dispatched).toThrow(/HTTP 400 Bad Request/);
    // Cliengo goes on with its own script, as with {}.
    expect(turn.botLines).toEqual([]);
  });

  it('refuses a second message while the first is still being answered', async () => {
    const chat = kit.conversation({ startAt: QUOTE });
    const first = chat.visitorSays('sí');
    await expect(chat.visitorSays('otra')).rejects.toThrow(/still being answered/);
    await first;
  });

  it('reads a script file, and tells a bad one', () => {
    const chat = kit.conversation({ script: 'src/devkit/flows/examples.script.json', startAt: 7 });
    expect(chat.start().botLines).toEqual([
      '¡Hola! Soy Martín, el asistente virtual.',
      'Para consultar tu afiliación, escribí tu DNI.',
    ]);
    expect(() => kit.conversation({ script: 'src/devkit/flows/nope.script.json' })).toThrow(
      /no such file/,
    );
    expect(() => kit.conversation({ script: [QUOTE], startAt: 99 })).toThrow(
      'the script has no question 99 to start at',
    );
  });
});

describe('kit.conversation: chained steps', () => {
  it('plays the steps in order and checks each one', async () => {
    const chat = kit.conversation({ script: [QUOTE, CONTACT], startAt: QUOTE });
    await chat
      .bot('Pregunta 30')
      .activeQuestion(QUOTE)
      .says('sí')
      .reply((reply) =>
        reply.toSay('¿Cuál es la patente?').toExpect('TEXT').toSetCustom({ turns: 1 }),
      )
      .bot('¿Cuál es la patente?')
      .stopChat()
      .memory({ custom: { turns: 1, step: 'plate', draft: { plan: 'basic' } } })
      .says('no sé')
      .bot({ contains: 'no parece válida' })
      .activeQuestion(QUOTE)
      .memory({ custom: { turns: 2 } })
      .says('ab123cd')
      .reply((reply) => reply.toClearCustom('step', 'draft').toJumpTo(CONTACT))
      .bot([/^Listo, cotizamos AB123CD/, 'Pregunta 31'])
      .memory({ custom: { patente: 'AB123CD', turns: 3, step: null, draft: null } })
      .activeQuestion(CONTACT)
      .stopChat(false)
      .says('ana')
      .memory({ name: 'Ana', email: 'ana@example.com' })
      .bot('Gracias, Ana.')
      .ended();

    expect(chat.turns).toHaveLength(5);
    expect(chat.memory.custom).toMatchObject({ patente: 'AB123CD', turns: 3 });
  });

  it('checks LIST options and what the next message is read as', async () => {
    await kit
      .conversation({ script: { questions: [{ id: QUOTE, text: '¿Querés cotizar?' }] } })
      .bot('¿Querés cotizar?')
      .says('tipo')
      .bot('¿Qué seguro?')
      .options(['Auto', 'Moto'])
      .expecting({ type: 'LIST', options: ['Auto', 'Moto'] })
      .says('2')
      .memory({ custom: { '': 'Moto', turns: 2 } })
      .webhook({ texts: ['Entendido.'], flow: null })
      .ended();
  });

  it('rejects at the first step that is not as expected, naming it, with the transcript', async () => {
    const failure = await failureOf(
      kit
        .conversation({ startAt: QUOTE })
        .says('sí')
        .bot('¿Cuál es la patente?')
        .says('no sé')
        .bot('¿Cuál es tu patente?')
        .says('AB123CD'),
    );

    expect(failure.step).toBe(2);
    expect(failure.label).toBe('visitor: "no sé"');
    expect(failure.message).toMatch(/^✗ step 2 of 3 \(visitor: "no sé"\)\n/);
    expect(failure.message).toContain(
      [
        '  bot lines (said in this step):',
        '    - "¿Cuál es tu patente?"',
        '    + "Esa patente no parece válida: escribila como AB123CD."',
      ].join('\n'),
    );
    expect(failure.message).toContain('    webhook: POST /webhook → 200 in');
    expect(failure.message).toContain(
      ['  transcript so far:', '    Martín › Pregunta 30', '    visitor › sí'].join('\n'),
    );
    expect(failure.message).toContain('    visitor › no sé');
    // The step after the failing one was not played.
    expect(failure.transcript).not.toContain('visitor › AB123CD');
  });

  it('names the memory key that differs', async () => {
    const failure = await failureOf(
      kit
        .conversation({ startAt: QUOTE })
        .says('sí')
        .memory({ custom: { turns: 2, step: null } }),
    );

    expect(failure.message).toContain(['  memory custom.turns:', '    - 2', '    + 1'].join('\n'));
    expect(failure.message).toContain(
      ['  memory custom.step:', '    - (not set)', '    + "plate"'].join('\n'),
    );
  });

  it('fails the opening when it is not as expected', async () => {
    const failure = await failureOf(kit.conversation({ startAt: QUOTE }).bot('Hola').says('sí'));

    expect(failure.step).toBe(0);
    expect(failure.message).toMatch(/^✗ the opening\n {2}bot lines/);
    expect(failure.message).toContain('    + "Pregunta 30"');
  });

  it('fails the step whose reply(...) check throws, with the assertion message', async () => {
    const failure = await failureOf(
      kit
        .conversation({ startAt: QUOTE })
        .says('sí')
        .reply((reply) => reply.toSetCustom({ turns: 7 })),
    );

    expect(failure.cause).toBeInstanceOf(ReplyAssertionError);
    expect(failure.message).toMatch(
      /^✗ step 1 of 1 \(visitor: "sí"\)\n {2}reply\(\.\.\.\) check:\n/,
    );
    expect(failure.message).toContain(
      'ReplyAssertionError: Expected the reply to set custom values',
    );
    expect(failure.message).toContain('- turns: 7');
    expect(failure.message).toContain('+ turns: 1');
  });

  it('gives reply(...) the DispatchedReply and the turn too, and waits for an async check', async () => {
    const seen: string[] = [];
    await kit
      .conversation({ startAt: QUOTE })
      .says('falla')
      .reply(async (reply, dispatched, turn) => {
        await Promise.resolve();
        reply.toBeFaultReply('error');
        expect(dispatched.isFaultReply).toBe(true);
        seen.push(dispatched.outcome, ...turn.botLines);
      })
      .bot('No pudimos cotizar ahora, probá más tarde.')
      .stopChat();

    expect(seen).toEqual(['error', 'No pudimos cotizar ahora, probá más tarde.']);
  });

  it('fails a reply(...) check of a step that made no webhook call', async () => {
    const failure = await failureOf(
      kit
        .conversation({ startAt: QUOTE })
        .intervene()
        .reply((reply) => reply.toSayNothing()),
    );

    expect(failure.message).toMatch(/^✗ step 1 of 1 \(a human agent takes over\)/);
    expect(failure.message).toContain('- a dispatched reply to check');
    expect(failure.message).toContain('+ No reply was dispatched in this turn');
  });

  it('fails a step whose webhook call fails, even with no expectation on it', async () => {
    const failure = await failureOf(
      kit.conversation({ startAt: QUOTE, memory: { ['k'.repeat(300)]: 1 } }).says('sí'),
    );

    expect(failure.message).toContain('+ HTTP 400 Bad Request: {"statusCode":400');
  });

  it('goes on from where imperative turns left the conversation', async () => {
    const chat = kit.conversation({ startAt: QUOTE });
    chat.start();
    await chat.visitorSays('sí');

    await chat
      .expect({ activeQuestion: QUOTE, stopChat: true, memory: { custom: { turns: 1 } } })
      .says('AB123CD')
      .activeQuestion(CONTACT);
    expect(chat.turns).toHaveLength(3);
    expect(chat.memory.custom).toMatchObject({ turns: 2, patente: 'AB123CD' });
  });

  it('runs once however often awaited, and takes no step after it ran', async () => {
    const chat: ConversationTest = kit.conversation({ startAt: QUOTE });
    const steps = chat.says('sí');
    await steps;
    await steps;

    expect(chat.turns).toHaveLength(2);
    expect(() => steps.says('otra')).toThrow(/already run/);
  });

  it('merges memory expectations given twice for a step', async () => {
    const failure = await failureOf(
      kit
        .conversation({ startAt: QUOTE })
        .says('sí')
        .memory({ custom: { turns: 1 } })
        .memory({ custom: { step: 'otro' } }),
    );

    expect(failure.mismatches.map((mismatch) => mismatch.subject)).toEqual(['memory custom.step']);
  });
});
