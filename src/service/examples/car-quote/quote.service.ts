import { Injectable } from '@nestjs/common';

export interface Vehicle {
  brand: string;
  model: string;
  year: number;
}

export interface CoveragePlan {
  id: string;
  name: string;
  /** Monthly price in pesos. */
  monthly: number;
}

/** Sample vehicles the example registry knows, by plate. */
const SAMPLE_VEHICLES: Readonly<Record<string, Vehicle>> = {
  AB123CD: { brand: 'Toyota', model: 'Corolla', year: 2019 },
  AE456FG: { brand: 'Fiat', model: 'Cronos', year: 2022 },
  KLM123: { brand: 'Volkswagen', model: 'Gol', year: 2012 },
};

/** The oldest vehicle the example insurer quotes online. */
export const OLDEST_QUOTED_YEAR = 2000;

/** The year of the example price list: older vehicles pay 4% more per year of age. */
const PRICE_LIST_YEAR = 2026;

/**
 * The insurer's quote service. This example answers from memory; a real one would call the
 * insurer's API with `fetch(url, { signal })`, passing on the signal the dialog gives it.
 */
@Injectable()
export class QuoteService {
  /** The vehicle registered with a plate, when the registry knows it. */
  vehicle(plate: string, signal?: AbortSignal): Promise<Vehicle | undefined> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return Promise.resolve(SAMPLE_VEHICLES[plate]);
  }

  /** The coverage plans for a vehicle of that year; none for the oldest ones. */
  plans(year: number, signal?: AbortSignal): Promise<CoveragePlan[]> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (year < OLDEST_QUOTED_YEAR) return Promise.resolve([]);
    const age = Math.max(0, PRICE_LIST_YEAR - year);
    const price = (base: number) => Math.round((base * (1 + age * 0.04)) / 100) * 100;
    return Promise.resolve([
      { id: 'rc', name: 'Responsabilidad civil', monthly: price(18_000) },
      { id: 'terceros', name: 'Terceros completo', monthly: price(32_000) },
      { id: 'todo-riesgo', name: 'Todo riesgo', monthly: price(61_000) },
    ]);
  }
}
