/**
 * The answer to a webhook call shed under load: `{}` with 200 (pass-through: Cliengo's own
 * script answers the visitor at once), or 503 with `Retry-After`.
 */
export type OverloadResponse = 'pass-through' | '503';

/** When webhook calls are shed, and how they are answered then. */
export interface AdmissionOptions {
  /** Webhook calls answered at once at most (`MAX_IN_FLIGHT`); 0: no bound. */
  maxInFlight: number;
  /** Sustained event-loop lag above which calls are shed (`MAX_EVENT_LOOP_LAG_MS`); 0: never. */
  maxEventLoopLagMs: number;
  /** `OVERLOAD_RESPONSE`. */
  overloadResponse: OverloadResponse;
}

export const ADMISSION_OPTIONS = Symbol('ADMISSION_OPTIONS');
