import { UNSERVED_MESSAGES, type UnservedReason } from '../../chatbots/chatbots.js';
import type { ResponseType } from '../../contract/response-type.js';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import type { WebhookResponseDto } from '../../contract/webhook-response.dto.js';
import type { FieldErrors } from '../../webhook/contract.checker.js';
import type { FaultReplyOutcome } from '../../webhook/handler-fault.js';
import type { WebhookOutcome } from '../../webhook/webhook-outcome.js';
import { describeThrown } from '../../logging/thrown-value.js';

/** What the dispatcher reported for one call (its `DispatchResult`, as the kit keeps it). */
export interface DispatchReport {
  reply: WebhookResponseDto;
  outcome: WebhookOutcome;
  questionId: number | null;
  chatbot?: string;
  handler: string | null;
  durationMs: number;
  unserved?: UnservedReason;
  error?: unknown;
  fields?: FieldErrors;
  faultReply?: FaultReplyOutcome;
  faultReplyError?: unknown;
  faultReplyFields?: FieldErrors;
}

function describeFields(fields: FieldErrors): string {
  return Object.entries(fields)
    .map(([path, problems]) => `${path}: ${problems.join(', ')}`)
    .join('; ');
}

/**
 * One webhook call run through the real dispatch path: the reply exactly as it would go
 * on the wire, how the call ended (`outcome`), and accessors for each part of the reply,
 * usable with plain `expect(...)` or through `expectReply(...)`.
 */
export class DispatchedReply {
  /** The reply as it goes on the wire: the handler's, its fault reply, or `{}`. */
  readonly reply: WebhookResponseDto;
  /**
   * How the call ended: replied, fallback, pass-through, timeout, error or invalid-reply
   * (the last three whether or not a fault reply was sent: see `faultReply`), or
   * unknown-chatbot (a call for no chatbot the kit serves: no handler ran, see `unserved`).
   */
  readonly outcome: WebhookOutcome;
  /** The handler that ran (class name), or null when none did. */
  readonly handler: string | null;
  /** The question the call was routed to, or null. */
  readonly questionId: number | null;
  /**
   * The chatbot the call was for (its name), in a kit with `chatbots`; undefined in a kit
   * without them, and for a call of a chatbot not served.
   */
  readonly chatbot: string | undefined;
  /** Why the call is for no chatbot the kit serves (outcome `unknown-chatbot`). */
  readonly unserved: UnservedReason | undefined;
  /**
   * The HTTP status the service would answer with: 200; 404 for a call of a chatbot not
   * served when the kit's `unknownChatbot` is `404` (then the body is the 404's, not `reply`).
   */
  readonly status: number;
  /** Time spent in dispatch, in milliseconds. */
  readonly durationMs: number;
  /** What the handler threw (outcome `error`, or an unserialisable reply). */
  readonly error: unknown;
  /** Where the handler's reply broke the response contract (outcome `invalid-reply`). */
  readonly fields: FieldErrors | undefined;
  /**
   * What became of the handler's fault reply (`onFault`), when it has one and faulted:
   * `sent` (then `reply` is the fault reply), `pass-through`, `invalid`, `threw` or `async`.
   */
  readonly faultReply: FaultReplyOutcome | undefined;
  /** What `onFault` threw (`threw`), or why its reply could not be serialised (`invalid`). */
  readonly faultReplyError: unknown;
  /** Where the fault reply broke the response contract (`invalid`). */
  readonly faultReplyFields: FieldErrors | undefined;
  /** The request as the handler received it (after the JSON round trip and the contract check). */
  readonly request: WebhookRequestDto;

  /**
   * @param report what the dispatcher reported
   * @param request the request as the handler received it
   * @param status the HTTP status of the answer (200 unless a chatbot not served is answered 404)
   */
  constructor(report: DispatchReport, request: WebhookRequestDto, status = 200) {
    this.reply = structuredClone(report.reply);
    this.outcome = report.outcome;
    this.handler = report.handler;
    this.questionId = report.questionId;
    this.chatbot = report.chatbot;
    this.unserved = report.unserved;
    this.status = status;
    this.durationMs = report.durationMs;
    this.error = report.error;
    this.fields = report.fields;
    this.faultReply = report.faultReply;
    this.faultReplyError = report.faultReplyError;
    this.faultReplyFields = report.faultReplyFields;
    this.request = request;
  }

  /** `response.text`: the texts the bot is made to say, in order (`[]` for none). */
  get texts(): string[] {
    return [...(this.reply.response?.text ?? [])];
  }

  /** `response.response_type`, if set. */
  get responseType(): ResponseType | undefined {
    return this.reply.response?.response_type;
  }

  /** `response.response_options` (LIST), if set. */
  get options(): string[] | undefined {
    const options = this.reply.response?.response_options;
    return options ? [...options] : undefined;
  }

  /** The `custom` memory writes (`{}` for none). */
  get custom(): Record<string, unknown> {
    return { ...this.reply.custom };
  }

  /** `response.stopChat` (false when not set). */
  get stopChat(): boolean {
    return this.reply.response?.stopChat === true;
  }

  /** `response.flow`: the question made active, if any. */
  get flow(): number | undefined {
    return this.reply.response?.flow;
  }

  /** `name.value`, if the reply sets it. */
  get name(): string | undefined {
    return this.reply.name?.value;
  }

  /** `email.value`, if the reply sets it. */
  get email(): string | undefined {
    return this.reply.email?.value;
  }

  /** The phone the reply sets, in the formats it gives. */
  get phone(): { national?: string; international?: string } | undefined {
    const phone = this.reply.phone;
    if (!phone) return undefined;
    return {
      ...(phone.national_format !== undefined ? { national: phone.national_format } : {}),
      ...(phone.international_format !== undefined
        ? { international: phone.international_format }
        : {}),
    };
  }

  /** The reply is `{}`: Cliengo goes on with its own script. */
  get isPassThrough(): boolean {
    return Object.keys(this.reply).length === 0;
  }

  /** The reply is the handler's fault reply (`onFault`): the handler faulted, this was sent. */
  get isFaultReply(): boolean {
    return this.faultReply === 'sent';
  }

  /**
   * One line for messages: `replied by MemberStatusHandler on question 7 in 1.2 ms`,
   * `timeout by MemberStatusHandler on question 7 in 5000 ms; fault reply sent`,
   * `replied by AutosModelHandler on question 3 for chatbot autos in 0.4 ms`.
   */
  describe(): string {
    const by = this.handler ? ` by ${this.handler}` : ' (no handler)';
    const on =
      this.questionId === null ? ' with no question id' : ` on question ${this.questionId}`;
    const chatbot = this.chatbot === undefined ? '' : ` for chatbot ${this.chatbot}`;
    const why =
      this.outcome === 'error' || (this.outcome === 'invalid-reply' && this.error !== undefined)
        ? `; the handler threw ${describeThrown(this.error)}`
        : this.outcome === 'invalid-reply' && this.fields
          ? `; reply problems: ${describeFields(this.fields)}`
          : this.unserved !== undefined
            ? `; ${this.unserved}: ${UNSERVED_MESSAGES[this.unserved]}${this.status === 404 ? '; answered 404' : ''}`
            : '';
    return `${this.outcome}${by}${on}${chatbot} in ${this.durationMs} ms${why}${this.#faultReplyNote()}`;
  }

  #faultReplyNote(): string {
    switch (this.faultReply) {
      case undefined:
        return '';
      case 'sent':
        return '; fault reply sent';
      case 'pass-through':
        return '; onFault returned nothing: {}';
      case 'threw':
        return `; onFault threw ${describeThrown(this.faultReplyError)}: {}`;
      case 'async':
        return '; onFault returned a promise, not waited for (a fault reply must be synchronous): {}';
      case 'invalid':
        return this.faultReplyFields
          ? `; fault reply problems: ${describeFields(this.faultReplyFields)}: {}`
          : `; fault reply not serialisable: ${describeThrown(this.faultReplyError)}: {}`;
    }
  }
}
