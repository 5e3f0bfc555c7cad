import { jest } from '@jest/globals';
import { expectReply, HandlerTestKit } from 'cliengo-fulfillment/testing';
import { ExamplesModule } from '../examples.module.js';
import { DELIVERY_QUESTION } from './delivery-reschedule.dialog.js';
import { DeliveryService } from './delivery.service.js';

const SCRIPT = 'src/devkit/flows/examples.script.json';
const STATE = 'dialog:delivery-reschedule';
const WINDOWS = ['9 a 12 hs', '12 a 15 hs', '15 a 19 hs'];

describe('DeliveryRescheduleDialog', () => {
  let kit: HandlerTestKit;
  let delivery: DeliveryService;

  beforeEach(async () => {
    // Tuesday 1 December 2026, noon in Buenos Aires; timers run as usual.
    jest.useFakeTimers({ now: new Date('2026-12-01T15:00:00Z'), advanceTimers: true });
    kit = await HandlerTestKit.create({ imports: [ExamplesModule] });
    delivery = kit.get(DeliveryService);
  });
  afterEach(async () => {
    await kit.close();
    jest.useRealTimers();
  });

  const chat = () => kit.conversation({ script: SCRIPT, startAt: DELIVERY_QUESTION });

  it('looks the order up, offers the free windows of the day asked, and books the one picked', async () => {
    await chat()
      .says('mi pedido es el 10234')
      .bot(
        'Tu pedido 10234 llega el jueves 3/12 a Av. Corrientes 1234.',
        '¿Qué día te queda mejor para recibirlo?',
      )
      .memory({ custom: { pedido: '10234' } })
      .says('el viernes')
      .bot('Estos son los horarios libres del viernes 4/12:')
      .options(WINDOWS)
      .says('de 9 a 12')
      .bot('¿Confirmamos la entrega el viernes 4/12 de 9 a 12 hs?')
      .says('sí')
      .reply((reply) =>
        reply
          .toSetCustom({ entrega_fecha: '2026-12-04', entrega_horario: '9 a 12 hs' })
          .toClearCustom(STATE),
      )
      .bot(
        '¡Listo! Tu pedido llega el viernes 4/12 de 9 a 12 hs.',
        '¡Gracias! Un asesor te va a escribir pronto.',
      )
      .ended();
  });

  it('asks for another day in the same reply when the one asked has no deliveries, and again on "no"', async () => {
    await chat()
      .says('10234')
      .says('6/12')
      .bot('El domingo 6/12 no hay entregas.', '¿Qué día te queda mejor para recibirlo?')
      .options(null)
      .says('el sábado')
      .options(['9 a 12 hs'])
      .says('1')
      .says('no')
      .bot('¿Qué día te queda mejor para recibirlo?')
      .reply((_reply, dispatched) => {
        // Back to the day: the day, the window and the "no" are forgotten, the order kept.
        const state = dispatched.custom[STATE] as { step: string; values: object };
        expect(state.step).toBe('date');
        expect(Object.keys(state.values)).toEqual(['order']);
      });
  });

  it('asks again for a day in the past or too far ahead', async () => {
    await chat()
      .says('10234')
      .says('ayer')
      .bot('Esa fecha ya pasó. ¿Qué otro día te queda bien?')
      .says('30/11') // next year's 30 November
      .bot('Podemos reprogramarla hasta dentro de 30 días. ¿Qué día te queda bien?');
  });

  it('after three days it cannot read, leaves the rescheduling to an email', async () => {
    await chat()
      .says('10234')
      .says('cuando puedan')
      .bot('No entendí la fecha. Escribila así: 15/12, o «el lunes».')
      .says('no sé')
      .says('cuando sea')
      .reply((reply) => reply.toClearCustom(STATE).toStopChat(false))
      .bot(
        'No pudimos reprogramarla por acá: te vamos a escribir por email para coordinar.',
        '¡Gracias! Un asesor te va a escribir pronto.',
      )
      .ended();
  });

  it('ends at once for an order already delivered', async () => {
    await chat()
      .says('30550')
      .reply((reply) => reply.toClearCustom(STATE).toStopChat(false))
      .bot(
        'El pedido 30550 ya fue entregado el viernes 20/11.',
        '¡Gracias! Un asesor te va a escribir pronto.',
      )
      .ended();
  });

  it('asks for the number again when no order has it', async () => {
    await chat()
      .says('12345')
      .bot('No encontramos ese pedido. Revisá el número en el email de compra.')
      .says('no lo tengo')
      .bot('El número de pedido tiene 5 números: lo encontrás en el email de compra.');
  });

  it('at the booking deadline, offers the confirmation again; "sí" then retries the booking', async () => {
    const book = jest.spyOn(delivery, 'book');
    book.mockImplementationOnce(
      (_number, _date, _slot, signal) =>
        new Promise((_resolve, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason as Error)),
        ),
    );
    const conversation = chat();
    for (const text of ['10234', 'el lunes', '2']) await conversation.visitorSays(text);
    const pending = conversation.visitorSays('sí');
    await jest.advanceTimersByTimeAsync(kit.deadlineOf(DELIVERY_QUESTION)!);
    expectReply((await pending).dispatched)
      .toBeFaultReply('timeout')
      .toSay(
        'No pudimos confirmar el cambio ahora. Respondé «sí» en unos minutos y lo intentamos de nuevo.',
      )
      .toExpectList(['Sí', 'No'])
      .toNotSetCustom(STATE);
    const retried = await conversation.visitorSays('sí');
    expect(retried.botLines[0]).toBe('¡Listo! Tu pedido llega el lunes 7/12 de 12 a 15 hs.');
    expect(book).toHaveBeenCalledTimes(2);
  });

  it('a lookup that fails gets the default fault reply, asking for the number again', async () => {
    jest.spyOn(delivery, 'findOrder').mockRejectedValueOnce(new Error('orders API down'));
    const conversation = chat();
    const failed = await conversation.visitorSays('10234');
    expectReply(failed.dispatched)
      .toBeFaultReply('error')
      .toSay('Tuvimos un problema con tu respuesta. Escribila de nuevo en un momento, por favor.')
      .toExpect('TEXT')
      .toStopChat();
    expect((await conversation.visitorSays('10234')).botLines[0]).toMatch(/^Tu pedido 10234 llega/);
  });
});
