import type { Channel } from '../contract/channel.js';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
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
  #signal: AbortSignal | (() => AbortSignal);
  #memory?: MemoryReader;
  #lead?: Readonly<Lead>;
  #visitorMessage?: { text: string | undefined };

  /**
   * @param signal the handler's abort signal, or a function that gives it on first use
   *   (most handlers never look at it, and an `AbortSignal` is not free to make).
   */
  constructor(
    request: WebhookRequestDto,
    questionId: number | undefined,
    signal: AbortSignal | (() => AbortSignal),
  ) {
    this.request = request;
    this.questionId = questionId;
    this.#signal = signal;
  }

  /** Aborted when the handler's deadline passes: pass it to `fetch` and other I/O. */
  get signal(): AbortSignal {
    if (typeof this.#signal === 'function') this.#signal = this.#signal();
    return this.#signal;
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
