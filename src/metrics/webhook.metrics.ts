import { Injectable, Optional } from '@nestjs/common';
import { Chatbots } from '../chatbots/chatbots.js';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { chatbotLabel, DEFAULT_CHATBOT_LABEL, UNKNOWN_CHATBOT_LABEL } from '../chatbots/chatbot.js';
import { PACKAGE_VERSION } from '../package-info.js';
import { HandlerRegistry } from '../webhook/handler.registry.js';
import type { DispatchResult } from '../webhook/webhook.dispatcher.js';
import type { ShedReason, WebhookOutcome } from '../webhook/webhook-outcome.js';

/** Readings of the load, taken when metrics are scraped. */
export interface LoadReadings {
  inFlight: () => number;
  eventLoopLagMs: () => number;
  eventLoopUtilization: () => number;
}

/**
 * The service's Prometheus metrics, in a registry of its own (one per application). The
 * `question_id` label is the id only for questions with a handler of their own; any other
 * id is counted as `other` (and a request without one as `none`), so that arbitrary ids in
 * requests cannot grow the number of series without bound. The `chatbot` label is the name
 * of a configured chatbot, `default` in a deployment without `CHATBOTS`, or `unknown` for a
 * call of a chatbot not served or shed before its body said which: bounded by the
 * configuration too.
 */
@Injectable()
export class WebhookMetrics {
  readonly registry = new Registry();

  // Prometheus' "info" convention: a constant 1, the facts in the labels, so that
  // `... * on(instance) group_left(version) cliengo_build_info` adds the version to any series.
  readonly #buildInfo = new Gauge({
    name: 'cliengo_build_info',
    help: 'Always 1: the version of the service (package.json) and of Node.js it runs on, as labels.',
    labelNames: ['version', 'node'] as const,
    registers: [this.registry],
  });

  readonly #requests = new Counter({
    name: 'cliengo_webhook_requests_total',
    help: 'Webhook calls answered, by chatbot, outcome and question id.',
    labelNames: ['chatbot', 'outcome', 'question_id'] as const,
    registers: [this.registry],
  });

  readonly #duration = new Histogram({
    name: 'cliengo_handler_duration_seconds',
    help: 'Time from dispatch to reply (handler run and reply check), by chatbot, question id, handler and outcome.',
    labelNames: ['chatbot', 'question_id', 'handler', 'outcome'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly #timeouts = new Counter({
    name: 'cliengo_handler_timeouts_total',
    help: 'Handlers that overran their deadline (answered {}, or their fault reply).',
    labelNames: ['chatbot', 'question_id', 'handler'] as const,
    registers: [this.registry],
  });

  readonly #errors = new Counter({
    name: 'cliengo_handler_errors_total',
    help: 'Handlers that threw or returned an invalid reply (answered {}, or their fault reply), by kind.',
    labelNames: ['chatbot', 'question_id', 'handler', 'kind'] as const,
    registers: [this.registry],
  });

  readonly #faultReplies = new Counter({
    name: 'cliengo_fault_replies_total',
    help: 'Faults of handlers with onFault, by outcome (timeout, error, invalid-reply) and by what became of the fault reply: sent, pass-through (onFault returned nothing), invalid, threw or async (each of these three answered {}).',
    labelNames: ['chatbot', 'question_id', 'handler', 'outcome', 'result'] as const,
    registers: [this.registry],
  });

  readonly #queued = new Histogram({
    name: 'cliengo_webhook_queue_seconds',
    help: "Time from a webhook request's arrival to the start of its handler (reading and checking the body, waiting).",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly #shed = new Counter({
    name: 'cliengo_shed_requests_total',
    help: 'Webhook calls shed (answered at once without running a handler), by reason: in-flight, event-loop-lag, deadline.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  #load: LoadReadings | undefined;
  #droppedLogLines: (() => number) | undefined;

  readonly #logDrops = new Counter({
    name: 'cliengo_log_lines_dropped_total',
    help: 'Log lines dropped because standard output was not read fast enough (LOG_BUFFER_BYTES).',
    registers: [this.registry],
    collect: () => {
      const dropped = this.#droppedLogLines?.() ?? 0;
      this.#logDrops.reset();
      this.#logDrops.inc(dropped);
    },
  });

  readonly #inFlight = new Gauge({
    name: 'cliengo_webhook_in_flight',
    help: 'Webhook calls admitted and not yet answered.',
    registers: [this.registry],
    collect: () => {
      this.#inFlight.set(this.#load?.inFlight() ?? 0);
    },
  });

  readonly #lag = new Gauge({
    name: 'cliengo_event_loop_lag_seconds',
    help: 'How late the event loop runs now, as load shedding sees it (MAX_EVENT_LOOP_LAG_MS).',
    registers: [this.registry],
    collect: () => {
      this.#lag.set((this.#load?.eventLoopLagMs() ?? 0) / 1000);
    },
  });

  readonly #utilization = new Gauge({
    name: 'cliengo_event_loop_utilization',
    help: 'Share of the last half second or so the event loop was busy (0 to 1): near 1, the process is at its capacity.',
    registers: [this.registry],
    collect: () => {
      this.#utilization.set(this.#load?.eventLoopUtilization() ?? 0);
    },
  });

  readonly #rejected = new Counter({
    name: 'cliengo_rejected_requests_total',
    help: 'Requests answered with an error status (400, 401, 404, 413, 415...), by status.',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  /** Label sets seen, with their series: prom-client hashes labels on every call otherwise. */
  readonly #series = new Map<
    string,
    { requests: Counter.Internal; duration: Histogram.Internal<string> }
  >();

  constructor(
    private readonly handlers: HandlerRegistry,
    @Optional() private readonly chatbots?: Chatbots,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.#buildInfo.set({ version: PACKAGE_VERSION, node: process.version }, 1);
  }

  /** Where the in-flight and event-loop-lag gauges read from. */
  observeLoad(readings: LoadReadings): void {
    this.#load = readings;
  }

  /** Where the dropped-log-lines counter reads from. */
  observeLogDrops(droppedLines: () => number): void {
    this.#droppedLogLines = droppedLines;
  }

  /** Counts one answered webhook call. */
  recordDispatch(result: DispatchResult): void {
    const chatbot = chatbotLabel(result);
    const question = this.#questionLabel(result.questionId, result.chatbot);
    const handler = result.handler ?? 'none';
    const key = `${chatbot}\u0000${result.outcome}\u0000${question}\u0000${handler}`;
    let series = this.#series.get(key);
    if (!series) {
      series = {
        requests: this.#requests.labels({
          chatbot,
          outcome: result.outcome,
          question_id: question,
        }),
        duration: this.#duration.labels({
          chatbot,
          question_id: question,
          handler,
          outcome: result.outcome,
        }),
      };
      this.#series.set(key, series);
    }
    series.requests.inc();
    series.duration.observe(result.durationMs / 1000);
    this.#queued.observe(result.queuedMs / 1000);
    if (result.shedReason) this.#shed.inc({ reason: result.shedReason });
    if (result.outcome === 'timeout') {
      this.#timeouts.inc({ chatbot, question_id: question, handler });
    }
    if (result.outcome === 'error' || result.outcome === 'invalid-reply') {
      this.#errors.inc({ chatbot, question_id: question, handler, kind: result.outcome });
    }
    if (result.faultReply) {
      this.#faultReplies.inc({
        chatbot,
        question_id: question,
        handler,
        outcome: result.outcome,
        result: result.faultReply,
      });
    }
  }

  /** Counts one webhook call answered without a dispatch: shed by the gate, or by the shutdown. */
  recordUnrun(outcome: Extract<WebhookOutcome, 'shed' | 'shutdown'>, reason?: ShedReason): void {
    // Answered before the body said which chatbot the call is for.
    const chatbot = this.chatbots?.configured ? UNKNOWN_CHATBOT_LABEL : DEFAULT_CHATBOT_LABEL;
    this.#requests.inc({ chatbot, outcome, question_id: 'none' });
    if (reason) this.#shed.inc({ reason });
  }

  /** Counts one request answered with an error status. */
  recordRejection(status: number): void {
    this.#rejected.inc({ status: String(status) });
  }

  #questionLabel(questionId: number | null, chatbot: string | undefined): string {
    if (questionId === null) return 'none';
    return this.handlers.hasOwnHandler(questionId, chatbot) ? String(questionId) : 'other';
  }
}
