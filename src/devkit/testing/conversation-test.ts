import type { MemoryView } from '../simulator/conversation-state.js';
import type { Turn } from '../simulator/events.js';
import type { StepExpectation, WebhookExpectation } from '../simulator/flow-file.js';
import { type RenderOptions, renderTurn } from '../simulator/renderer.js';
import {
  CliengoSimulator,
  type SimulatorOptions,
  type SimulatorStatus,
} from '../simulator/simulator.js';
import { plainStyle } from '../simulator/style.js';
import type { UrlMode } from '../simulator/webhook-client.js';
import { type ConversationScript, resolveConversationScript } from './conversation-script.js';
import { type BotLines, ConversationSteps, type ReplyCheck } from './conversation-steps.js';
import { ConversationTurn } from './conversation-turn.js';
import { type KitDispatch, KitTransport } from './kit-transport.js';

/** How a test conversation starts, and which URL style its webhook calls take. */
export interface ConversationOptions extends Omit<
  SimulatorOptions,
  'script' | 'transport' | 'startAt'
> {
  /**
   * The chatbot's script: an object (a `ChatbotScript`, or written as in a script file:
   * `{ questions: [{ id: 30, text: '¿Querés cotizar?' }] }`), the path of a script file
   * (from the working directory), or the ids of the questions of a minimal script
   * (`[30, 31]`). Default: a minimal script of the `startAt` question alone (else question
   * 1), asked with a neutral text (`Pregunta 30`).
   */
  script?: ConversationScript;
  /** The question the conversation starts at. Default: the script's `start`, else its first. */
  startAt?: number;
  /**
   * `global` (default) sends like the global URL, routed by `flow.last_question_id`;
   * `per-question` like the active question's own URL.
   */
  mode?: UrlMode;
}

/**
 * A whole conversation, in-process: the `CliengoSimulator` (memory, chat log, flow position,
 * each reply applied as Cliengo applies it) playing its script against the handlers of a
 * `HandlerTestKit`, through the real dispatch path. Made by `kit.conversation(options)`, or
 * by `kit.chatbot(name).conversation(options)` to play as one of the kit's chatbots, on its
 * own URLs (with `websiteId` in the options, a kit's conversation plays as the chatbot of
 * that website on the global URL).
 *
 * Drive it step by step and assert on each turn:
 *
 * ```ts
 * const chat = kit.conversation({ startAt: 30 });
 * chat.start(); // "Pregunta 30"
 * const turn = await chat.visitorSays('sí');
 * expectReply(turn.dispatched).toSay('¿Cuál es la patente?').toStopChat();
 * expect(turn.botLines).toEqual(['¿Cuál es la patente?']);
 * expect(chat.memory.custom).toMatchObject({ step: 'plate' });
 * ```
 *
 * or chain the steps and their expectations, and await them once (see `ConversationSteps`):
 *
 * ```ts
 * await kit
 *   .conversation({ startAt: 30 })
 *   .bot('Pregunta 30')
 *   .says('sí')
 *   .reply((reply) => reply.toSay('¿Cuál es la patente?').toStopChat())
 *   .memory({ custom: { step: 'plate' } })
 *   .says('AB123CD')
 *   .memory({ custom: { patente: 'AB123CD', step: null } });
 * ```
 */
export class ConversationTest {
  /** The in-process transport the simulator posts through (every call in `exchanges`). */
  readonly transport: KitTransport;
  /**
   * The simulator behind the conversation, for what this class does not wrap (`goTo`,
   * `areYouThere`, `setMemory`, `currentRequest()`...); its turns are not in `turns`.
   */
  readonly simulator: CliengoSimulator;
  readonly #turns: ConversationTurn[] = [];
  readonly #transcript: string[] = [];
  readonly #render: RenderOptions;
  #started = false;
  #busy = false;

  constructor(kit: KitDispatch, options: ConversationOptions = {}) {
    const { script, mode, ...settings } = options;
    this.transport = new KitTransport(kit, mode ?? 'global');
    this.simulator = new CliengoSimulator({
      ...settings,
      script: resolveConversationScript(script, options.startAt),
      transport: this.transport,
    });
    this.#render = {
      chatbotName: this.simulator.script.chatbotName,
      style: plainStyle,
      echoVisitor: true,
    };
  }

  /** Whether the conversation was opened (`start()`, or a first visitor message). */
  get started(): boolean {
    return this.#started;
  }

  /** The chatbot memory now: lead fields and `custom` (a copy). */
  get memory(): MemoryView {
    return this.simulator.status().memory;
  }

  /** Where the chatbot stands now: active question, what the next message is read as... */
  status(): SimulatorStatus {
    return this.simulator.status();
  }

  /** Every turn so far, the opening first. */
  get turns(): readonly ConversationTurn[] {
    return this.#turns;
  }

  /** The last turn, if any. */
  get lastTurn(): ConversationTurn | undefined {
    return this.#turns.at(-1);
  }

  /** The conversation so far as the simulator prints it (the visitor's lines included). */
  get transcript(): readonly string[] {
    return this.#transcript;
  }

  /**
   * Opens the conversation: the bot greets and asks its first question (unless the visitor
   * opens: `opening: 'visitor'`). Once only; later calls return an empty turn.
   */
  start(): ConversationTurn {
    this.#idle('start()');
    if (this.#started) return new ConversationTurn({ events: [], botLines: [] }, this.status(), []);
    this.#started = true;
    return this.#record(this.simulator.start());
  }

  /**
   * The visitor sends a message: one full Cliengo turn (the answer read as the active
   * question's, the webhook dispatched through the kit, the reply applied, the script going
   * on). Opens the conversation first when `start()` was not called. The dispatch starts
   * within this call, so fake timers can be advanced right after it.
   */
  async visitorSays(text: string): Promise<ConversationTurn> {
    this.#idle(`visitorSays(${JSON.stringify(text)})`);
    if (!this.#started) this.start();
    this.#busy = true;
    try {
      return this.#record(await this.simulator.visitorSays(text));
    } finally {
      this.#busy = false;
    }
  }

  /** A human agent takes over (`true`), or hands the conversation back to the bot. */
  setIntervened(intervened: boolean): ConversationTurn {
    this.#idle(`setIntervened(${intervened})`);
    return this.#record(this.simulator.setIntervened(intervened));
  }

  // Chained steps: each starts a `ConversationSteps` on this conversation.

  /** Chains a visitor message (see `ConversationSteps.says`). */
  says(text: string): ConversationSteps {
    return new ConversationSteps(this).says(text);
  }

  /** Chains a human agent taking over, or handing back (see `ConversationSteps.intervene`). */
  intervene(on = true): ConversationSteps {
    return new ConversationSteps(this).intervene(on);
  }

  /** Expects the bot's lines of the opening (see `ConversationSteps.bot`). */
  bot(...lines: BotLines): ConversationSteps {
    return new ConversationSteps(this).bot(...lines);
  }

  /** Expects the LIST options shown at the opening (see `ConversationSteps.options`). */
  options(options: readonly string[] | null): ConversationSteps {
    return new ConversationSteps(this).options(options);
  }

  /** Expects the active question at the opening (see `ConversationSteps.activeQuestion`). */
  activeQuestion(questionId: number | null): ConversationSteps {
    return new ConversationSteps(this).activeQuestion(questionId);
  }

  /** Expects what the first message will be read as (see `ConversationSteps.expecting`). */
  expecting(expecting: StepExpectation['expecting']): ConversationSteps {
    return new ConversationSteps(this).expecting(expecting);
  }

  /** Expects whether the script is stopped (see `ConversationSteps.stopChat`). */
  stopChat(stopped = true): ConversationSteps {
    return new ConversationSteps(this).stopChat(stopped);
  }

  /** Expects whether the script has ended (see `ConversationSteps.ended`). */
  ended(ended = true): ConversationSteps {
    return new ConversationSteps(this).ended(ended);
  }

  /** Expects the webhook call of the last turn (see `ConversationSteps.webhook`). */
  webhook(expectation: WebhookExpectation): ConversationSteps {
    return new ConversationSteps(this).webhook(expectation);
  }

  /** Checks the last turn's dispatched reply (see `ConversationSteps.reply`). */
  reply(check: ReplyCheck): ConversationSteps {
    return new ConversationSteps(this).reply(check);
  }

  /**
   * Expects anything a conversation file's `expect` holds, memory included, at the opening
   * (`chat.memory` is the memory itself, so the memory expectation starts here or after a step).
   */
  expect(expectation: StepExpectation): ConversationSteps {
    return new ConversationSteps(this).expect(expectation);
  }

  #idle(call: string): void {
    if (this.#busy) {
      throw new TypeError(
        `${call} while the visitor's last message is still being answered: await visitorSays(...) (or the chained steps) first`,
      );
    }
  }

  #record(turn: Turn): ConversationTurn {
    const lines = renderTurn(turn, this.#render);
    this.#transcript.push(...lines);
    const recorded = new ConversationTurn(turn, this.status(), lines);
    this.#turns.push(recorded);
    return recorded;
  }
}
