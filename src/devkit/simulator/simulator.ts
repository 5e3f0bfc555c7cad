import type { Channel } from '../../contract/channel.js';
import { RESPONSE_TYPES, type ResponseType } from '../../contract/response-type.js';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../../contract/webhook-response.dto.js';
import { CONTRACT_LIMITS } from '../../contract/contract.limits.js';
import { checkContract } from '../../webhook/contract.checker.js';
import { CLIENGO_SAMPLE } from '../shared/cliengo-values.js';
import { isRecord } from '../shared/json.js';
import {
  type AnswerExpectation,
  defaultRetryText,
  findEmail,
  readAnswer,
  readPhone,
} from './answers.js';
import {
  applyCustomWrites,
  ConversationState,
  diffMemory,
  type LeadMemory,
  type MemoryView,
} from './conversation-state.js';
import type { AppliedReply, BotLineOrigin, MemoryOrigin, SimEvent, Turn } from './events.js';
import { type ChatbotScript, findQuestion, nextQuestion } from './script.js';
import { OptionError, type WebhookTransport } from './webhook-client.js';

/** How a simulated conversation starts and where its webhook calls go. */
export interface SimulatorOptions {
  /** The chatbot's own script. */
  script: ChatbotScript;
  /** Delivers the webhook calls (a `WebhookClient`, or a fake in tests). */
  transport: WebhookTransport;
  /** Default: WEB. */
  channel?: Channel;
  /** Default: a new random id. */
  conversationId?: string;
  /**
   * The website id the requests carry (`websiteId`): in a deployment serving several
   * chatbots, the global URL answers them as the chatbot of that website. `null`: none.
   * Default: when the transport posts to a chatbot's own URLs, that chatbot's website id if
   * the transport knows it, else none; otherwise a sample id, no configured chatbot's.
   */
  websiteId?: string | null;
  /** The question the script starts at. Default: the script's `start`, else its first. */
  startAt?: number;
  /** `bot` (default): the bot greets and asks first. `visitor`: the visitor writes first. */
  opening?: 'bot' | 'visitor';
  /** Start with a human agent in control. */
  intervened?: boolean;
  /** `custom` memory known at the start. */
  memory?: Record<string, unknown>;
  /** Lead data known at the start. */
  lead?: LeadMemory;
  /** Country code for phones typed without one. Default: 54 (Argentina). */
  countryCode?: string;
  /** The clock for request dates (tests). */
  now?: () => Date;
}

/** Where the simulated chatbot stands. */
export interface SimulatorStatus {
  /** The active question: `flow.last_question_id`. */
  activeQuestion: number | undefined;
  /** What the next visitor message is read as; undefined when no question awaits one. */
  expecting: AnswerExpectation | undefined;
  /** A reply's `stopChat` stopped the script until the visitor talks again. */
  stopped: boolean;
  /** A human agent is in control: forced texts are ignored and the script waits. */
  intervened: boolean;
  /** The script has no more questions. */
  ended: boolean;
  memory: MemoryView;
}

/** Collects one turn's events and keeps the derived lists in step. */
class TurnRecorder {
  readonly turn: Turn = { events: [], botLines: [] };

  add(event: SimEvent): void {
    this.turn.events.push(event);
    if (event.kind === 'bot') this.turn.botLines.push(event.text);
    if (event.kind === 'options') this.turn.options = event.options;
  }
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Reads a webhook reply the way a tolerant Cliengo would: each well-typed part is applied,
 * anything else is left out (and the contract check reports it).
 */
export function readReply(body: Record<string, unknown>): AppliedReply {
  const applied: AppliedReply = {
    custom: {},
    texts: [],
    stopChat: false,
    passThrough: Object.keys(body).length === 0,
  };
  if (isRecord(body.name) && nonBlank(body.name.value)) applied.name = body.name.value;
  if (isRecord(body.email) && nonBlank(body.email.value)) applied.email = body.email.value;
  if (isRecord(body.phone)) {
    const phone: AppliedReply['phone'] = {};
    if (nonBlank(body.phone.national_format)) phone.national_format = body.phone.national_format;
    if (nonBlank(body.phone.international_format)) {
      phone.international_format = body.phone.international_format;
    }
    if (Object.keys(phone).length > 0) applied.phone = phone;
  }
  // Any JSON value is written as it is; null clears the key.
  if (isRecord(body.custom)) applied.custom = { ...body.custom };
  const response = isRecord(body.response) ? body.response : {};
  if (Array.isArray(response.text)) applied.texts = response.text.filter(nonBlank);
  if (RESPONSE_TYPES.includes(response.response_type as ResponseType)) {
    applied.responseType = response.response_type as ResponseType;
  }
  if (applied.responseType === 'LIST' && Array.isArray(response.response_options)) {
    applied.options = [...new Set(response.response_options.filter(nonBlank))];
    if (applied.options.length === 0) {
      delete applied.responseType;
      delete applied.options;
    }
  } else if (applied.responseType === 'LIST') {
    delete applied.responseType;
  }
  applied.stopChat = response.stopChat === true;
  if (Number.isSafeInteger(response.flow) && (response.flow as number) >= 0) {
    applied.flow = response.flow as number;
  }
  return applied;
}

/**
 * Plays Cliengo against a webhook: keeps the chatbot memory, runs its own script of
 * questions, calls the webhook for every visitor message and applies each reply as
 * Cliengo does.
 *
 * For each visitor message:
 * 1. the message is read as the answer to the active question (Cliengo's heuristics):
 *    a LIST accepts the option's number or text; TEXT and LIST answers are stored in
 *    `custom` under the question's `internal_name` (else `""`), NAME / EMAIL / PHONE
 *    answers in the lead fields (and in `custom` too when the question has an
 *    `internal_name`); an email address in any message is remembered;
 * 2. the webhook is called with the whole memory (global URL, or the active question's
 *    URL in per-question mode);
 * 3. the reply is applied: memory writes per key; forced texts shown (ignored while a human
 *    agent is in control); `response_type`/`response_options` set what the next message is
 *    read as (LIST options shown numbered); `flow` makes that question the active one;
 *    `stopChat` stops the script until the visitor talks again;
 * 4. unless stopped, the script goes on: it asks the `flow` target, else the next question
 *    (or asks again after an answer that does not fit, up to the question's `retries`).
 *
 * A webhook that fails (non-200, not JSON, timeout, unreachable) changes nothing: the
 * script goes on as if the reply were `{}`.
 */
export class CliengoSimulator {
  readonly script: ChatbotScript;
  readonly #transport: WebhookTransport;
  readonly #state: ConversationState;
  readonly #countryCode: string;
  readonly #opening: 'bot' | 'visitor';
  readonly #startAt: number | undefined;
  #override: AnswerExpectation | undefined;
  #awaiting = false;
  #stopped = false;
  #ended = false;
  #started = false;
  #intervened: boolean;
  #lastRequest: WebhookRequestDto | undefined;

  constructor(options: SimulatorOptions) {
    this.script = options.script;
    this.#transport = options.transport;
    this.#countryCode = options.countryCode ?? '54';
    this.#opening = options.opening ?? 'bot';
    this.#intervened = options.intervened ?? false;
    this.#startAt = options.startAt ?? options.script.start;
    if (this.#startAt !== undefined && !findQuestion(this.script, this.#startAt)) {
      throw new OptionError(`the script has no question ${this.#startAt} to start at`);
    }
    const chatbot = options.transport.chatbot;
    const websiteId =
      options.websiteId !== undefined
        ? options.websiteId
        : chatbot
          ? (chatbot.websiteId ?? null)
          : CLIENGO_SAMPLE.websiteId;
    if (
      websiteId !== null &&
      (websiteId.trim() === '' || websiteId.length > CONTRACT_LIMITS.idLength)
    ) {
      throw new OptionError(
        `the website id must be 1 to ${CONTRACT_LIMITS.idLength} characters, not blank (null for none)`,
      );
    }
    this.#state = new ConversationState({
      channel: options.channel,
      conversationId: options.conversationId,
      websiteId,
      chatbotName: options.script.chatbotName,
      memory: options.memory,
      lead: options.lead,
      now: options.now,
    });
  }

  /** The conversation id sent in every request. */
  get conversationId(): string {
    return this.#state.conversationId;
  }

  get channel(): Channel {
    return this.#state.channel;
  }

  /** The website id sent in every request (`null`: none). */
  get websiteId(): string | null {
    return this.#state.websiteId;
  }

  /**
   * Where the webhook calls go, for display; with the website id the requests carry, unless
   * it is the sample one: `http://localhost:3000/webhook · websiteId 5de1…`, `· no websiteId`.
   */
  get target(): string {
    const where = this.#transport.describe();
    const websiteId = this.#state.websiteId;
    if (websiteId === CLIENGO_SAMPLE.websiteId) return where;
    return `${where} · ${websiteId === null ? 'no websiteId' : `websiteId ${websiteId}`}`;
  }

  get mode(): WebhookTransport['mode'] {
    return this.#transport.mode;
  }

  /** Where the chatbot stands now. */
  status(): SimulatorStatus {
    return {
      activeQuestion: this.#state.lastQuestionId,
      expecting: this.#awaiting ? this.#expectation() : undefined,
      stopped: this.#stopped,
      intervened: this.#intervened,
      ended: this.#ended,
      memory: this.#state.snapshot(),
    };
  }

  /** The request the webhook would get now (the last one sent is `lastRequest`). */
  currentRequest(): WebhookRequestDto {
    return this.#state.toRequest();
  }

  /** The last request sent to the webhook. */
  get lastRequest(): WebhookRequestDto | undefined {
    return this.#lastRequest;
  }

  /** Opens the conversation: the bot greets and asks its first question (unless the visitor opens). */
  start(): Turn {
    const turn = new TurnRecorder();
    if (this.#started) return turn.turn;
    if (this.#opening === 'visitor') {
      turn.add({ kind: 'note', text: 'the visitor writes first' });
      return turn.turn;
    }
    this.#begin(turn);
    this.#showOptions(turn, true);
    if (this.#intervened) {
      turn.add({
        kind: 'note',
        text: 'a human agent is in control: forced texts are ignored, memory writes still apply',
      });
    }
    return turn.turn;
  }

  /** The visitor sends a message: one full Cliengo turn, webhook call included. */
  async visitorSays(text: string): Promise<Turn> {
    const turn = new TurnRecorder();
    turn.turn.visitor = text;
    turn.add({ kind: 'visitor', text });
    this.#stopped = false;
    this.#state.visitorSaid(text);

    const answered = this.#readAnswer(text, turn);
    this.#override = undefined;

    const reply = await this.#callWebhook(turn);
    const askedOverride = reply?.responseType !== undefined && !this.#intervened;
    let asked = false;
    if (this.#intervened) {
      turn.add({
        kind: 'note',
        text: 'a human agent is in control: the script waits',
      });
    } else if (this.#stopped) {
      // stopChat: nothing more until the visitor talks again.
    } else if (reply?.flow !== undefined) {
      asked = this.#ask(reply.flow, turn);
    } else if (!this.#started) {
      asked = this.#begin(turn);
    } else if (answered === 'rejected') {
      asked = this.#retry(turn);
    } else if (answered === 'accepted') {
      asked = this.#advance(turn);
    } else if (this.#ended) {
      turn.add({ kind: 'note', text: 'the script has ended: the bot has nothing more to ask' });
    }
    this.#showOptions(turn, asked || askedOverride);
    return turn.turn;
  }

  /** A human agent takes over (`true`) or hands the conversation back to the bot. */
  setIntervened(intervened: boolean): Turn {
    const turn = new TurnRecorder();
    this.#intervened = intervened;
    turn.add({
      kind: 'note',
      text: intervened
        ? 'a human agent took over: forced texts are ignored, memory writes still apply'
        : this.#awaiting
          ? `the bot is back in control: the next message answers question ${this.#state.lastQuestionId}`
          : 'the bot is back in control',
    });
    return turn.turn;
  }

  /** The visitor went idle: the bot asks whether someone is there (`are_you_there.index`). */
  areYouThere(): Turn {
    const turn = new TurnRecorder();
    this.#state.areYouThere += 1;
    this.#say(turn, '¿Seguís ahí?', 'idle');
    return turn.turn;
  }

  /** Makes a question active and asks it, as a `flow` jump would (for exploring). */
  goTo(questionId: number): Turn {
    const turn = new TurnRecorder();
    this.#started = true;
    this.#override = undefined;
    this.#stopped = false;
    const asked = this.#ask(questionId, turn);
    this.#showOptions(turn, asked);
    return turn.turn;
  }

  /** Writes a memory value by hand: `name`, `email`, `phone` or a `custom` key. */
  setMemory(key: string, value: string): Turn {
    const turn = new TurnRecorder();
    this.#changeMemory(turn, 'command', (memory) => {
      if (key === 'name' || key === 'email') memory[key] = value;
      else if (key === 'phone') {
        memory.phone = readPhone(value, this.#countryCode) ?? { national_format: value };
      } else memory.custom[key.replace(/^custom\./, '')] = value;
    });
    this.#state.postLeadIfKnown();
    return turn.turn;
  }

  #expectation(): AnswerExpectation {
    if (this.#override) return this.#override;
    const question = findQuestion(this.script, this.#state.lastQuestionId);
    return question ? { type: question.type, options: question.options } : { type: 'TEXT' };
  }

  #say(turn: TurnRecorder, text: string, origin: BotLineOrigin, questionId?: number): void {
    this.#state.botSaid(text);
    turn.add({ kind: 'bot', text, origin, ...(questionId !== undefined ? { questionId } : {}) });
  }

  #changeMemory(
    turn: TurnRecorder,
    origin: MemoryOrigin,
    change: (memory: MemoryView) => void,
  ): void {
    const before = this.#state.snapshot();
    change(this.#state.memory);
    const changes = diffMemory(before, this.#state.memory);
    if (changes.length > 0) turn.add({ kind: 'memory', origin, changes });
  }

  #readAnswer(text: string, turn: TurnRecorder): 'accepted' | 'rejected' | 'none' {
    let outcome: 'accepted' | 'rejected' | 'none' = 'none';
    const questionId = this.#state.lastQuestionId;
    if (!this.#intervened && this.#awaiting && questionId !== undefined) {
      const expectation = this.#expectation();
      const read = readAnswer(text, expectation, this.#countryCode);
      if (read.accepted) {
        outcome = 'accepted';
        turn.add({
          kind: 'answer',
          questionId,
          type: expectation.type,
          accepted: true,
          value: read.value,
        });
        const question = findQuestion(this.script, questionId);
        this.#changeMemory(turn, 'answer', (memory) => {
          if (expectation.type === 'NAME') memory.name = read.value;
          if (expectation.type === 'EMAIL') memory.email = read.value;
          if (expectation.type === 'PHONE' && read.phone) memory.phone = { ...read.phone };
          // Free answers are kept in custom; lead answers only when the question names a key.
          const lead = ['NAME', 'EMAIL', 'PHONE'].includes(expectation.type);
          if (!lead || question?.internal_name) {
            memory.custom[question?.internal_name ?? ''] = read.value;
          }
        });
      } else {
        outcome = 'rejected';
        turn.add({
          kind: 'answer',
          questionId,
          type: expectation.type,
          accepted: false,
          reason: read.reason,
        });
      }
    }
    const email = findEmail(text);
    if (email && !this.#state.memory.email) {
      this.#changeMemory(turn, 'detected', (memory) => {
        memory.email = email;
      });
    }
    this.#state.postLeadIfKnown();
    return outcome;
  }

  async #callWebhook(turn: TurnRecorder): Promise<AppliedReply | undefined> {
    const questionId = this.#state.lastQuestionId;
    if (this.#transport.mode === 'per-question') {
      if (questionId === undefined) {
        turn.add({
          kind: 'webhook-skipped',
          reason: 'no question is active yet, and per-question URLs belong to questions',
        });
        return undefined;
      }
      if (findQuestion(this.script, questionId)?.webhook === false) {
        turn.add({
          kind: 'webhook-skipped',
          reason: `question ${questionId} has no webhook URL`,
        });
        return undefined;
      }
    }
    const request = this.#state.toRequest();
    this.#lastRequest = request;
    const exchange = await this.#transport.post(
      request,
      this.#transport.mode === 'per-question' ? questionId : undefined,
    );
    turn.turn.exchange = exchange;
    if (exchange.failure) {
      turn.add({ kind: 'webhook', exchange });
      return undefined;
    }
    if (!isRecord(exchange.body)) {
      exchange.failure = { kind: 'not-json', message: 'the reply is not a JSON object' };
      turn.add({ kind: 'webhook', exchange });
      return undefined;
    }
    turn.turn.rawReply = exchange.body;
    const contractProblems = checkContract(WebhookResponseDto, structuredClone(exchange.body), {
      strict: true,
    });
    const reply = readReply(exchange.body);
    turn.turn.reply = reply;
    turn.add({
      kind: 'webhook',
      exchange,
      reply,
      ...(contractProblems ? { contractProblems } : {}),
    });
    this.#apply(reply, turn);
    return reply;
  }

  #apply(reply: AppliedReply, turn: TurnRecorder): void {
    this.#changeMemory(turn, 'webhook', (memory) => {
      if (reply.name !== undefined) memory.name = reply.name;
      if (reply.email !== undefined) memory.email = reply.email;
      if (reply.phone) memory.phone = { ...memory.phone, ...reply.phone };
      applyCustomWrites(memory.custom, reply.custom);
    });
    this.#state.postLeadIfKnown();
    if (reply.flow !== undefined) {
      const from = this.#state.lastQuestionId;
      const target = findQuestion(this.script, reply.flow);
      this.#state.lastQuestionId = reply.flow;
      this.#state.lastQuestionOrder = target
        ? this.script.questions.indexOf(target) + 1
        : undefined;
      this.#state.retryCount = 0;
      this.#awaiting = true;
      this.#ended = false;
      this.#started = true;
      turn.add({ kind: 'jump', from, to: reply.flow, inScript: target !== undefined });
    }
    if (reply.responseType !== undefined) {
      this.#override = { type: reply.responseType, options: reply.options };
      this.#awaiting = this.#state.lastQuestionId !== undefined || this.#awaiting;
    }
    if (reply.stopChat && !this.#intervened) {
      this.#stopped = true;
      turn.add({ kind: 'stop' });
    }
    if (reply.texts.length > 0) {
      if (this.#intervened) turn.add({ kind: 'ignored-texts', texts: reply.texts });
      else for (const text of reply.texts) this.#say(turn, text, 'webhook');
    }
  }

  /** Greets and asks the first question. */
  #begin(turn: TurnRecorder): boolean {
    this.#started = true;
    for (const line of this.script.greeting) this.#say(turn, line, 'greeting');
    const first = findQuestion(this.script, this.#startAt) ?? this.script.questions[0];
    return first ? this.#ask(first.id, turn) : false;
  }

  /** Makes a question active and asks it; a question the script lacks is made active silently. */
  #ask(questionId: number, turn: TurnRecorder, retry = false): boolean {
    const question = findQuestion(this.script, questionId);
    if (!retry) this.#state.retryCount = 0;
    this.#state.lastQuestionId = questionId;
    this.#awaiting = true;
    this.#ended = false;
    if (!question) {
      this.#state.lastQuestionOrder = undefined;
      turn.add({
        kind: 'warning',
        text: `question ${questionId} is not in the simulator's script: its text is unknown, the next message is read as its answer`,
      });
      return false;
    }
    this.#state.lastQuestionOrder = this.script.questions.indexOf(question) + 1;
    for (const line of question.text) this.#say(turn, line, 'question', question.id);
    return true;
  }

  /** Asks the active question again after an answer that did not fit, or moves on. */
  #retry(turn: TurnRecorder): boolean {
    const question = findQuestion(this.script, this.#state.lastQuestionId);
    if (!question) return false;
    if (this.#state.retryCount >= question.retries) {
      turn.add({
        kind: 'note',
        text: `no valid answer to question ${question.id} after ${question.retries} retries: the script moves on`,
      });
      return this.#advance(turn);
    }
    this.#state.retryCount += 1;
    this.#say(
      turn,
      question.retry_text ?? defaultRetryText(this.#expectation().type),
      'retry',
      question.id,
    );
    return this.#ask(question.id, turn, true);
  }

  /** Goes to the question after the active one, or ends the script. */
  #advance(turn: TurnRecorder): boolean {
    const current = findQuestion(this.script, this.#state.lastQuestionId);
    const next = current ? nextQuestion(this.script, current) : undefined;
    if (next) return this.#ask(next.id, turn);
    this.#awaiting = false;
    if (!this.#ended) {
      this.#ended = true;
      for (const line of this.script.closing) this.#say(turn, line, 'closing');
      turn.add({ kind: 'script-end' });
    }
    return false;
  }

  /** Shows the LIST options of what the next message is read as, numbered from 1. */
  #showOptions(turn: TurnRecorder, show: boolean): void {
    if (!show || this.#intervened || !this.#awaiting) return;
    const expectation = this.#expectation();
    if (expectation.type === 'LIST' && expectation.options?.length) {
      turn.add({ kind: 'options', options: [...expectation.options] });
    }
  }
}
