import {
  Inject,
  Injectable,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import type { Response } from 'express';
import { ErrorBodyDto } from '../contract/error-body.dto.js';
import type { RequestLocals } from '../http/request-locals.js';
import { sendJson } from '../http/send-json.js';
import { WebhookMetrics } from '../metrics/webhook.metrics.js';
import type { ShedReason } from '../webhook/webhook-outcome.js';
import { ADMISSION_OPTIONS, type AdmissionOptions } from './admission.options.js';
import { EventLoopLoad } from './event-loop-load.js';
import { WebhookCall } from './webhook-call.js';
import type { RunningHandler } from '../webhook/dispatch-options.js';

/** A call in flight, as fault reports name it; with its handler while one runs. */
export interface InFlightCall extends Partial<RunningHandler> {
  requestId: string;
  /** Time since its arrival. */
  ageMs: number;
}

const OVERLOADED: ErrorBodyDto = Object.freeze({
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'The service is overloaded: try again shortly',
});
const PASS_THROUGH = Object.freeze({});
/** How many answered calls are remembered for fault reports. */
const RECENT = 8;

/**
 * Which webhook calls are taken, and the ones in flight. Under overload a new call is shed:
 * answered at once, before its body is read, so that the calls already taken are answered
 * in time instead of every call late; the signals are the number of calls in flight and the
 * event loop's lag and utilization (see `EventLoopLoad`). The calls in flight can be cut short (the client went away: their
 * handler is aborted; the shutdown timeout passed: they are answered `{}`).
 */
@Injectable()
export class WebhookAdmission implements OnModuleInit, OnModuleDestroy {
  readonly #calls = new Set<WebhookCall>();
  /** The last calls answered, newest last in a ring: a fault right after one is likely its. */
  readonly #recent: Array<WebhookCall | undefined> = new Array<WebhookCall | undefined>(RECENT);
  #recentNext = 0;
  readonly #loop = new EventLoopLoad();

  constructor(
    @Inject(ADMISSION_OPTIONS) private readonly options: AdmissionOptions,
    @Optional() private readonly metrics?: WebhookMetrics,
  ) {
    metrics?.observeLoad({
      inFlight: () => this.#calls.size,
      eventLoopLagMs: () => this.#loop.lagMs,
      eventLoopUtilization: () => this.#loop.utilization,
    });
  }

  onModuleInit(): void {
    this.#loop.start();
  }

  onModuleDestroy(): void {
    this.#loop.stop();
  }

  /** Webhook calls admitted and not yet answered. */
  get inFlight(): number {
    return this.#calls.size;
  }

  /** How late the event loop runs now, in milliseconds. */
  get eventLoopLagMs(): number {
    return this.#loop.lagMs;
  }

  /**
   * Takes a webhook call in, or, when the service is overloaded, answers it at once with the
   * overload answer and returns undefined.
   */
  admit(response: Response): WebhookCall | undefined {
    const locals = response.locals as RequestLocals;
    const reason = this.#shedReason();
    if (reason) {
      locals.shed = reason;
      this.metrics?.recordUnrun('shed', reason);
      this.answerShed(response);
      return undefined;
    }
    const call = new WebhookCall(locals.requestId, locals.arrivedAt, response);
    locals.call = call;
    this.#calls.add(call);
    response.once('close', () => {
      this.#calls.delete(call);
      call.answeredAt = performance.now();
      this.#recent[this.#recentNext] = call;
      this.#recentNext = (this.#recentNext + 1) % RECENT;
      if (!response.writableFinished) call.cancel('client-gone');
    });
    return call;
  }

  /** Sends the overload answer (`OVERLOAD_RESPONSE`). */
  answerShed(response: Response): void {
    if (this.options.overloadResponse === '503') {
      response.setHeader('Retry-After', '1');
      sendJson(response, 503, OVERLOADED);
    } else {
      sendJson(response, 200, PASS_THROUGH);
    }
  }

  /**
   * Answers every call in flight now, at the shutdown timeout: a running handler is aborted
   * and its call answered `{}` by the dispatcher; a call whose handler has not started yet
   * (its body still coming) is answered `{}` here. Returns how many there were.
   */
  answerAllForShutdown(): number {
    const calls = [...this.#calls];
    for (const call of calls) {
      const { response } = call;
      if (!call.dispatching && !response.headersSent) {
        (response.locals as RequestLocals).shutdown = true;
        this.metrics?.recordUnrun('shutdown');
        // Its body may never come: the connection is not kept waiting for it.
        response.setHeader('Connection', 'close');
        sendJson(response, 200, PASS_THROUGH);
      }
      call.cancel('shutdown');
    }
    return calls.length;
  }

  /**
   * The calls in flight (at most `limit` of them, the oldest first), for the report of a
   * fault that may have come from one of their handlers.
   */
  describeInFlight(limit = 20): InFlightCall[] {
    const now = performance.now();
    const described: InFlightCall[] = [];
    for (const call of this.#calls) {
      if (described.length === limit) break;
      described.push({
        requestId: call.requestId,
        ageMs: Math.round(now - call.arrivedAt),
        ...call.running,
      });
    }
    return described;
  }

  /**
   * The calls answered in the last `withinMs` (the last few at most, newest first): a
   * promise a handler left rejected is only reported once its call has been answered.
   */
  describeRecent(withinMs = 2_000): InFlightCall[] {
    const now = performance.now();
    const described: InFlightCall[] = [];
    for (let back = 1; back <= RECENT; back++) {
      const call = this.#recent[(this.#recentNext - back + RECENT) % RECENT];
      if (!call?.answeredAt || now - call.answeredAt > withinMs) break;
      described.push({
        requestId: call.requestId,
        ageMs: Math.round(now - call.arrivedAt),
        ...call.running,
      });
    }
    return described;
  }

  /** Resolves once no call is in flight, or after `timeoutMs`; true if none is left. */
  async drained(timeoutMs: number): Promise<boolean> {
    const until = performance.now() + timeoutMs;
    while (this.#calls.size > 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.#calls.size === 0;
  }

  #shedReason(): ShedReason | undefined {
    const { maxInFlight, maxEventLoopLagMs } = this.options;
    if (maxInFlight > 0 && this.#calls.size >= maxInFlight) return 'in-flight';
    if (maxEventLoopLagMs > 0 && this.#loop.sustainedLagMs > maxEventLoopLagMs) {
      return 'event-loop-lag';
    }
    return undefined;
  }
}
