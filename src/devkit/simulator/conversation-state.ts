import type { Channel } from '../../contract/channel.js';
import type { ChatMessageDto } from '../../contract/chat-message.dto.js';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import {
  CLIENGO_SAMPLE,
  objectId,
  visitorDataFor,
  visitorIdFor,
} from '../shared/cliengo-values.js';
import { jsonEqual } from '../shared/json.js';

/** The lead data of the chatbot memory. */
export interface LeadMemory {
  name?: string;
  email?: string;
  phone?: { national_format?: string; international_format?: string };
}

/** The chatbot memory: the lead data and the `custom` answers. */
export interface MemoryView extends LeadMemory {
  custom: Record<string, unknown>;
}

/** One memory field that changed: `name`, `phone.international_format`, `custom.plan`... */
export interface MemoryChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** How a `custom` key is written in a memory path. */
export function customPath(key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `custom.${key}` : `custom[${JSON.stringify(key)}]`;
}

function flatten(memory: MemoryView): Map<string, unknown> {
  const fields = new Map<string, unknown>([
    ['name', memory.name],
    ['email', memory.email],
    ['phone.national_format', memory.phone?.national_format],
    ['phone.international_format', memory.phone?.international_format],
  ]);
  for (const [key, value] of Object.entries(memory.custom)) fields.set(customPath(key), value);
  return fields;
}

/**
 * Applies a reply's `custom` writes to the `custom` memory, as Cliengo does: per key, any
 * JSON value is written as it is (a copy), `null` clears the key, keys not written keep theirs.
 */
export function applyCustomWrites(
  custom: Record<string, unknown>,
  writes: Readonly<Record<string, unknown>>,
): void {
  for (const [key, value] of Object.entries(writes)) {
    if (value === null) delete custom[key];
    else custom[key] = structuredClone(value);
  }
}

/** The memory fields that differ between two snapshots, lead fields first. */
export function diffMemory(before: MemoryView, after: MemoryView): MemoryChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const changes: MemoryChange[] = [];
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    if (!jsonEqual(old.get(path), now.get(path))) {
      changes.push({ path, before: old.get(path), after: now.get(path) });
    }
  }
  return changes;
}

/** Where a conversation starts: the channel and what the chatbot already knows. */
export interface ConversationSeed {
  channel?: Channel;
  conversationId?: string;
  chatbotName?: string;
  /** The website id the requests carry; `null`: none. Default: a sample id. */
  websiteId?: string | null;
  /** Known `custom` memory at the start (e.g. from an earlier conversation). */
  memory?: Record<string, unknown>;
  lead?: LeadMemory;
  now?: () => Date;
}

/**
 * Everything Cliengo sends in a webhook request, kept as the conversation goes on: the
 * session identifiers, the chat log, the chatbot memory, the flow position and the
 * bookkeeping fields, with plausible values for what the simulator does not model.
 */
export class ConversationState {
  readonly channel: Channel;
  readonly conversationId: string;
  readonly visitorId: string;
  readonly chatbotName: string;
  readonly websiteId: string | null;
  readonly chatLog: ChatMessageDto[] = [];
  memory: MemoryView;
  lastQuestionId: number | undefined;
  /** 1-based position of the last asked question in the script (undocumented field). */
  lastQuestionOrder: number | undefined;
  retryCount = 0;
  areYouThere = 0;
  readonly tags: string[] = [];
  readonly #now: () => Date;
  readonly #created: string;
  #lastInteraction: string;
  #leadPosted: string | undefined;

  constructor(seed: ConversationSeed = {}) {
    this.#now = seed.now ?? (() => new Date());
    this.channel = seed.channel ?? 'WEB';
    this.conversationId = seed.conversationId ?? objectId();
    this.visitorId = visitorIdFor(this.channel);
    this.chatbotName = seed.chatbotName ?? CLIENGO_SAMPLE.chatbotName;
    this.websiteId = seed.websiteId === undefined ? CLIENGO_SAMPLE.websiteId : seed.websiteId;
    this.memory = structuredClone({ ...seed.lead, custom: seed.memory ?? {} });
    this.#created = this.#now().toISOString();
    this.#lastInteraction = this.#created;
    this.postLeadIfKnown();
  }

  /** A deep copy of the memory, to compare later. */
  snapshot(): MemoryView {
    return structuredClone(this.memory);
  }

  botSaid(text: string): void {
    this.chatLog.push({ sender: 'chatbot', text });
  }

  visitorSaid(text: string): void {
    this.chatLog.push({ sender: 'visitor', text });
    this.#lastInteraction = this.#now().toISOString();
  }

  /** Once an email or a phone is known, Cliengo posts the lead to the CRM and tags it. */
  postLeadIfKnown(): void {
    const known = this.memory.email || this.memory.phone?.international_format;
    if (!known || this.#leadPosted) return;
    this.#leadPosted = this.#now().toISOString();
    this.tags.push(CLIENGO_SAMPLE.newLeadTag);
  }

  /** The webhook request for the current state, as Cliengo would send it. */
  toRequest(): WebhookRequestDto {
    const { name, email, phone, custom } = this.memory;
    const request: WebhookRequestDto = {
      channel: this.channel,
      visitorId: this.visitorId,
      websiteId: this.websiteId,
      companyId: CLIENGO_SAMPLE.companyId,
      are_you_there: { index: this.areYouThere },
      chat_log: structuredClone(this.chatLog),
      collected_data: {
        intent: [],
        entities: [],
        custom: structuredClone(custom),
        name: { value: name ?? null },
        email: { value: email ?? null },
        phone: {
          national_format: phone?.national_format ?? null,
          international_format: phone?.international_format ?? null,
        },
      },
      fired_triggers: [CLIENGO_SAMPLE.triggerId],
      reactivated: false,
      status: 'ACTIVE',
      tags: [...this.tags],
      visitorData: visitorDataFor(this.channel),
      visitor_status: 'ONLINE',
      conversationId: this.conversationId,
      softDisable: false,
      chatbotName: this.chatbotName,
      flow: {
        last_question_id: this.lastQuestionId ?? null,
        retry_count: this.retryCount,
        ...(this.lastQuestionOrder !== undefined
          ? { last_question_messages: { order: this.lastQuestionOrder } }
          : {}),
      },
      last_interaction_date: this.#lastInteraction,
      creation_date: this.#created,
      lead_post_date: this.#leadPosted ?? null,
    };
    return request;
  }
}
