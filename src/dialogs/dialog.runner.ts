import { Logger } from '@nestjs/common';
import { ConversationAnswers } from '../answers/conversation-answers.js';
import type { JsonValue } from '../contract/json-value.js';
import type { CliengoHandler, HandlerResult } from '../webhook/cliengo-handler.interface.js';
import type { Conversation } from '../webhook/conversation.context.js';
import { type HandlerAdaptContext, isQuestionId } from '../webhook/handler.decorator.js';
import { onFaultProblemOf } from '../webhook/handler.explorer.js';
import type { HandlerFault } from '../webhook/handler-fault.js';
import { ReplyBuilder } from '../webhook/reply.builder.js';
import type { CliengoDialog, CompletionContext } from './cliengo-dialog.interface.js';
import type { DialogSettings } from './dialog.decorator.js';
import { DialogDirective, giveUp } from './dialog-directive.js';
import {
  DIALOG_KEY_PREFIX,
  type DialogState,
  dialogStateKey,
  readDialogState,
} from './dialog-state.js';
import type {
  DialogContext,
  DialogStep,
  DialogTexts,
  DialogWayOut,
  StepAnswer,
  StepOutcome,
  StepRefusal,
} from './dialog-step.js';
import { DIALOG_MESSAGES } from './dialog.messages.js';

type Values = Record<string, JsonValue>;
type AnyStep = DialogStep<Values>;
type Asking = Exclude<AnyStep, { kind: 'tell' }>;

/** What the visitor is asked to answer, to send again with a fault reply. */
interface Expectation {
  readonly type: 'TEXT' | 'NAME' | 'EMAIL' | 'PHONE' | 'LIST';
  readonly options?: readonly string[];
}

/** The step a call in progress was reading the answer to, and what it expected. */
interface Asked extends Expectation {
  readonly step: string;
}

const TEXTS = {
  es: {
    notUnderstood: 'No entendí tu respuesta.',
    confirm: ['Sí', 'No'] as const,
    error: 'Tuvimos un problema con tu respuesta. Escribila de nuevo en un momento, por favor.',
    timeout:
      'Estamos tardando más de lo normal. Escribí tu respuesta de nuevo en un momento, por favor.',
  },
  pt: {
    notUnderstood: 'Não entendi sua resposta.',
    confirm: ['Sim', 'Não'] as const,
    error: 'Tivemos um problema com sua resposta. Escreva de novo em um momento, por favor.',
    timeout:
      'Estamos demorando mais do que o normal. Escreva sua resposta de novo em um momento, por favor.',
  },
} as const;

function localTexts(conversation: Conversation) {
  return TEXTS[conversation.answer.settings.locale];
}

function textsOf(texts: string | readonly string[] | undefined | void): string[] {
  if (texts === undefined) return [];
  return (typeof texts === 'string' ? [texts] : [...texts]).filter((text) => text !== '');
}

function asText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Boot checks of a dialog's steps and hooks: every problem, for one message. */
function problemsOf(dialog: CliengoDialog<Values>, settings: DialogSettings): string[] {
  const problems: string[] = [];
  const steps: unknown = dialog.steps;
  if (!Array.isArray(steps) || steps.length === 0) return [DIALOG_MESSAGES.noSteps()];
  const names = new Set<string>();
  const savedBy = new Map<string, string>();
  for (const [index, step] of (steps as unknown[]).entries()) {
    const candidate = step as Partial<AnyStep> | undefined;
    if (
      !candidate ||
      !['ask', 'choose', 'confirm', 'tell'].includes(candidate.kind as string) ||
      typeof candidate.name !== 'string' ||
      candidate.name === '' ||
      typeof candidate.spec !== 'object'
    ) {
      problems.push(DIALOG_MESSAGES.notAStep(index));
      continue;
    }
    const { name } = candidate;
    if (names.has(name)) problems.push(DIALOG_MESSAGES.duplicateStep(name));
    names.add(name);
    const spec = candidate.spec as unknown as Record<string, unknown>;
    const needs = (key: string, what: string) => {
      if (typeof spec[key] !== 'function')
        problems.push(DIALOG_MESSAGES.missingFunction(name, what));
    };
    if (candidate.kind === 'ask') needs('read', 'read(answer, context)');
    if (candidate.kind === 'choose') {
      needs('items', 'items(context)');
      needs('label', 'label(item, index)');
    }
    if (candidate.kind === 'tell') needs('run', 'run(context)');
    if (candidate.kind !== 'tell' && spec.prompt === undefined) {
      problems.push(DIALOG_MESSAGES.missingFunction(name, 'a prompt'));
    }
    const saveAs = spec.saveAs;
    if (typeof saveAs === 'string') {
      if (saveAs.startsWith(DIALOG_KEY_PREFIX)) {
        problems.push(DIALOG_MESSAGES.reservedKey(name, saveAs, DIALOG_KEY_PREFIX));
      }
      const first = savedBy.get(saveAs);
      if (first) problems.push(DIALOG_MESSAGES.duplicateSaveAs(saveAs, first, name));
      savedBy.set(saveAs, name);
    }
    if (
      spec.attempts !== undefined &&
      !(Number.isSafeInteger(spec.attempts) && (spec.attempts as number) >= 1)
    ) {
      problems.push(DIALOG_MESSAGES.badStepAttempts(name, spec.attempts));
    }
    const wayOut = spec.wayOut as DialogWayOut | undefined;
    if (wayOut?.goTo !== undefined && !isQuestionId(wayOut.goTo)) {
      problems.push(DIALOG_MESSAGES.badWayOut(`step ${JSON.stringify(name)}`, wayOut.goTo));
    }
  }
  if (settings.wayOut.goTo !== undefined && !isQuestionId(settings.wayOut.goTo)) {
    problems.push(DIALOG_MESSAGES.badWayOut('the dialog', settings.wayOut.goTo));
  }
  if (typeof dialog.complete !== 'function') problems.push(DIALOG_MESSAGES.noComplete());
  return problems;
}

/**
 * Runs a dialog as a handler: each call reads the dialog's state from memory, reads the
 * visitor's message as the answer to the step asked, and answers with the next prompt (or
 * the completion), writing the new state. Made at boot by `@Dialog`.
 */
export class DialogRunner implements CliengoHandler {
  readonly #logger: Logger;
  readonly #steps: readonly AnyStep[];
  readonly #index = new Map<string, number>();
  readonly #key: string;
  /** What each call in progress asked, for a fault reply that asks it again. */
  readonly #asked = new WeakMap<Conversation, Asked>();

  private constructor(
    readonly dialog: CliengoDialog<Values>,
    readonly settings: DialogSettings,
  ) {
    this.#steps = dialog.steps;
    this.#steps.forEach((step, index) => this.#index.set(step.name, index));
    this.#key = dialogStateKey(settings.name);
    this.#logger = new Logger(`Dialog ${settings.name}`);
  }

  /** The runner of a dialog provider, checked; throws with every problem found. */
  static of(
    instance: object,
    settings: DialogSettings,
    context: HandlerAdaptContext,
  ): DialogRunner {
    const dialog = instance as CliengoDialog<Values>;
    const problems = problemsOf(dialog, settings);
    const onFault = onFaultProblemOf(instance, context.name);
    if (onFault) problems.push(onFault);
    const claim = `dialog:${settings.name}`;
    const first = context.claim(claim);
    if (first) problems.push(DIALOG_MESSAGES.duplicateName(settings.name, first, context.name));
    if (problems.length > 0) throw new Error(DIALOG_MESSAGES.problems(context.name, problems));
    return new DialogRunner(dialog, settings);
  }

  /** The `custom` key of this dialog's state. */
  get stateKey(): string {
    return this.#key;
  }

  async handle(conversation: Conversation): Promise<HandlerResult> {
    return new DialogTurn(this, conversation).play();
  }

  onFault(fault: HandlerFault, conversation: Conversation): HandlerResult {
    const asked = this.#asked.get(conversation);
    const own = this.dialog.onFault?.(fault, conversation, { step: asked?.step });
    if (own !== undefined && own !== null) return own;
    const reply = conversation
      .reply()
      .say(localTexts(conversation)[fault.kind === 'timeout' ? 'timeout' : 'error']);
    if (asked?.type === 'LIST' && asked.options?.length) reply.expectList(asked.options);
    else if (asked?.type && asked.type !== 'LIST') reply.expect(asked.type);
    return reply.stopChat();
  }

  /** @internal For `DialogTurn`. */
  step(name: string | undefined): AnyStep | undefined {
    const index = name === undefined ? undefined : this.#index.get(name);
    return index === undefined ? undefined : this.#steps[index];
  }

  /** @internal */
  indexOf(name: string): number | undefined {
    return this.#index.get(name);
  }

  /** @internal */
  get steps(): readonly AnyStep[] {
    return this.#steps;
  }

  /** @internal */
  remember(conversation: Conversation, asked: Asked): void {
    this.#asked.set(conversation, asked);
  }

  /** @internal */
  log(message: string, conversation: Conversation): void {
    this.#logger.warn(`${message} (conversation ${conversation.conversationId})`);
  }
}

/** One turn of a dialog: the state read, the answer read, the reply made. */
class DialogTurn {
  readonly #reply = new ReplyBuilder();
  #values: Values = {};
  /** Steps sent back with `redo` in this turn: asked, not taken from memory. */
  readonly #redone = new Set<string>();

  constructor(
    private readonly runner: DialogRunner,
    private readonly conversation: Conversation,
  ) {}

  get #settings(): DialogSettings {
    return this.runner.settings;
  }

  async play(): Promise<ReplyBuilder> {
    const resumed = this.#resume();
    if (resumed) {
      this.runner.remember(this.conversation, {
        step: resumed.step.name,
        ...this.#expectationOf(resumed.step, resumed.items),
      });
      const answered = await this.#answer(resumed.step, resumed.tries, resumed.items);
      if (answered === 'replied') return this.#reply;
    }
    return this.#advance();
  }

  // -------------------------------------------------------------------------------------------
  // The state

  /** The step waiting for the visitor's answer, from the state in memory (or the opening). */
  #resume(): { step: Asking; tries: number; items?: JsonValue[] } | undefined {
    const read = readDialogState(this.conversation.memory.get(this.runner.stateKey));
    if (read.kind === 'unreadable') {
      this.runner.log(`state unreadable (${read.detail}): starting over`, this.conversation);
    }
    if (read.kind !== 'state' || read.state.done) {
      if (this.#settings.opening !== 'answer') return undefined;
      const first = this.#nextStep();
      return first && first.kind !== 'tell' ? { step: first, tries: 0 } : undefined;
    }
    const { state } = read;
    if (state.v !== this.#settings.version) {
      this.runner.log(
        `state of version ${state.v}, the dialog is version ${this.#settings.version}: starting over`,
        this.conversation,
      );
      return undefined;
    }
    if (state.t > 0 && Date.now() - state.t * 1000 > this.#settings.forgetAfterMs) {
      this.runner.log('state older than forgetAfterMs: starting over', this.conversation);
      return undefined;
    }
    const dropped: string[] = [];
    for (const [name, value] of Object.entries(state.values)) {
      if (this.runner.step(name)) this.#values[name] = value;
      else dropped.push(name);
    }
    if (dropped.length > 0) {
      this.runner.log(
        `values of steps that no longer exist dropped: ${dropped.join(', ')}`,
        this.conversation,
      );
    }
    const step = this.runner.step(state.step);
    if (!step || step.kind === 'tell') {
      if (state.step !== undefined) {
        this.runner.log(
          `the step asked, ${JSON.stringify(state.step)}, no longer exists: asking the next one`,
          this.conversation,
        );
      }
      return undefined;
    }
    return { step, tries: state.tries ?? 0, items: state.items };
  }

  #writeState(step: AnyStep, tries: number, items?: readonly JsonValue[]): void {
    const state: DialogState = {
      v: this.#settings.version,
      step: step.name,
      ...(tries > 0 ? { tries } : {}),
      values: this.#values,
      ...(items ? { items: [...items] } : {}),
      t: Math.floor(Date.now() / 1000),
    };
    this.#reply.setCustom(this.runner.stateKey, state);
  }

  /** The dialog ended: its state is cleared (or kept as done). */
  #end(): ReplyBuilder {
    if (this.#settings.keepState) {
      const state: DialogState = {
        v: this.#settings.version,
        values: this.#values,
        t: Math.floor(Date.now() / 1000),
        done: true,
      };
      this.#reply.setCustom(this.runner.stateKey, state);
    } else {
      this.#reply.clearCustom(this.runner.stateKey);
    }
    return this.#reply;
  }

  // -------------------------------------------------------------------------------------------
  // Contexts and texts

  #context(attempt = 0): DialogContext<Values> {
    return {
      conversation: this.conversation,
      values: { ...this.#values },
      reply: this.#reply,
      signal: this.conversation.signal,
      attempt,
    };
  }

  #texts(texts: DialogTexts<Values> | undefined, context: DialogContext<Values>): string[] {
    return textsOf(typeof texts === 'function' ? texts(context) : texts);
  }

  #say(texts: readonly string[]): void {
    if (texts.length > 0) this.#reply.say(...texts);
  }

  // -------------------------------------------------------------------------------------------
  // Reading the answer

  /**
   * Reads the visitor's message as the answer to `step`: `replied` when that made the turn's
   * reply (asked again, the way out, the end), `go-on` to ask the next step.
   */
  async #answer(
    step: Asking,
    tries: number,
    items: JsonValue[] | undefined,
  ): Promise<'replied' | 'go-on'> {
    const context = this.#context(tries);
    if (step.kind === 'choose' && (!items || items.length === 0)) {
      // Nothing remembered to map the answer to: offer the list afresh.
      return 'go-on';
    }
    const answer = await this.#read(step, this.conversation.answer, context, items);
    if (!answer.ok) {
      const attempts = step.spec.attempts ?? this.#settings.attempts;
      if (tries + 1 >= attempts) {
        this.#wayOut(step);
        return 'replied';
      }
      this.#ask(step, tries + 1, answer.reason, items);
      return 'replied';
    }
    const outcome = await this.#accept(step, answer.value, context);
    if (!DialogDirective.is(outcome)) return 'go-on';
    return this.#follow(outcome, step) ? 'replied' : 'go-on';
  }

  async #read(
    step: AnyStep,
    answer: ConversationAnswers,
    context: DialogContext<Values>,
    items?: readonly JsonValue[],
  ): Promise<StepAnswer<JsonValue>> {
    switch (step.kind) {
      case 'ask': {
        const read = await step.spec.read(answer, context);
        if (!read.ok || !step.spec.validate) return read;
        const verdict = await step.spec.validate(read.value, context);
        return verdict === true ? read : { ok: false, reason: verdict };
      }
      case 'choose': {
        const offered = items ?? [];
        const picked = answer.choice(offered.map((item, index) => step.spec.label(item, index)));
        return picked.ok ? { ok: true, value: offered[picked.value] } : picked;
      }
      case 'confirm': {
        const yesNo = answer.yesNo();
        if (yesNo.ok) return yesNo;
        const picked = answer.choice(this.#confirmOptions(step));
        return picked.ok ? { ok: true, value: picked.value === 0 } : yesNo;
      }
      case 'tell':
        return { ok: false, reason: 'unrecognised' };
    }
  }

  /** Keeps a step's value, writes it where the author asked, and runs its hooks. */
  async #accept(
    step: AnyStep,
    value: JsonValue,
    context: DialogContext<Values>,
  ): Promise<StepOutcome> {
    this.#values[step.name] = value;
    if (step.kind !== 'tell') {
      const { saveAs, save } = step.spec;
      if (saveAs !== undefined) this.#reply.setCustom(saveAs, save ? save(value) : value);
      if (step.kind === 'ask') this.#writeLead(step, value);
    }
    const after = { ...context, values: { ...this.#values } };
    const then = await step.spec.then?.(value, after);
    if (DialogDirective.is(then) || step.kind !== 'confirm') return then;
    const hook = value === false ? step.spec.onNo : step.spec.onYes;
    return DialogDirective.is(hook) ? hook : hook?.(after);
  }

  #writeLead(step: Extract<AnyStep, { kind: 'ask' }>, value: JsonValue): void {
    switch (step.spec.lead) {
      case 'name':
        this.#reply.setName(asText(value));
        break;
      case 'email':
        this.#reply.setEmail(asText(value));
        break;
      case 'phone':
        this.#reply.setPhone(
          typeof value === 'object' && value !== null && !Array.isArray(value)
            ? (value as { national?: string; international?: string })
            : { international: asText(value) },
        );
        break;
    }
  }

  /** A value already in memory for a step that asks, read as its answer would be. */
  async #known(step: Asking): Promise<JsonValue | undefined> {
    if (step.spec.skipKnown === false || this.#redone.has(step.name)) return undefined;
    const context = this.#context();
    const own = step.spec.known?.(context);
    if (own !== undefined) return own;
    if (step.kind === 'choose') return undefined;
    const memory = this.conversation.memory;
    if (step.kind === 'confirm') {
      return step.spec.saveAs === undefined ? undefined : memory.boolean(step.spec.saveAs);
    }
    const field = step.spec.lead;
    const text =
      (step.spec.saveAs === undefined ? undefined : memory.text(step.spec.saveAs)) ??
      (field === undefined ? undefined : this.conversation.lead[field]);
    if (text === undefined || text.trim() === '') return undefined;
    const read = await this.#read(step, this.conversation.answer.of(text), context);
    return read.ok ? read.value : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Going on

  /** The first step that applies and has no value yet. */
  #nextStep(): AnyStep | undefined {
    const values = { ...this.#values };
    return this.runner.steps.find(
      (step) => !Object.hasOwn(this.#values, step.name) && (step.spec.when?.(values) ?? true),
    );
  }

  /** Asks the next step, running those that need no answer on the way, or completes. */
  async #advance(): Promise<ReplyBuilder> {
    // Each pass fills a value, clears some with redo, or ends the turn; a dialog that goes
    // round without doing any of that would spin: it is a fault.
    for (let pass = 0; pass < this.runner.steps.length * 8 + 8; pass++) {
      const step = this.#nextStep();
      if (!step) {
        const done = await this.#complete();
        if (done) return done;
        continue;
      }
      if (step.kind === 'tell') {
        const result = await step.spec.run(this.#context());
        if (DialogDirective.is(result)) {
          if (this.#follow(result, step)) return this.#reply;
        } else {
          this.#values[step.name] = result === undefined ? true : result;
        }
        continue;
      }
      const known = await this.#known(step);
      if (known !== undefined) {
        this.#values[step.name] = known;
        continue;
      }
      if (step.kind === 'choose') {
        const items = await step.spec.items(this.#context());
        if (items.length === 0) {
          const outcome = (await step.spec.whenEmpty?.(this.#context())) ?? giveUp();
          if (this.#follow(DialogDirective.is(outcome) ? outcome : giveUp(), step)) {
            return this.#reply;
          }
          continue;
        }
        this.#ask(step, 0, undefined, items);
        return this.#reply;
      }
      this.#ask(step, 0);
      return this.#reply;
    }
    throw new Error(DIALOG_MESSAGES.noProgress(this.#settings.name));
  }

  /** Runs the completion; the reply when the dialog ended, undefined to go on (a redo). */
  async #complete(): Promise<ReplyBuilder | undefined> {
    const context = this.#context() as CompletionContext<Values>;
    const result = await this.runner.dialog.complete(context);
    if (DialogDirective.is(result)) {
      return this.#follow(result, undefined) ? this.#reply : undefined;
    }
    if (result !== undefined && result !== null && result !== this.#reply) {
      throw new TypeError(DIALOG_MESSAGES.completeReturned(this.#settings.name));
    }
    return this.#end();
  }

  /** Applies a directive; true when the turn's reply is made (the dialog ended). */
  #follow(directive: DialogDirective, from: AnyStep | undefined): boolean {
    switch (directive.kind) {
      case 'end':
        this.#end();
        return true;
      case 'give-up':
        this.#wayOut(from);
        return true;
      case 'redo': {
        const target = this.runner.indexOf(directive.step ?? '');
        if (target === undefined) {
          throw new Error(DIALOG_MESSAGES.unknownRedo(this.#settings.name, String(directive.step)));
        }
        const current = from
          ? (this.runner.indexOf(from.name) ?? target)
          : this.runner.steps.length - 1;
        const [low, high] = target <= current ? [target, current] : [target, target];
        for (const step of this.runner.steps.slice(low, high + 1)) {
          delete this.#values[step.name];
          this.#redone.add(step.name);
        }
        return false;
      }
    }
  }

  /** Takes the way out: the step's, else the dialog's. The dialog ends. */
  #wayOut(step: AnyStep | undefined): void {
    const own = step && step.kind !== 'tell' ? step.spec.wayOut : undefined;
    const way = own ?? this.#settings.wayOut;
    this.#say(textsOf(way.say));
    if (way.goTo !== undefined) this.#reply.goTo(way.goTo);
    this.#end();
  }

  // -------------------------------------------------------------------------------------------
  // Asking

  #confirmOptions(step: Extract<AnyStep, { kind: 'confirm' }>): readonly string[] {
    return step.spec.options ?? localTexts(this.conversation).confirm;
  }

  #expectationOf(step: Asking, items?: readonly JsonValue[]): Expectation {
    switch (step.kind) {
      case 'ask':
        return { type: step.spec.expect ?? 'TEXT' };
      case 'choose':
        return {
          type: 'LIST',
          options: (items ?? []).map((item, index) => step.spec.label(item, index)),
        };
      case 'confirm':
        return { type: 'LIST', options: this.#confirmOptions(step) };
    }
  }

  /** Asks a step (again, after `reason`), waits for the answer: texts, expectation, state. */
  #ask(step: Asking, tries: number, reason?: StepRefusal, items?: readonly JsonValue[]): void {
    const context = this.#context(tries);
    const prompt = () => this.#texts(step.spec.prompt, context);
    this.#say(reason === undefined ? prompt() : this.#reaskTexts(step, reason, context, prompt));
    const expectation = this.#expectationOf(step, items);
    if (expectation.type === 'LIST') {
      const options = expectation.options ?? [];
      if (
        new Set(options.map((option) => option.trim())).size !== options.length ||
        options.some((option) => option.trim() === '')
      ) {
        throw new Error(DIALOG_MESSAGES.duplicateOptions(this.#settings.name, step.name));
      }
      this.#reply.expectList(options);
    } else {
      this.#reply.expect(expectation.type);
    }
    this.#reply.stopChat();
    this.#writeState(step, tries, step.kind === 'choose' ? items : undefined);
  }

  #reaskTexts(
    step: Asking,
    reason: StepRefusal,
    context: DialogContext<Values>,
    prompt: () => string[],
  ): string[] {
    const reask = step.spec.reask;
    let own: string | readonly string[] | undefined | void;
    if (typeof reask === 'function') own = reask(reason, context);
    else if (typeof reask === 'string' || Array.isArray(reask))
      own = reask as string | readonly string[];
    else if (reask !== undefined && Object.hasOwn(reask, reason))
      own = (reask as Partial<Record<string, string | readonly string[]>>)[reason];
    const texts = textsOf(own);
    if (texts.length > 0) return texts;
    return [
      this.#settings.notUnderstood ?? localTexts(this.conversation).notUnderstood,
      ...prompt(),
    ];
  }
}
