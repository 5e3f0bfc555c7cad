import type { Mismatch } from '../simulator/expectations.js';
import { checkStep } from '../simulator/expectations.js';
import type {
  FlowStep,
  MemoryExpectation,
  StepExpectation,
  WebhookExpectation,
} from '../simulator/flow-file.js';
import { formatStepFailure, stepLabel } from '../simulator/step-report.js';
import type { TextMatcher } from '../shared/text-matcher.js';
import { ConversationAssertionError } from './conversation-assertion.error.js';
import type { ConversationTest } from './conversation-test.js';
import { ConversationTurn } from './conversation-turn.js';
import type { DispatchedReply } from './dispatched-reply.js';
import { expectReply, type ReplyExpectation } from './reply-expectation.js';

const THIS_FILE = /[/\\]conversation-steps\.[jt]s:/;

/** The bot's lines, as separate arguments or as one list: `bot('a', 'b')`, `bot(['a', 'b'])`. */
export type BotLines = TextMatcher[] | [readonly TextMatcher[]];

/**
 * A check of a step's dispatched reply: given `expectReply(dispatched)`, the
 * `DispatchedReply` itself and the turn. It fails the step by throwing (or rejecting).
 */
export type ReplyCheck = (
  reply: ReplyExpectation,
  dispatched: DispatchedReply,
  turn: ConversationTurn,
) => unknown;

/** What must be true after a step (or at the opening). */
interface Expectations {
  expect: StepExpectation;
  checks: ReplyCheck[];
}

/** A step as chained: what happens, and what must be true after it. */
interface ChainedStep extends Expectations {
  action: Extract<FlowStep, { kind: 'visitor' | 'intervene' }>;
}

function isMatcherList(value: unknown): value is readonly TextMatcher[] {
  return Array.isArray(value);
}

function isEmpty(expectation: StepExpectation): boolean {
  return Object.values(expectation).every((value) => value === undefined);
}

/** Merges expectations given for one step: memory and webhook key by key, the rest replaced. */
function merge(target: StepExpectation, patch: StepExpectation): void {
  const { memory, webhook, ...rest } = patch;
  Object.assign(target, rest);
  if (memory) {
    const custom = target.memory?.custom || memory.custom;
    target.memory = {
      ...target.memory,
      ...memory,
      ...(custom ? { custom: { ...target.memory?.custom, ...memory.custom } } : {}),
    };
  }
  if (webhook) {
    const custom = target.webhook?.custom || webhook.custom;
    target.webhook = {
      ...target.webhook,
      ...webhook,
      ...(custom ? { custom: { ...target.webhook?.custom, ...webhook.custom } } : {}),
    };
  }
}

/**
 * Chained steps of a test conversation, in the spirit of Bot Framework's TestFlow: actions
 * (`says`, `intervene`), each followed by what must be true after it, awaited once. Every
 * expectation method is the conversation file's `expect` key of the same name and checks
 * the step it follows (given before the first action, the opening):
 *
 * ```ts
 * await kit
 *   .conversation({ script: { questions: [{ id: 30, text: '¿Querés cotizar?' }] } })
 *   .bot('¿Querés cotizar?')
 *   .says('sí')
 *   .reply((reply) => reply.toSay('¿Qué seguro?').toExpectList(['Auto', 'Moto']))
 *   .bot('¿Qué seguro?')
 *   .options(['Auto', 'Moto'])
 *   .says('auto')
 *   .memory({ custom: { seguro: 'Auto' } });
 * ```
 *
 * Awaiting runs the steps in order on the conversation (opening it first when it is not
 * yet); the first step that is not as expected rejects with a `ConversationAssertionError`
 * naming the step, showing each mismatch, the turn's webhook call and the transcript so
 * far. A step whose webhook call fails, or whose reply breaks the response contract, fails
 * too (as in a conversation file). Steps are added before awaiting; once run, a chain is
 * done: chain more from the conversation.
 */
export class ConversationSteps implements PromiseLike<void> {
  readonly #conversation: ConversationTest;
  readonly #opening: Expectations = { expect: {}, checks: [] };
  readonly #steps: ChainedStep[] = [];
  #run: Promise<void> | undefined;

  constructor(conversation: ConversationTest) {
    this.#conversation = conversation;
  }

  /** The visitor sends this message (a step). */
  says(text: string): this {
    return this.#add({ kind: 'visitor', text });
  }

  /** A human agent takes over (`true`, default) or hands back to the bot (`false`) (a step). */
  intervene(on = true): this {
    return this.#add({ kind: 'intervene', on });
  }

  /**
   * Every line the bot said in the step, in order: exact strings, `{ contains }`,
   * `{ regex, flags? }` or RegExps. `bot()` with nothing: the bot said nothing.
   */
  bot(...lines: BotLines): this {
    const list = lines.length === 1 && isMatcherList(lines[0]) ? lines[0] : lines;
    return this.expect({ bot: [...(list as readonly TextMatcher[])] });
  }

  /** The LIST options shown in the step, in order; `null`: none. */
  options(options: readonly string[] | null): this {
    return this.expect({ options: options === null ? null : [...options] });
  }

  /**
   * The chatbot memory after the step: `name`, `email`, `phone` (either format) and these
   * `custom` keys (others may exist); `null`: not set (a key cleared with `null` is gone).
   */
  memory(expectation: MemoryExpectation): this {
    return this.expect({ memory: expectation });
  }

  /** The active question (`flow.last_question_id`) after the step; `null`: none. */
  activeQuestion(questionId: number | null): this {
    return this.expect({ activeQuestion: questionId });
  }

  /** What the next message will be read as (`{ type, options? }`); `null`: nothing waits. */
  expecting(expecting: StepExpectation['expecting']): this {
    return this.expect({ expecting });
  }

  /** The script is stopped by a reply's `stopChat` (`true`, default) or goes on (`false`). */
  stopChat(stopped = true): this {
    return this.expect({ stopChat: stopped });
  }

  /** The script has no more questions (`true`, default), or has (`false`). */
  ended(ended = true): this {
    return this.expect({ ended });
  }

  /** The step's webhook call and reply, as a conversation file's `webhook` expectation. */
  webhook(expectation: WebhookExpectation): this {
    return this.expect({ webhook: expectation });
  }

  /**
   * Checks the step's dispatched reply with the kit's assertions:
   * `.reply((reply) => reply.toSetCustom({ turns: 2 }).toStopChat())`; the callback also gets
   * the `DispatchedReply` and the turn. The step fails when it made no webhook call.
   */
  reply(check: ReplyCheck): this {
    this.#guard();
    this.#current().checks.push(check);
    return this;
  }

  /**
   * Anything a conversation file's `expect` holds, for the step. Given twice for one step,
   * `memory` and `webhook` are merged key by key; the other keys are replaced.
   */
  expect(expectation: StepExpectation): this {
    this.#guard();
    merge(this.#current().expect, expectation);
    return this;
  }

  /** Runs the steps (once, however often awaited). */
  then<TResult1 = void, TResult2 = never>(
    onfulfilled?: ((value: void) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    this.#run ??= this.#play();
    return this.#run.then(onfulfilled, onrejected);
  }

  #add(action: ChainedStep['action']): this {
    this.#guard();
    this.#steps.push({ action, expect: {}, checks: [] });
    return this;
  }

  #current(): Expectations {
    return this.#steps.at(-1) ?? this.#opening;
  }

  #guard(): void {
    if (this.#run) {
      throw new TypeError(
        'these chained steps have already run: chain more from the conversation (chat.says(...))',
      );
    }
  }

  async #play(): Promise<void> {
    const chat = this.#conversation;
    const opening = this.#opening;
    const checked = !isEmpty(opening.expect) || opening.checks.length > 0;
    if (!chat.started) {
      const turn = chat.start();
      if (checked) await this.#check(opening, turn, 0, 'the opening', 'the opening');
    } else if (checked) {
      const turn =
        chat.lastTurn ?? new ConversationTurn({ events: [], botLines: [] }, chat.status(), []);
      const label = 'before the first step';
      await this.#check(opening, turn, 0, label, `${label} (where the conversation stands)`);
    }
    for (const [index, step] of this.#steps.entries()) {
      const { action } = step;
      const turn =
        action.kind === 'visitor'
          ? await chat.visitorSays(action.text)
          : chat.setIntervened(action.on);
      const label = stepLabel(action);
      const heading = `step ${index + 1} of ${this.#steps.length} (${label})`;
      await this.#check(step, turn, index + 1, label, heading);
    }
  }

  async #check(
    step: Expectations,
    turn: ConversationTurn,
    number: number,
    label: string,
    heading: string,
  ): Promise<void> {
    const fail = (mismatches: Mismatch[], cause?: unknown) =>
      this.#failure(heading, number, label, mismatches, turn, cause);
    const mismatches = checkStep(isEmpty(step.expect) ? undefined : step.expect, turn, turn.status);
    if (mismatches.length > 0) throw fail(mismatches);
    for (const [index, check] of step.checks.entries()) {
      const subject = `reply(...) check${step.checks.length > 1 ? ` ${index + 1}` : ''}`;
      let dispatched: DispatchedReply;
      try {
        dispatched = turn.dispatched;
      } catch (error) {
        const lines: Mismatch['lines'] = [
          { mark: '-', text: 'a dispatched reply to check' },
          { mark: '+', text: (error as Error).message },
        ];
        throw fail([{ subject, lines }]);
      }
      try {
        await check(expectReply(dispatched), dispatched, turn);
      } catch (error) {
        const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const lines = text
          .trimEnd()
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => ({ mark: ' ' as const, text: line }));
        throw fail([{ subject, lines }], error);
      }
    }
  }

  #failure(
    heading: string,
    number: number,
    label: string,
    mismatches: Mismatch[],
    turn: ConversationTurn,
    cause?: unknown,
  ): ConversationAssertionError {
    const transcript = [...this.#conversation.transcript];
    const message = [
      formatStepFailure(heading, mismatches, turn),
      '  transcript so far:',
      ...transcript.map((line) => `    ${line}`),
    ].join('\n');
    const error = new ConversationAssertionError(
      message,
      number,
      label,
      mismatches,
      transcript,
      cause === undefined ? undefined : { cause },
    );
    // Start the stack at the test's line, not inside this file.
    error.stack = error.stack
      ?.split('\n')
      .filter((line) => !(line.startsWith('    at ') && THIS_FILE.test(line)))
      .join('\n');
    return error;
  }
}
