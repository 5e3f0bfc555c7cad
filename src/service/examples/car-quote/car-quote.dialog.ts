import {
  accepted,
  ask,
  choose,
  type CliengoDialog,
  type CompletionContext,
  confirm,
  Dialog,
  type DialogSteps,
  giveUp,
  redo,
  refuse,
  tell,
} from 'cliengo-fulfillment';
import {
  type CoveragePlan,
  OLDEST_QUOTED_YEAR,
  QuoteService,
  type Vehicle,
} from './quote.service.js';

/** The question that asks for the plate and hands the conversation to the dialog. */
export const CAR_QUOTE_QUESTION = 40;
/** The advisor hand-off: an advisor calls the visitor back. */
export const ADVISOR_QUESTION = 41;
/** Where the script goes on once the quote is taken: the email for the policy. */
export const POLICY_EMAIL_QUESTION = 42;

interface CarQuote {
  plate: string;
  vehicle: Vehicle | null;
  year: number;
  plan: CoveragePlan;
  confirmed: boolean;
}

/** Argentine plates: "AB 123 CD" (Mercosur, since 2016) or "ABC 123" (before). */
const PLATE = /\b([a-z]{2})\s*-?\s*(\d{3})\s*-?\s*([a-z]{2})\b|\b([a-z]{3})\s*-?\s*(\d{3})\b/i;

const pesos = (amount: number) => `$ ${amount.toLocaleString('es-AR')}`;

/**
 * A car insurance quote: the plate, the vehicle looked up (its year is then known), the
 * coverage plans as a LIST from the quote service, and a yes/no confirmation that goes back
 * to the plans on "no". Three answers not understood at a step hand the visitor to an advisor.
 */
@Dialog(CAR_QUOTE_QUESTION, {
  opening: 'answer',
  wayOut: { say: 'Mejor te ayuda un asesor de seguros.', goTo: ADVISOR_QUESTION },
})
export class CarQuoteDialog implements CliengoDialog<CarQuote> {
  constructor(private readonly quotes: QuoteService) {}

  readonly steps: DialogSteps<CarQuote> = [
    ask('plate', {
      prompt: 'Escribí la patente de tu auto.',
      read: ({ text }) => {
        const [, a, b, c, d, e] = PLATE.exec(text ?? '') ?? [];
        if (!b && !e) return refuse('unrecognised');
        return accepted((a ? `${a}${b}${c}` : `${d}${e}`).toUpperCase());
      },
      reask: 'No reconocí esa patente. Escribila como figura en la chapa: AB 123 CD o ABC 123.',
      saveAs: 'patente',
    }),
    tell('vehicle', {
      run: async ({ values, reply, signal }) => {
        const vehicle = (await this.quotes.vehicle(values.plate!, signal)) ?? null;
        if (vehicle) reply.say(`Encontré tu ${vehicle.brand} ${vehicle.model} ${vehicle.year}.`);
        return vehicle;
      },
    }),
    ask('year', {
      prompt: '¿De qué año es el auto?',
      known: ({ values }) => values.vehicle?.year,
      read: (answer) => answer.number({ integer: true }),
      validate: (year) =>
        year > new Date().getFullYear() + 1 ? 'future' : year < 1950 ? 'out-of-range' : true,
      reask: (reason) =>
        reason === 'future' || reason === 'out-of-range'
          ? 'Revisá el año, por favor: ¿de qué año es el auto?'
          : 'Escribí el año con números, por ejemplo 2018.',
      saveAs: 'anio',
    }),
    choose('plan', {
      prompt: ({ values }) => `Estos son los planes para tu auto ${values.year}:`,
      items: ({ values, signal }) => this.quotes.plans(values.year!, signal),
      label: (plan) => `${plan.name}: ${pesos(plan.monthly)} por mes`,
      reask: 'Elegí uno de los planes: podés escribir su número.',
      whenEmpty: ({ reply }) => {
        reply.say(`Los autos anteriores a ${OLDEST_QUOTED_YEAR} los cotiza un asesor.`);
        return giveUp();
      },
    }),
    confirm('confirmed', {
      prompt: ({ values }) =>
        `¿Reservamos el plan ${values.plan!.name} por ${pesos(values.plan!.monthly)} por mes?`,
      onNo: ({ reply }) => {
        reply.say('Sin problema, elegí otro plan.');
        return redo('plan');
      },
    }),
  ];

  complete({ values, reply }: CompletionContext<CarQuote>) {
    reply
      .setCustoms({ seguro_plan: values.plan.name, seguro_cuota: values.plan.monthly })
      .say(`¡Listo! Reservamos el plan ${values.plan.name} para tu auto ${values.plate}.`)
      .goTo(POLICY_EMAIL_QUESTION);
  }
}
