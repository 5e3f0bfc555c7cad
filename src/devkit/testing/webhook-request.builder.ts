import type { Channel } from '../../contract/channel.js';
import type { ChatMessageDto } from '../../contract/chat-message.dto.js';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import { CLIENGO_SAMPLE, visitorDataFor, visitorIdFor } from '../shared/cliengo-values.js';
import { isRecord } from '../shared/json.js';

/** The lead data a request carries; a phone string starting with `+` is international. */
export interface LeadInput {
  name?: string;
  email?: string;
  phone?: string | { national?: string; international?: string };
}

/** Seconds between two chat lines in the generated dates. */
const LINE_SECONDS = 20;

function deepMerge(
  target: Record<string, unknown>,
  source: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    target[key] =
      isRecord(value) && isRecord(current)
        ? deepMerge({ ...current }, value)
        : structuredClone(value);
  }
  return target;
}

function at(seconds: number): string {
  return new Date(Date.parse(CLIENGO_SAMPLE.startedAt) + seconds * 1_000).toISOString();
}

/**
 * Builds a realistic "new message" webhook request, as Cliengo sends it, for tests:
 * every documented field is present with a plausible value, and the chat log reads like
 * real traffic (the bot's greeting and question, then the visitor's answer).
 *
 * ```ts
 * const request = webhookRequest()
 *   .question(7, '¿Cuál es tu DNI?')
 *   .visitorSays('30.123.456')
 *   .memory({ plan: 'premium' })
 *   .lead({ name: 'Ariel', email: 'ariel@example.com', phone: '+541138152222' })
 *   .channel('WHATSAPP')
 *   .build();
 * ```
 *
 * Each call returns the builder; `build()` returns a fresh object every time, so one
 * builder can make several requests.
 */
export class WebhookRequestBuilder {
  #channel: Channel = 'WEB';
  #conversationId: string = CLIENGO_SAMPLE.conversationId;
  #chatbotName: string = CLIENGO_SAMPLE.chatbotName;
  #websiteId: string | null = CLIENGO_SAMPLE.websiteId;
  #questionId: number | null = null;
  #questionText: string | undefined;
  #retryCount = 0;
  #log: ChatMessageDto[] = [];
  #exactLog: ChatMessageDto[] | undefined;
  #custom: Record<string, unknown> = {};
  #lead: LeadInput = {};
  #extra: Record<string, unknown> = {};

  /**
   * The question being answered (`flow.last_question_id`) and, optionally, the text the bot
   * asked it with (put in the chat log before the visitor's answer).
   */
  question(questionId: number, text?: string): this {
    this.#questionId = questionId;
    this.#questionText = text;
    return this;
  }

  /** `flow.retry_count`: how many times the question was asked again. */
  retry(count: number): this {
    this.#retryCount = count;
    return this;
  }

  /** Adds a visitor message to the chat log (the latest one is the answer handlers read). */
  visitorSays(text: string): this {
    this.#log.push({ sender: 'visitor', text });
    return this;
  }

  /** Adds chatbot lines to the chat log, after what was said so far. */
  botSays(...texts: string[]): this {
    for (const text of texts) this.#log.push({ sender: 'chatbot', text });
    return this;
  }

  /** Uses exactly this chat log (no greeting or question lines are added). */
  chatLog(entries: readonly ChatMessageDto[]): this {
    this.#exactLog = structuredClone([...entries]);
    return this;
  }

  /** Sets `collected_data.custom` values (any JSON shape); merged with earlier calls. */
  memory(custom: Readonly<Record<string, unknown>>): this {
    this.#custom = { ...this.#custom, ...structuredClone(custom) };
    return this;
  }

  /** Sets the lead data the chatbot detected: name, email, phone. Merged with earlier calls. */
  lead(lead: LeadInput): this {
    this.#lead = { ...this.#lead, ...lead };
    return this;
  }

  /** The channel (default WEB); `visitorId` and `visitorData` follow it. */
  channel(channel: Channel): this {
    this.#channel = channel;
    return this;
  }

  /** The conversation id (default: a fixed 24-hex-digit id). */
  conversationId(id: string): this {
    this.#conversationId = id;
    return this;
  }

  /** The bot's name (`chatbotName`, and in the generated greeting). Default: Martín. */
  chatbotName(name: string): this {
    this.#chatbotName = name;
    return this;
  }

  /**
   * The website id (`websiteId`) of the chatbot the request is from; `null` for none. In a
   * deployment serving several chatbots, the global URL answers it as the chatbot of that
   * website. Default: a sample id, no configured chatbot's (`kit.chatbot(name)` sends a
   * request with it as carrying the chatbot's own).
   */
  websiteId(id: string | null): this {
    this.#websiteId = id;
    return this;
  }

  /**
   * Sets any field over the generated ones, deep-merged: documented fields
   * (`{ softDisable: true }`) and undocumented ones real traffic carries
   * (`{ flow: { last_question_messages: { order: 2 } } }`). `null` and `undefined` values
   * are kept as given, to test missing fields.
   */
  with(fields: Readonly<Record<string, unknown>>): this {
    deepMerge(this.#extra, fields);
    return this;
  }

  #chatLog(): ChatMessageDto[] {
    if (this.#exactLog) return structuredClone(this.#exactLog);
    const log = structuredClone(this.#log);
    if (!log.some((entry) => entry.sender === 'visitor'))
      log.push({ sender: 'visitor', text: 'Hola' });
    if (log[0]?.sender !== 'chatbot') {
      const question =
        this.#questionText ?? (this.#questionId === null ? undefined : '¿Me contás un poco más?');
      log.unshift(
        { sender: 'chatbot', text: `¡Hola! Soy ${this.#chatbotName}, el asistente virtual.` },
        ...(question ? [{ sender: 'chatbot', text: question }] : []),
      );
    }
    return log;
  }

  #phone(): { national_format: string | null; international_format: string | null } {
    const phone = this.#lead.phone;
    if (phone === undefined) return { national_format: null, international_format: null };
    if (typeof phone === 'string') {
      return phone.trim().startsWith('+')
        ? { national_format: null, international_format: phone }
        : { national_format: phone, international_format: null };
    }
    return {
      national_format: phone.national ?? null,
      international_format: phone.international ?? null,
    };
  }

  /** A complete request: a fresh object, valid against the request contract. */
  build(): WebhookRequestDto {
    const chatLog = this.#chatLog();
    const phone = this.#phone();
    const isLead = Boolean(this.#lead.email || phone.international_format || phone.national_format);
    const request: Record<string, unknown> = {
      channel: this.#channel,
      visitorId: visitorIdFor(this.#channel),
      websiteId: this.#websiteId,
      companyId: CLIENGO_SAMPLE.companyId,
      are_you_there: { index: 0 },
      chat_log: chatLog,
      collected_data: {
        intent: [],
        entities: [],
        custom: structuredClone(this.#custom),
        name: { value: this.#lead.name ?? null },
        email: { value: this.#lead.email ?? null },
        phone,
      },
      fired_triggers: [CLIENGO_SAMPLE.triggerId],
      reactivated: false,
      status: 'ACTIVE',
      tags: isLead ? [CLIENGO_SAMPLE.newLeadTag] : [],
      visitorData: visitorDataFor(this.#channel),
      visitor_status: 'ONLINE',
      conversationId: this.#conversationId,
      softDisable: false,
      chatbotName: this.#chatbotName,
      flow: { last_question_id: this.#questionId, retry_count: this.#retryCount },
      last_interaction_date: at(chatLog.length * LINE_SECONDS),
      creation_date: at(0),
      lead_post_date: isLead ? at(chatLog.length * LINE_SECONDS) : null,
    };
    return deepMerge(request, this.#extra) as unknown as WebhookRequestDto;
  }
}

/** Starts a realistic webhook request (see `WebhookRequestBuilder`). */
export function webhookRequest(): WebhookRequestBuilder {
  return new WebhookRequestBuilder();
}
