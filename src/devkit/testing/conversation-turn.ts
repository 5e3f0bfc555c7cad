import type { WebhookResponseDto } from '../../contract/webhook-response.dto.js';
import { show } from '../shared/json.js';
import type { AppliedReply, SimEvent, Turn } from '../simulator/events.js';
import type { SimulatorStatus } from '../simulator/simulator.js';
import type { WebhookExchange } from '../simulator/webhook-client.js';
import type { DispatchedReply } from './dispatched-reply.js';
import { dispatchedOf } from './kit-transport.js';

/** A turn had no dispatched reply to look at: no call was made, or the service refused it. */
export class NoDispatchedReplyError extends Error {
  override readonly name = 'NoDispatchedReplyError';
}

/**
 * One turn of a test conversation: what the simulator did (its `Turn`: events, the bot's
 * lines, the LIST options shown, the webhook exchange and the reply as applied), where the
 * chatbot stood after it (`status`), and the dispatch behind its webhook call
 * (`dispatched`), for `expectReply(turn.dispatched)`.
 */
export class ConversationTurn implements Turn {
  readonly events: SimEvent[];
  readonly visitor: string | undefined;
  readonly exchange: WebhookExchange | undefined;
  readonly reply: AppliedReply | undefined;
  readonly rawReply: WebhookResponseDto | undefined;
  readonly botLines: string[];
  readonly options: string[] | undefined;

  constructor(
    turn: Turn,
    /** Where the chatbot stood right after this turn (memory included). */
    readonly status: SimulatorStatus,
    /** The turn as the transcript shows it. */
    readonly lines: readonly string[],
  ) {
    this.events = turn.events;
    this.visitor = turn.visitor;
    this.exchange = turn.exchange;
    this.reply = turn.reply;
    this.rawReply = turn.rawReply;
    this.botLines = turn.botLines;
    this.options = turn.options;
  }

  /** Whether the webhook was called in this turn (and the dispatcher answered). */
  get called(): boolean {
    return dispatchedOf(this.exchange) !== undefined;
  }

  /**
   * How the handler's dispatch went: the reply as it went on the wire, its outcome, the
   * handler, the fault reply... Throws a `NoDispatchedReplyError` saying why when the turn
   * made no call (the opening, a human agent taking over, a question without a webhook in
   * per-question mode) or the service would have refused the request.
   */
  get dispatched(): DispatchedReply {
    const dispatched = dispatchedOf(this.exchange);
    if (dispatched) return dispatched;
    throw new NoDispatchedReplyError(`No reply was dispatched in this turn: ${this.#why()}.`);
  }

  #why(): string {
    if (this.exchange) {
      return `the service would have answered ${this.exchange.failure?.message ?? 'with an error'}${
        this.exchange.body !== undefined ? `: ${show(this.exchange.body)}` : ''
      }`;
    }
    const skipped = this.events.find((event) => event.kind === 'webhook-skipped');
    if (skipped) return `the webhook was not called (${skipped.reason})`;
    return this.visitor === undefined
      ? 'the visitor said nothing in it (only a visitor message calls the webhook)'
      : 'the webhook was not called';
  }
}
