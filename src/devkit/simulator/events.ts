import type { ResponseType } from '../../contract/response-type.js';
import type { WebhookResponseDto } from '../../contract/webhook-response.dto.js';
import type { MemoryChange } from './conversation-state.js';
import type { WebhookExchange } from './webhook-client.js';

/** Why the bot said a line. */
export type BotLineOrigin = 'greeting' | 'question' | 'retry' | 'webhook' | 'closing' | 'idle';

/** Where a memory change came from. */
export type MemoryOrigin = 'answer' | 'detected' | 'webhook' | 'command';

/** The parts of a webhook reply the simulator applied, read tolerantly. */
export interface AppliedReply {
  name?: string;
  email?: string;
  phone?: { national_format?: string; international_format?: string };
  /** The `custom` writes: any JSON value; `null` clears the key. */
  custom: Record<string, unknown>;
  texts: string[];
  responseType?: ResponseType;
  options?: string[];
  stopChat: boolean;
  flow?: number;
  /** `{}`: nothing to apply (pass-through). */
  passThrough: boolean;
}

/** Something that happened in the simulated chat, in order, for display and checks. */
export type SimEvent =
  | { kind: 'visitor'; text: string }
  | { kind: 'bot'; text: string; origin: BotLineOrigin; questionId?: number }
  | { kind: 'options'; options: string[] }
  | {
      kind: 'answer';
      questionId: number;
      type: ResponseType;
      accepted: boolean;
      /** The value stored (accepted answers). */
      value?: string;
      /** Why it was not accepted. */
      reason?: string;
    }
  | { kind: 'memory'; origin: MemoryOrigin; changes: MemoryChange[] }
  | {
      kind: 'webhook';
      exchange: WebhookExchange;
      /** What was applied; undefined when the call failed. */
      reply?: AppliedReply;
      /** Where the reply breaks the response contract (it is applied as far as readable). */
      contractProblems?: Record<string, string[]>;
    }
  | { kind: 'webhook-skipped'; reason: string }
  | { kind: 'ignored-texts'; texts: string[] }
  | { kind: 'jump'; from: number | undefined; to: number; inScript: boolean }
  | { kind: 'stop' }
  | { kind: 'script-end' }
  | { kind: 'note'; text: string }
  | { kind: 'warning'; text: string };

/** What one step of the conversation produced. */
export interface Turn {
  events: SimEvent[];
  /** The visitor's message, on a visitor turn. */
  visitor?: string;
  /** The webhook call of this turn; undefined when none was made. */
  exchange?: WebhookExchange;
  /** The reply as applied; undefined when no call was made or it failed. */
  reply?: AppliedReply;
  /** The raw reply body, when the service answered 200 with JSON. */
  rawReply?: WebhookResponseDto;
  /** The lines the bot said, in order (LIST options are in `options`). */
  botLines: string[];
  /** The LIST options shown, numbered from 1; undefined when none were shown. */
  options?: string[];
}
