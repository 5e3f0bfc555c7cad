import { expectReply, HandlerTestKit } from 'cliengo-fulfillment/testing';
import { ExamplesModule } from '../examples.module.js';
import { ADVISOR_QUESTION, CAR_QUOTE_QUESTION, POLICY_EMAIL_QUESTION } from './car-quote.dialog.js';
import { QuoteService } from './quote.service.js';

const SCRIPT = 'src/devkit/flows/examples.script.json';
const STATE = 'dialog:car-quote';
const COROLLA_PLANS = [
  'Responsabilidad civil: $ 23.000 por mes',
  'Terceros completo: $ 41.000 por mes',
  'Todo riesgo: $ 78.100 por mes',
];

describe('CarQuoteDialog', () => {
  let kit: HandlerTestKit;
  let plansAsked: number;

  beforeEach(async () => {
    plansAsked = 0;
    const quotes = new QuoteService();
    kit = await HandlerTestKit.create({
      imports: [ExamplesModule],
      overrides: [
        {
          provide: QuoteService,
          useValue: {
            vehicle: (plate: string, signal?: AbortSignal) => quotes.vehicle(plate, signal),
            plans: (year: number, signal?: AbortSignal) => {
              plansAsked++;
              return quotes.plans(year, signal);
            },
          },
        },
      ],
    });
  });
  afterEach(() => kit.close());

  const chat = (options: { memory?: Record<string, unknown> } = {}) =>
    kit.conversation({ script: SCRIPT, startAt: CAR_QUOTE_QUESTION, ...options });

  it('quotes, goes back to the plans on "no", and reserves the plan picked', async () => {
    await chat()
      .says('Mi patente es AB-123-CD')
      .bot('Encontré tu Toyota Corolla 2019.', 'Estos son los planes para tu auto 2019:')
      .options(COROLLA_PLANS)
      .memory({ custom: { patente: 'AB123CD' } })
      .says('la de 41.000')
      .bot('¿Reservamos el plan Terceros completo por $ 41.000 por mes?')
      .options(['Sí', 'No'])
      .says('no, mejor otro')
      .bot('Sin problema, elegí otro plan.', 'Estos son los planes para tu auto 2019:')
      .says('1')
      .says('sí, dale')
      .reply((reply) =>
        reply
          .toSetCustom({ seguro_plan: 'Responsabilidad civil', seguro_cuota: 23_000 })
          .toClearCustom(STATE)
          .toJumpTo(POLICY_EMAIL_QUESTION),
      )
      .bot(
        '¡Listo! Reservamos el plan Responsabilidad civil para tu auto AB123CD.',
        '¿A qué email te mandamos la póliza?',
      )
      .memory({ custom: { [STATE]: null } })
      .activeQuestion(POLICY_EMAIL_QUESTION);
  });

  it('maps the answer back to the plan remembered, without asking the quote service again', async () => {
    const conversation = chat();
    await conversation.visitorSays('AB 123 CD');
    expect(plansAsked).toBe(1);
    for (const answer of ['el segundo', '#2 - Terceros completo', 'terceros completo']) {
      const asked = plansAsked;
      const turn = await conversation.visitorSays(answer);
      expect(turn.botLines).toEqual([
        '¿Reservamos el plan Terceros completo por $ 41.000 por mes?',
      ]);
      expect(plansAsked).toBe(asked);
      await conversation.visitorSays('no'); // the plans again, asked afresh
    }
  });

  it("reads the answer to the chatbot's own question as the plate, and asks again when it is not one", async () => {
    const conversation = chat();
    const turn = await conversation.visitorSays('hola, quiero cotizar');
    expect(turn.botLines).toEqual([
      'No reconocí esa patente. Escribila como figura en la chapa: AB 123 CD o ABC 123.',
    ]);
    const plate = await conversation.visitorSays('AE 456 FG');
    expect(plate.botLines).toEqual([
      'Encontré tu Fiat Cronos 2022.',
      'Estos son los planes para tu auto 2022:',
    ]);
  });

  it('hands the visitor to an advisor after three answers it cannot read', async () => {
    await chat()
      .says('???')
      .says('no sé')
      .says('ni idea')
      .reply((reply) => reply.toJumpTo(ADVISOR_QUESTION).toClearCustom(STATE).toStopChat(false))
      .bot(
        'Mejor te ayuda un asesor de seguros.',
        'Un asesor de seguros te va a llamar. ¿A qué teléfono?',
      )
      .expecting({ type: 'PHONE' });
  });

  it('asks again for a year that has not come yet', async () => {
    await chat()
      .says('XYZ 987')
      .bot('¿De qué año es el auto?')
      .says(String(new Date().getFullYear() + 5))
      .bot('Revisá el año, por favor: ¿de qué año es el auto?')
      .says('2015')
      .bot('Estos son los planes para tu auto 2015:');
  });

  it('tells the visitor when the quote service fails, and asks the same step again on the next message', async () => {
    const quotes = kit.get(QuoteService);
    const working = quotes.plans.bind(quotes);
    quotes.plans = () => Promise.reject(new Error('quote API down'));
    const conversation = chat();
    const failed = await conversation.visitorSays('AB 123 CD');
    expectReply(failed.dispatched)
      .toBeFaultReply('error')
      .toSay('Tuvimos un problema con tu respuesta. Escribila de nuevo en un momento, por favor.')
      .toExpect('TEXT')
      .toStopChat()
      .toNotSetCustom(STATE, 'patente');
    quotes.plans = working;
    const retried = await conversation.visitorSays('AB 123 CD');
    expect(retried.options).toEqual(COROLLA_PLANS);
  });
});
