import type { Chatbot } from '../chatbots/chatbot.js';
import type { Channel } from '../contract/channel.js';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { HandlerSignals } from './handler-signals.js';
import { ConversationAnswers } from '../answers/conversation-answers.js';
import { MemoryReader } from './memory.reader.js';
import { ReplyBuilder } from './reply.builder.js';

/** What the chatbot knows of the visitor as a lead. */
export interface Lead {
  name?: string;
  email?: string;
  /** International format when known (the useful one), else the national format. */
  phone?: string;
  phoneNational?: string;
  phoneInternational?: string;
}

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/**
 * One webhook call as a handler sees it: who, where, what the visitor just said, what the
 * chatbot remembers, and the raw payload with any undocumented fields.
 */
export class Conversation {
  /** The question being answered: the id in the per-question URL, else `flow.last_question_id`. */
  readonly questionId: number | undefined;
  /** The validated request. Fields the contract does not name are there too (see `raw`). */
  readonly request: WebhookRequestDto;
  /**
   * The chatbot the call is for, as `CHATBOTS` names it, with its settings; undefined in a
   * deployment without `CHATBOTS`.
   */
  readonly chatbot: Chatbot | undefined;
  #signals: HandlerSignals | undefined;
  #memory?: MemoryReader;
  #answers?: ConversationAnswers;
  #lead?: Readonly<Lead>;
  #visitorMessage?: { text: string | undefined };

  /**
   * @param signals the call's signals and deadline, as the dispatcher makes them; or an
   *   `AbortSignal` to follow (a conversation made by hand has no deadline); or none.
   * @param chatbot the chatbot the call is for, when the deployment names its chatbots.
   */
  constructor(
    request: WebhookRequestDto,
    questionId: number | undefined,
    signals?: HandlerSignals | AbortSignal,
    chatbot?: Chatbot,
  ) {
    this.request = request;
    this.questionId = questionId;
    this.chatbot = chatbot;
    this.#signals =
      signals === undefined || signals instanceof HandlerSignals
        ? signals
        : HandlerSignals.following(signals);
  }

  get #handlerSignals(): HandlerSignals {
    return (this.#signals ??= new HandlerSignals());
  }

  /**
   * Aborted when the handler's deadline passes, or when the call is cancelled (the client
   * went away, the service is shutting down): pass it to `fetch` and other I/O.
   */
  get signal(): AbortSignal {
    return this.#handlerSignals.signal;
  }

  /**
   * Milliseconds left until the handler's deadline (counted from the request's arrival),
   * never negative: 0 once it has passed, or once the call was cancelled or answered. A
   * fraction of a millisecond is kept. `Infinity` for a conversation made outside a dispatch.
   */
  get timeLeftMs(): number {
    return this.#handlerSignals.timeLeftMs;
  }

  /**
   * A signal for one step of the work (a lookup, one try of several): aborted after `ms`
   * milliseconds, with a `DOMException` named `TimeoutError`, or when `signal` is (at the
   * deadline, or when the call is cancelled), with that signal's reason, whichever comes
   * first. Pass it to `fetch` instead of `signal`. It lasts no longer than the call: when
   * the call is answered, a budget still running is aborted (`AbortError`) and its timer
   * cleared. Use `AbortSignal.timeout(ms)` for work meant to outlive the call.
   *
   * ```ts
   * // At most 2 s for the first try, whatever is left for the second.
   * const slots = await agenda.freeSlots(date, conversation.budget(2_000)).catch((error) => {
   *   if (conversation.signal.aborted) throw error;
   *   return agenda.freeSlots(date, conversation.signal);
   * });
   * ```
   *
   * @param ms 0 or more; `Infinity` gives a signal aborted at the deadline alone.
   */
  budget(ms: number): AbortSignal {
    return this.#handlerSignals.budget(ms);
  }

  /**
   * The answer parsers over the visitor's latest message (`visitorMessage`): e.g.
   * `conversation.answer.yesNo()`, `.nationalId({ kinds: ['dni'] })`, `.option(offered)`;
   * with the chatbot's language, country and time zone, else the service's.
   */
  get answer(): ConversationAnswers {
    return (this.#answers ??= new ConversationAnswers(this.visitorMessage, this.chatbot?.answers));
  }

  /** Reads the `custom` memory, coping with the value shapes real traffic has. */
  get memory(): MemoryReader {
    return (this.#memory ??= new MemoryReader(this.request.collected_data?.custom));
  }

  /** The lead's name, email and phone as the chatbot detected them. */
  get lead(): Readonly<Lead> {
    if (this.#lead) return this.#lead;
    const collected = this.request.collected_data ?? undefined;
    const phoneInternational = present(collected?.phone?.international_format);
    const phoneNational = present(collected?.phone?.national_format);
    return (this.#lead = Object.freeze({
      name: present(collected?.name?.value),
      email: present(collected?.email?.value),
      phone: phoneInternational ?? phoneNational,
      phoneNational,
      phoneInternational,
    }));
  }

  /** The visitor's latest message: the last `chat_log` entry whose sender is the visitor. */
  get visitorMessage(): string | undefined {
    return (this.#visitorMessage ??= { text: Conversation.#latestVisitorText(this.request) }).text;
  }

  static #latestVisitorText(request: WebhookRequestDto): string | undefined {
    const log = request.chat_log ?? [];
    for (let index = log.length - 1; index >= 0; index--) {
      const entry = log[index];
      if (entry.sender.trim().toLowerCase() === 'visitor') return entry.text ?? undefined;
    }
    return undefined;
  }

  /** The Cliengo conversation id. */
  get conversationId(): string {
    return this.request.conversationId;
  }

  /** The channel: WEB, FACEBOOK, WHATSAPP, or another one Cliengo sends. */
  get channel(): Channel {
    return this.request.channel;
  }

  /** How many times the current question was retried (0 when not sent). */
  get retryCount(): number {
    return this.request.flow?.retry_count ?? 0;
  }

  /** The payload exactly as received, including fields the contract does not name. */
  get raw(): Readonly<Record<string, unknown>> {
    return this.request as unknown as Record<string, unknown>;
  }

  /** Starts a reply: `return conversation.reply().say('Hola')`. */
  reply(): ReplyBuilder {
    return new ReplyBuilder();
  }
}
