import {
  accepted,
  ask,
  choose,
  type CliengoDialog,
  type CompletionContext,
  confirm,
  type Conversation,
  Dialog,
  type DialogFaultContext,
  type DialogSteps,
  endDialog,
  type HandlerFault,
  redo,
  refuse,
} from 'cliengo-fulfillment';
import { DeliveryService, type Order, type Slot } from './delivery.service.js';

/** The question that asks for the order number and hands the conversation to the dialog. */
export const DELIVERY_QUESTION = 50;

interface Reschedule {
  order: Order;
  date: string;
  slot: Slot;
  confirmed: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

/** "2026-12-03" → "jueves 3/12". */
function day(date: string): string {
  const [, month, dayOfMonth] = date.split('-').map(Number);
  const weekday = new Date(`${date}T12:00:00Z`).toLocaleDateString('es-AR', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  return `${weekday} ${dayOfMonth}/${month}`;
}

/**
 * Reschedules a delivery: the order looked up by its number, a new day (not in the past),
 * the carrier's free windows of that day as a LIST (another day when there are none), and a
 * confirmation. The booking can fail: the visitor is told, and answering again retries it.
 */
@Dialog(DELIVERY_QUESTION, {
  opening: 'answer',
  timeoutMs: 5_000,
  wayOut: {
    say: 'No pudimos reprogramarla por acá: te vamos a escribir por email para coordinar.',
  },
})
export class DeliveryRescheduleDialog implements CliengoDialog<Reschedule> {
  constructor(private readonly delivery: DeliveryService) {}

  readonly steps: DialogSteps<Reschedule> = [
    ask('order', {
      prompt: 'Escribí el número de tu pedido.',
      read: async ({ text }, { signal }) => {
        const number = /\d{5}/.exec(text ?? '')?.[0];
        if (!number) return refuse('unrecognised');
        const order = await this.delivery.findOrder(number, signal);
        return order ? accepted(order) : refuse('not-found');
      },
      reask: {
        unrecognised: 'El número de pedido tiene 5 números: lo encontrás en el email de compra.',
        'not-found': 'No encontramos ese pedido. Revisá el número en el email de compra.',
      },
      saveAs: 'pedido',
      save: (order) => order.number,
      then: (order, { reply }) => {
        if (order.status === 'delivered') {
          reply.say(`El pedido ${order.number} ya fue entregado el ${day(order.date)}.`);
          return endDialog();
        }
        reply.say(`Tu pedido ${order.number} llega el ${day(order.date)} a ${order.address}.`);
      },
    }),
    ask('date', {
      prompt: '¿Qué día te queda mejor para recibirlo?',
      read: (answer) => answer.date({ notPast: true }),
      // "30/11" on 1 December is next year's: too far to be what the visitor means.
      validate: (date) =>
        Date.parse(`${date}T12:00:00Z`) - Date.now() > 31 * DAY ? 'too-far' : true,
      reask: {
        past: 'Esa fecha ya pasó. ¿Qué otro día te queda bien?',
        'too-far': 'Podemos reprogramarla hasta dentro de 30 días. ¿Qué día te queda bien?',
        unrecognised: 'No entendí la fecha. Escribila así: 15/12, o «el lunes».',
      },
    }),
    choose('slot', {
      prompt: ({ values }) => `Estos son los horarios libres del ${day(values.date!)}:`,
      items: ({ values, signal }) => this.delivery.freeSlots(values.date!, signal),
      label: (slot) => slot.label,
      whenEmpty: ({ values, reply }) => {
        reply.say(`El ${day(values.date!)} no hay entregas.`);
        return redo('date');
      },
    }),
    confirm('confirmed', {
      prompt: ({ values }) =>
        `¿Confirmamos la entrega el ${day(values.date!)} de ${values.slot!.label}?`,
      onNo: redo('date'),
    }),
  ];

  async complete({ values, reply, signal }: CompletionContext<Reschedule>) {
    await this.delivery.book(values.order.number, values.date, values.slot.id, signal);
    reply
      .setCustoms({ entrega_fecha: values.date, entrega_horario: values.slot.label })
      .say(`¡Listo! Tu pedido llega el ${day(values.date)} de ${values.slot.label}.`);
  }

  /** The booking failed or took too long: the state stays, so "sí" again retries it. */
  onFault(_fault: HandlerFault, conversation: Conversation, at: DialogFaultContext) {
    if (at.step !== 'confirmed') return undefined; // the default: "answer again"
    return conversation
      .reply()
      .say(
        'No pudimos confirmar el cambio ahora. Respondé «sí» en unos minutos y lo intentamos de nuevo.',
      )
      .expectList(['Sí', 'No'])
      .stopChat();
  }
}
