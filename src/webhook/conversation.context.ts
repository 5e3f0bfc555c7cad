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
  /** Aborted when the handler's deadline passes: pass it to `fetch` and other I/O. */
  readonly signal: AbortSignal;
  /** The validated request. Fields the contract does not name are there too (see `raw`). */
  readonly request: WebhookRequestDto;
  /** Reads the `custom` memory, coping with the value shapes real traffic has. */
  readonly memory: MemoryReader;
  /** The lead's name, email and phone as the chatbot detected them. */
  readonly lead: Readonly<Lead>;
  /** The visitor's latest message: the last `chat_log` entry whose sender is the visitor. */
  readonly visitorMessage: string | undefined;

  constructor(request: WebhookRequestDto, questionId: number | undefined, signal: AbortSignal) {
    this.request = request;
    this.questionId = questionId;
    this.signal = signal;
    const collected = request.collected_data ?? undefined;
    this.memory = new MemoryReader(collected?.custom);
    const phoneInternational = present(collected?.phone?.international_format);
    const phoneNational = present(collected?.phone?.national_format);
    this.lead = Object.freeze({
      name: present(collected?.name?.value),
      email: present(collected?.email?.value),
      phone: phoneInternational ?? phoneNational,
      phoneNational,
      phoneInternational,
    });
    this.visitorMessage = Conversation.#latestVisitorText(request);
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
