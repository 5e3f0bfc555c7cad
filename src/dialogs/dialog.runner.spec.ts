import { jest } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { accepted, refused } from '../answers/answer.js';
import type { NationalIdAnswer } from '../answers/national-id.js';
import { expectReply, HandlerTestKit, webhookRequest } from '../devkit/testing/index.js';
import type { DispatchedReply } from '../devkit/testing/index.js';
import { configureAnswers, resetAnswerSettings } from '../answers/answer-settings.js';
import { QuestionHandler } from '../webhook/handler.decorator.js';
import type { CliengoDialog, CompletionContext } from './cliengo-dialog.interface.js';
import { Dialog } from './dialog.decorator.js';
import { endDialog, giveUp, redo } from './dialog-directive.js';
import { ask, choose, confirm, type DialogSteps, refuse, tell } from './dialog-step.js';

interface Offer {
  id: string;
  installments: number;
  amount: number;
}

interface Loan {
  dni: string;
  status: string;
  offer: Offer;
  cbu: string;
  cbuOk: boolean;
}

@Injectable()
class LoanBackend {
  statusCalls = 0;
  offerCalls = 0;
  offers: Offer[] = [
    { id: 'a', installments: 12, amount: 100_000 },
    { id: 'b', installments: 24, amount: 180_000 },
    { id: 'c', installments: 36, amount: 250_000 },
  ];
  failOffers = false;
  hang = false;

  status(dni: string): Promise<string> {
    this.statusCalls++;
    return Promise.resolve(dni === '30123456' ? 'preaprobado' : 'en estudio');
  }

  offersFor(_dni: string, signal: AbortSignal): Promise<Offer[]> {
    this.offerCalls++;
    if (this.failOffers) return Promise.reject(new Error('offers backend down'));
    if (this.hang) {
      return new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason as Error)),
      );
    }
    return Promise.resolve(this.offers);
  }
}

const LOAN_QUESTION = 30;
const ADVISOR_QUESTION = 90;
const KEY = 'dialog:loan';

@Dialog(LOAN_QUESTION, {
  wayOut: { say: 'Te paso con un asesor.', goTo: ADVISOR_QUESTION },
  timeoutMs: 2_000,
})
class LoanDialog implements CliengoDialog<Loan> {
  constructor(private readonly backend: LoanBackend) {}

  readonly steps: DialogSteps<Loan> = [
    ask('dni', {
      prompt: 'Escribí tu DNI.',
      read: (answer): NationalIdAnswer => answer.nationalId({ country: 'AR', kinds: ['dni'] }),
      reask: { 'invalid-format': 'Un DNI tiene 7 u 8 números.' },
      saveAs: 'dni',
      save: (dni) => dni,
    }),
    tell('status', {
      run: async ({ values, reply }) => {
        const status = await this.backend.status(values.dni!);
        reply.say(`Tu préstamo está ${status}.`);
        return status;
      },
    }),
    choose('offer', {
      prompt: 'Elegí una oferta:',
      items: ({ values, signal }) => this.backend.offersFor(values.dni!, signal),
      label: (offer, index) => `#${index + 1} - ${offer.installments} cuotas`,
      whenEmpty: ({ reply }) => {
        reply.say('No tenemos ofertas para vos hoy.').goTo(ADVISOR_QUESTION);
        return endDialog();
      },
    }),
    ask('cbu', {
      prompt: 'Escribí tu CBU (22 números).',
      read: (answer) => {
        const digits = (answer.text ?? '').replace(/\D/g, '');
        return digits.length === 22 ? accepted(digits) : refused('invalid-format');
      },
      reask: 'El CBU tiene 22 números.',
      attempts: 2,
    }),
    confirm('cbuOk', {
      prompt: ({ values }) => `¿Tu CBU es ${values.cbu}?`,
      onNo: redo('cbu'),
    }),
  ];

  complete({ values, reply }: CompletionContext<Loan>) {
    reply
      .say(`¡Listo! Pedimos ${values.offer.installments} cuotas al CBU ${values.cbu}.`)
      .setCustom('oferta', values.offer.id)
      .goTo(40);
  }
}

const CBU = '0170099220000067797370';

function request(text: string, custom: Record<string, unknown> = {}) {
  return webhookRequest().question(LOAN_QUESTION, 'Pregunta').visitorSays(text).memory(custom);
}

function stateOf(reply: DispatchedReply): Record<string, unknown> {
  return reply.custom[KEY] as Record<string, unknown>;
}

describe('DialogRunner', () => {
  let kit: HandlerTestKit;
  let backend: LoanBackend;

  beforeEach(async () => {
    kit = await HandlerTestKit.create({ providers: [LoanBackend, LoanDialog] });
    backend = kit.get(LoanBackend);
  });
  afterEach(() => kit.close());

  /** One turn: the state and memory given, as the last reply left them. */
  async function turn(text: string, custom: Record<string, unknown> = {}) {
    return kit.send(request(text, custom));
  }

  it('starts by asking its first step, and waits on the question', async () => {
    const reply = await turn('quiero un préstamo');
    expectReply(reply)
      .toHaveOutcome('replied')
      .toSay('Escribí tu DNI.')
      .toExpect('TEXT')
      .toStopChat()
      .toStayOnQuestion();
    expect(stateOf(reply)).toMatchObject({ v: 1, step: 'dni', values: {} });
    expect(stateOf(reply)).not.toHaveProperty('tries');
  });

  it('asks again with the message for the reason, and counts the attempt', async () => {
    const first = await turn('hola');
    const second = await turn('12345', first.custom);
    expectReply(second).toSay('Un DNI tiene 7 u 8 números.').toExpect('TEXT').toStopChat();
    expect(stateOf(second)).toMatchObject({ step: 'dni', tries: 1 });
    const third = await turn('no sé', second.custom);
    expectReply(third).toSay('No entendí tu respuesta.', 'Escribí tu DNI.');
    expect(stateOf(third)).toMatchObject({ step: 'dni', tries: 2 });
  });

  it('takes the way out after the attempts allowed, and ends the dialog', async () => {
    let custom: Record<string, unknown> = (await turn('hola')).custom;
    for (const text of ['abc', 'def']) custom = { ...custom, ...(await turn(text, custom)).custom };
    const out = await turn('ghi', custom);
    expectReply(out).toSay('Te paso con un asesor.').toJumpTo(ADVISOR_QUESTION).toStopChat(false);
    expect(out.custom[KEY]).toBeNull();
  });

  it('a step with its own attempts gives up sooner', async () => {
    const atCbu = {
      [KEY]: {
        v: 1,
        step: 'cbu',
        values: { dni: '30123456', status: 'x', offer: backend.offers[0] },
      },
    };
    const once = await turn('no sé', atCbu);
    expectReply(once).toSay('El CBU tiene 22 números.');
    const twice = await turn('tampoco', { ...atCbu, ...once.custom });
    expectReply(twice).toJumpTo(ADVISOR_QUESTION);
  });

  it('runs the steps that need no answer and asks the next one, in one reply', async () => {
    const first = await turn('hola');
    const reply = await turn('30.123.456', first.custom);
    expectReply(reply)
      .toSay('Tu préstamo está preaprobado.', 'Elegí una oferta:')
      .toExpectList(['#1 - 12 cuotas', '#2 - 24 cuotas', '#3 - 36 cuotas'])
      .toStopChat()
      .toSetCustom({ dni: '30123456' });
    expect(stateOf(reply)).toMatchObject({
      step: 'offer',
      values: { dni: '30123456', status: 'preaprobado' },
      items: backend.offers,
    });
  });

  it('skips a step whose value is already in memory', async () => {
    const reply = await turn('hola', { dni: '30.123.456' });
    expectReply(reply).toSay('Tu préstamo está preaprobado.', 'Elegí una oferta:');
    expect(stateOf(reply)).toMatchObject({ step: 'offer', values: { dni: '30123456' } });
  });

  it.each([['2'], ['#2 - 24 cuotas'], ['la segunda'], ['24 cuotas']])(
    'maps %p back to the item offered, without asking the backend again',
    async (text) => {
      const offered = (await turn('hola', { dni: '30123456' })).custom;
      expect(backend.offerCalls).toBe(1);
      const reply = await turn(text, offered);
      expectReply(reply).toSay('Escribí tu CBU (22 números).');
      expect(stateOf(reply)).toMatchObject({ step: 'cbu', values: { offer: backend.offers[1] } });
      expect(stateOf(reply)).not.toHaveProperty('items');
      expect(backend.offerCalls).toBe(1);
    },
  );

  it('asks again with the same list when the answer matches no option', async () => {
    const offered = (await turn('hola', { dni: '30123456' })).custom;
    backend.offers = [];
    const reply = await turn('la quinta', offered);
    expectReply(reply)
      .toSay('No entendí tu respuesta.', 'Elegí una oferta:')
      .toExpectList(['#1 - 12 cuotas', '#2 - 24 cuotas', '#3 - 36 cuotas']);
    expect(stateOf(reply)).toMatchObject({ step: 'offer', tries: 1 });
    expect(backend.offerCalls).toBe(1);
  });

  it('takes the declared alternative when there is nothing to offer', async () => {
    backend.offers = [];
    const reply = await turn('hola', { dni: '30123456' });
    expectReply(reply)
      .toSay('Tu préstamo está preaprobado.', 'No tenemos ofertas para vos hoy.')
      .toJumpTo(ADVISOR_QUESTION)
      .toStopChat(false);
    expect(reply.options).toBeUndefined();
    expect(reply.custom[KEY]).toBeNull();
  });

  it('loops back on "no", clearing the value, and completes on "sí"', async () => {
    const values = { dni: '30123456', status: 'preaprobado', offer: backend.offers[1] };
    const atConfirm = await turn(CBU, { [KEY]: { v: 1, step: 'cbu', values } });
    expectReply(atConfirm).toSay(`¿Tu CBU es ${CBU}?`).toExpectList(['Sí', 'No']);
    const no = await turn('no, me equivoqué', atConfirm.custom);
    expectReply(no).toSay('Escribí tu CBU (22 números).').toExpect('TEXT');
    expect(stateOf(no)).toMatchObject({ step: 'cbu' });
    expect(stateOf(no).values).not.toHaveProperty('cbu');
    expect(stateOf(no).values).not.toHaveProperty('cbuOk');
    const other = CBU.replace('0170', '0720');
    const again = await turn(other, no.custom);
    expectReply(again).toSay(`¿Tu CBU es ${other}?`);
    const yes = await turn('Sí', again.custom);
    expectReply(yes)
      .toSay(`¡Listo! Pedimos 24 cuotas al CBU ${other}.`)
      .toSetCustom({ oferta: 'b' })
      .toJumpTo(40);
    expect(yes.custom[KEY]).toBeNull();
  });

  it.each([
    ['1', true],
    ['2', false],
    ['dale', true],
    ['nop', false],
  ])('reads %p as the confirmation answer', async (text, yes) => {
    const values = {
      dni: '30123456',
      status: 'x',
      offer: backend.offers[0],
      cbu: CBU,
    };
    const reply = await turn(text, { [KEY]: { v: 1, step: 'cbuOk', values } });
    if (yes) expectReply(reply).toJumpTo(40);
    else expectReply(reply).toSay('Escribí tu CBU (22 números).');
  });

  describe('state read tolerantly, old state handled', () => {
    it('reads JSON text, a { value } wrapper and counts written as strings', async () => {
      const state = { v: '1', step: 'dni', tries: '1', values: {} };
      for (const stored of [JSON.stringify(state), { value: state }]) {
        const reply = await turn('hola', { [KEY]: stored });
        expect(stateOf(reply)).toMatchObject({ step: 'dni', tries: 2 });
      }
    });

    it('starts over on a state of another version', async () => {
      const reply = await turn('30123456', { [KEY]: { v: 7, step: 'cbu', values: { dni: '1' } } });
      expectReply(reply).toSay('Escribí tu DNI.');
      expect(stateOf(reply)).toMatchObject({ v: 1, step: 'dni', values: {} });
    });

    it('asks the next step when the step asked no longer exists, keeping the known values', async () => {
      const reply = await turn('lo que sea', {
        [KEY]: { v: 1, step: 'email', values: { dni: '30123456', gone: 1 } },
      });
      expectReply(reply).toSay('Tu préstamo está preaprobado.', 'Elegí una oferta:');
      expect(stateOf(reply).values).toEqual({ dni: '30123456', status: 'preaprobado' });
    });

    it.each([['"not json'], [42], [[1, 2]], [{ v: 1, values: 'x' }], [{ step: 'dni' }]])(
      'starts over on a state it cannot read: %p',
      async (stored) => {
        const reply = await turn('hola', { [KEY]: stored });
        expectReply(reply).toHaveOutcome('replied').toSay('Escribí tu DNI.');
      },
    );

    it('forgets a state older than a day', async () => {
      const old = Math.floor(Date.now() / 1000) - 25 * 3600;
      const reply = await turn('30123456', { [KEY]: { v: 1, step: 'offer', values: {}, t: old } });
      expectReply(reply).toSay('Escribí tu DNI.');
    });

    it('a reactivated conversation resumes where it was', async () => {
      const atDni = (await turn('hola')).custom;
      const reply = await kit.send(request('30123456', atDni).with({ reactivated: true }));
      expectReply(reply).toSay('Tu préstamo está preaprobado.', 'Elegí una oferta:');
    });

    it('starts again after it ended', async () => {
      const reply = await turn('hola', { [KEY]: null, dni: '30123456' });
      expectReply(reply).toSay('Tu préstamo está preaprobado.', 'Elegí una oferta:');
    });
  });

  describe('faults', () => {
    it('a step that throws gets the fault reply and leaves the state as it was: the next message retries it', async () => {
      const atDni = (await turn('hola')).custom;
      backend.failOffers = true;
      const failed = await turn('30123456', atDni);
      expectReply(failed)
        .toBeFaultReply('error')
        .toSay('Tuvimos un problema con tu respuesta. Escribila de nuevo en un momento, por favor.')
        .toExpect('TEXT')
        .toStopChat()
        .toNotSetCustom(KEY, 'dni');
      backend.failOffers = false;
      const retried = await turn('30123456', atDni);
      expectReply(retried).toSay('Tu préstamo está preaprobado.', 'Elegí una oferta:');
    });

    it('at the deadline: the fault reply asks the step again, LIST options included', async () => {
      const values = { dni: '30123456', offer: backend.offers[0], cbu: CBU };
      backend.hang = true;
      // The status step has no value yet (it was added after this state was written): it
      // runs after the confirmation, and the offers lookup behind it hangs.
      backend.status = () => new Promise(() => undefined);
      jest.useFakeTimers();
      try {
        const pending = turn('sí', { [KEY]: { v: 1, step: 'cbuOk', values } });
        await jest.advanceTimersByTimeAsync(2_000);
        expectReply(await pending)
          .toBeFaultReply('timeout')
          .toSay(
            'Estamos tardando más de lo normal. Escribí tu respuesta de nuevo en un momento, por favor.',
          )
          .toExpectList(['Sí', 'No'])
          .toStopChat()
          .toNotSetCustom(KEY);
      } finally {
        jest.useRealTimers();
      }
    });
  });
});

describe('@Dialog at boot', () => {
  @Dialog(31)
  class EmptyDialog implements CliengoDialog<{ a: string }> {
    readonly steps: DialogSteps<{ a: string }> = [];
    complete() {}
  }

  @Dialog(32, { name: 'loan' })
  class Twin implements CliengoDialog<{ a: string; b: string }> {
    readonly steps: DialogSteps<{ a: string; b: string }> = [
      ask('a', { prompt: 'a', read: (answer) => accepted(answer.text ?? ''), saveAs: 'dialog:x' }),
      ask('a', { prompt: 'b', read: (answer) => accepted(answer.text ?? '') }),
    ];
    complete() {}
  }

  @QuestionHandler(LOAN_QUESTION)
  class SameQuestion {
    handle() {}
  }

  it('fails on a dialog without steps, with the class named', async () => {
    await expect(HandlerTestKit.create({ providers: [EmptyDialog] })).rejects.toThrow(
      /EmptyDialog is not a valid dialog:[\s\S]*it has no steps/,
    );
  });

  it('lists every problem: duplicate steps, a reserved key, a name used twice', async () => {
    const boot = HandlerTestKit.create({ providers: [LoanBackend, LoanDialog, Twin] });
    await expect(boot).rejects.toThrow(/two steps are named "a"/);
    await expect(boot).rejects.toThrow(/keys starting with "dialog:" are the dialogs' own/);
    await expect(boot).rejects.toThrow(
      /"loan" \(state key "dialog:loan"\) is used by both (Twin and LoanDialog|LoanDialog and Twin)/,
    );
  });

  it('fails on a way out to something that is not a question id', async () => {
    @Dialog(39, { wayOut: { goTo: -1 } })
    class LostWay implements CliengoDialog<{ a: string }> {
      readonly steps: DialogSteps<{ a: string }> = [
        ask('a', {
          prompt: 'a',
          read: (answer) => accepted(answer.text ?? ''),
          wayOut: { goTo: 1.5 },
        }),
      ];
      complete() {}
    }
    const boot = HandlerTestKit.create({ providers: [LostWay] });
    await expect(boot).rejects.toThrow(/step "a": wayOut.goTo must be a question id; got 1.5/);
    await expect(boot).rejects.toThrow(/the dialog: wayOut.goTo must be a question id; got -1/);
  });

  it('refuses bad settings where the decorator is written', () => {
    expect(() => Dialog(40, { name: 'dos palabras' })(class X {})).toThrow(
      /@Dialog on X: the dialog name "dos palabras" must be 1 to 64 letters/,
    );
    expect(() => Dialog([], {})).toThrow('@Dialog needs at least one question id');
    expect(() => Dialog(40, { attempts: 0 })(class Y {})).toThrow(
      /attempts must be a positive integer/,
    );
  });

  it('fails when a dialog and a handler claim one question', async () => {
    await expect(
      HandlerTestKit.create({ providers: [LoanBackend, LoanDialog, SameQuestion] }),
    ).rejects.toThrow(
      /question 30 is claimed by both (LoanDialog and SameQuestion|SameQuestion and LoanDialog)/,
    );
  });
});

interface Contact {
  name: string;
  wantsCall: boolean;
  phone: { national: string; international: string };
  email: string;
}

const CONTACT_QUESTION = 33;

/** Lead fields, a branch on an answer, a step always asked, and a completion that sends back. */
@Dialog(CONTACT_QUESTION, { keepState: true })
class ContactDialog implements CliengoDialog<Contact> {
  readonly steps: DialogSteps<Contact> = [
    ask('name', {
      prompt: '¿Cómo te llamás?',
      expect: 'NAME',
      read: (answer) => (answer.text?.trim() ? accepted(answer.text.trim()) : refuse('empty')),
      lead: 'name',
    }),
    confirm('wantsCall', { prompt: '¿Querés que te llamemos?', saveAs: 'quiere_llamada' }),
    ask('phone', {
      prompt: '¿A qué teléfono?',
      expect: 'PHONE',
      when: (values) => values.wantsCall === true,
      read: (answer) => answer.phone({ country: 'AR' }),
      lead: 'phone',
    }),
    ask('email', {
      prompt: '¿Tu email?',
      expect: 'EMAIL',
      read: (answer) => answer.email(),
      lead: 'email',
      skipKnown: false,
    }),
  ];

  complete({ values, reply }: CompletionContext<Contact>) {
    if (values.email.endsWith('@example.invalid')) {
      reply.say('Ese dominio no existe.');
      return redo('email');
    }
    reply.say(`Gracias, ${values.name}.`);
  }
}

describe('DialogRunner: lead fields, branches and the end', () => {
  let kit: HandlerTestKit;

  beforeEach(async () => {
    kit = await HandlerTestKit.create({ providers: [ContactDialog] });
  });
  afterEach(() => kit.close());

  const play = () => kit.conversation({ startAt: CONTACT_QUESTION });

  it('writes lead fields, asks a step only when its condition holds, and keeps the state when told', async () => {
    await play()
      .says('hola')
      .bot('¿Cómo te llamás?')
      .expecting({ type: 'NAME' })
      .says('Ana')
      .reply((reply) => reply.toSetName('Ana').toExpectList(['Sí', 'No']))
      .says('sí')
      .bot('¿A qué teléfono?')
      .reply((reply) => reply.toSetCustom({ quiere_llamada: true }).toExpect('PHONE'))
      .says('011 3815-2222')
      .reply((reply) => reply.toSetPhone('+541138152222'))
      .says('ana@example.com')
      .reply((reply, dispatched) => {
        reply.toSetEmail('ana@example.com').toSay('Gracias, Ana.');
        expect(dispatched.custom['dialog:contact']).toMatchObject({
          done: true,
          values: { name: 'Ana', wantsCall: true, email: 'ana@example.com' },
        });
        expect(dispatched.custom['dialog:contact']).not.toHaveProperty('step');
      });
  });

  it('passes over a step whose condition fails', async () => {
    await play().says('hola').says('Ana').says('no').bot('¿Tu email?');
  });

  it('skips what the lead and memory already hold, but asks a step that says not to', async () => {
    await kit
      .conversation({
        startAt: CONTACT_QUESTION,
        lead: {
          name: 'Beto',
          phone: { international_format: '+541138152222' },
          email: 'b@example.com',
        },
        memory: { quiere_llamada: 'si' },
      })
      .says('hola')
      .bot('¿Tu email?');
  });

  it('completion can send a step back: asked again in the same reply', async () => {
    await play()
      .says('hola')
      .says('Ana')
      .says('no')
      .says('ana@example.invalid')
      .bot('Ese dominio no existe.', '¿Tu email?')
      .reply((_reply, dispatched) =>
        expect(dispatched.custom['dialog:contact']).toMatchObject({
          step: 'email',
          values: { name: 'Ana', wantsCall: false },
        }),
      );
  });
});

describe('DialogRunner: mistakes in a dialog are faults, not loops or bad replies', () => {
  interface Two {
    a: string;
    b: string;
  }

  @Dialog(34, { name: 'spins' })
  class Spinning implements CliengoDialog<Two> {
    readonly steps: DialogSteps<Two> = [
      tell('a', { run: () => redo('a') }),
      tell('b', { run: () => 'b' }),
    ];
    complete() {}
  }

  @Dialog(35, { name: 'twins' })
  class TwinOptions implements CliengoDialog<Two> {
    readonly steps: DialogSteps<Two> = [
      choose('a', { prompt: 'Elegí', items: () => ['x', 'y'], label: () => 'Igual' }),
      tell('b', { run: () => 'b' }),
    ];
    complete() {}
  }

  @Dialog(36, { name: 'foreign' })
  class ForeignReply implements CliengoDialog<Two> {
    readonly steps: DialogSteps<Two> = [tell('a', { run: () => 'a' }), tell('b', { run: giveUp })];
    complete({ conversation }: CompletionContext<Two>) {
      return conversation.reply().say('otra');
    }
  }

  @Dialog(37, { name: 'foreign-complete' })
  class CompletesElsewhere implements CliengoDialog<Two> {
    readonly steps: DialogSteps<Two> = [
      tell('a', { run: () => 'a' }),
      tell('b', { run: () => 'b' }),
    ];
    complete({ conversation }: CompletionContext<Two>) {
      return conversation.reply().say('otra');
    }
  }

  let kit: HandlerTestKit;
  beforeAll(async () => {
    kit = await HandlerTestKit.create({
      providers: [Spinning, TwinOptions, ForeignReply, CompletesElsewhere],
    });
  });
  afterAll(() => kit.close());

  it.each([
    [34, /went round its steps without asking anything or completing/],
    [35, /offers two items with the same label/],
    [37, /complete\(\) must write to context\.reply/],
  ])('question %p: the fault reply, and the mistake in the log', async (question, error) => {
    const reply = await kit.send(request('hola').question(question));
    expectReply(reply).toBeFaultReply('error').toStopChat();
    expect(String(reply.error)).toMatch(error);
  });

  it('a tell step can give up: the dialog ends, saying nothing without a way out', async () => {
    const reply = await kit.send(request('hola').question(36));
    expectReply(reply).toHaveOutcome('replied').toSayNothing().toClearCustom('dialog:foreign');
  });
});

describe('DialogRunner in Portuguese', () => {
  afterEach(() => resetAnswerSettings());

  it('says its own lines, and offers the confirmation, in the configured language', async () => {
    configureAnswers({ locale: 'pt' });
    const kit = await HandlerTestKit.create({ providers: [ContactDialog] });
    try {
      await kit
        .conversation({ startAt: CONTACT_QUESTION, lead: { name: 'Bia' } })
        .says('oi')
        .options(['Sim', 'Não'])
        .says('talvez')
        .bot('Não entendi sua resposta.', '¿Querés que te llamemos?')
        .says('não')
        .bot('¿Tu email?');
    } finally {
      await kit.close();
    }
  });
});

describe('DialogRunner: going back to a step known from memory', () => {
  interface Code {
    code: string;
    ok: boolean;
  }

  @Dialog(38)
  class CodeDialog implements CliengoDialog<Code> {
    readonly steps: DialogSteps<Code> = [
      ask('code', {
        prompt: '¿Tu código?',
        read: (answer) =>
          answer.number().ok ? accepted(answer.text!.trim()) : refuse('unrecognised'),
        saveAs: 'codigo',
      }),
      confirm('ok', {
        prompt: ({ values }) => `¿Tu código es ${values.code}?`,
        onNo: redo('code'),
      }),
    ];
    complete() {}
  }

  it('asks a step sent back with redo, even when memory still holds its old value', async () => {
    const kit = await HandlerTestKit.create({ providers: [CodeDialog] });
    try {
      await kit
        .conversation({ startAt: 38, memory: { codigo: '123' } })
        .says('hola')
        .bot('¿Tu código es 123?')
        .says('no')
        .bot('¿Tu código?')
        .says('456')
        .bot('¿Tu código es 456?')
        .memory({ custom: { codigo: '456' } });
    } finally {
      await kit.close();
    }
  });
});
