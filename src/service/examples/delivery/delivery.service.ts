import { Injectable } from '@nestjs/common';

export interface Order {
  number: string;
  status: 'on-the-way' | 'delivered';
  /** The delivery day, `YYYY-MM-DD`. */
  date: string;
  address: string;
}

/** A delivery window of a day. */
export interface Slot {
  id: string;
  /** "9 a 12 hs". */
  label: string;
}

/** The carrier's booking system did not answer. */
export class CarrierUnavailableError extends Error {
  override readonly name = 'CarrierUnavailableError';
}

/** Sample orders the example store knows. */
const SAMPLE_ORDERS: readonly Order[] = [
  { number: '10234', status: 'on-the-way', date: '2026-12-03', address: 'Av. Corrientes 1234' },
  { number: '20002', status: 'on-the-way', date: '2026-12-04', address: 'Belgrano 455, Rosario' },
  { number: '30550', status: 'delivered', date: '2026-11-20', address: 'Mitre 89, Córdoba' },
];

const WEEKDAY_SLOTS: readonly Slot[] = [
  { id: 'morning', label: '9 a 12 hs' },
  { id: 'midday', label: '12 a 15 hs' },
  { id: 'afternoon', label: '15 a 19 hs' },
];

/**
 * The store's orders and the carrier's delivery calendar. This example answers from memory:
 * no deliveries on Sundays, one window on Saturdays, three on weekdays. The carrier's booking
 * system fails every other booking of order 20002 (the first, the third...), as real ones
 * fail now and then.
 */
@Injectable()
export class DeliveryService {
  readonly #orders = new Map(SAMPLE_ORDERS.map((order) => [order.number, order]));
  #bookingsOf20002 = 0;

  findOrder(number: string, signal?: AbortSignal): Promise<Order | undefined> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return Promise.resolve(this.#orders.get(number));
  }

  /** The free delivery windows of a day (`YYYY-MM-DD`). */
  freeSlots(date: string, signal?: AbortSignal): Promise<Slot[]> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const slots = weekday === 0 ? [] : weekday === 6 ? WEEKDAY_SLOTS.slice(0, 1) : WEEKDAY_SLOTS;
    return Promise.resolve([...slots]);
  }

  /** Books a new delivery day and window for an order. */
  book(number: string, _date: string, _slotId: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (number === '20002' && this.#bookingsOf20002++ % 2 === 0) {
      return Promise.reject(new CarrierUnavailableError('the carrier did not answer'));
    }
    // A real carrier would keep the booking; the example's orders stay as they are.
    return Promise.resolve();
  }
}
