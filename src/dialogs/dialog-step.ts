import type { Answer, AnswerRefusal } from '../answers/answer.js';
import type { ConversationAnswers } from '../answers/conversation-answers.js';
import type { Conversation } from '../webhook/conversation.context.js';
import type { MemoryValue, ReplyBuilder, SimpleResponseType } from '../webhook/reply.builder.js';
import type { DialogDirective } from './dialog-directive.js';

/** The names of a dialog's steps: the keys of its values. */
export type StepName<V> = keyof V & string;

/**
 * What a step's code gets on every call: the conversation (with its signal, deadline and
 * `budget`), the values gathered so far, and the reply of this turn.
 */
export interface DialogContext<V> {
  readonly conversation: Conversation;
  /** The values of the steps done so far (a copy: change them through the steps). */
  readonly values: Readonly<Partial<V>>;
  /**
   * This turn's reply. Texts said here go out before what the dialog says next (the next
   * prompt, the completion): `context.reply.say('¡Anotado!')`. Memory writes are fine too;
   * the dialog's own state key is the runner's.
   */
  readonly reply: ReplyBuilder;
  /** `conversation.signal`: aborted at the deadline, or when the call is cancelled. */
  readonly signal: AbortSignal;
  /** Answers not understood so far at this step (0 on its first ask). */
  readonly attempt: number;
}

/** Texts the bot says: one, several (each its own message), or made from the context. */
export type DialogTexts<V> =
  string | readonly string[] | ((context: DialogContext<V>) => string | readonly string[]);

/** Why an answer was not understood: a parser's reason, or the author's own (`'not-found'`). */
export type StepRefusal = AnswerRefusal | (string & {});

/** What a step's `read` gives: an `Answer` of the `answers` parsers, or a refusal of its own. */
export type StepAnswer<T> = Answer<T> | { readonly ok: false; readonly reason: StepRefusal };

/**
 * How an answer not understood is asked again:
 * - a text (or texts): said instead of the prompt, whatever the reason;
 * - by reason: `{ 'out-of-range': '...', unrecognised: '...' }`; a reason not listed gets
 *   the dialog's default re-ask (its `reask` option, else the prompt again after a short
 *   "not understood" line);
 * - a function of the reason and the context, returning texts (or nothing, for the default).
 *
 * The expected answer type (and a LIST's options) is sent again with it.
 */
export type Reask<V> =
  | string
  | readonly string[]
  | Readonly<Partial<Record<StepRefusal, string | readonly string[]>>>
  | ((
      reason: StepRefusal,
      context: DialogContext<V>,
    ) => string | readonly string[] | undefined | void);

/**
 * Where a dialog goes when the visitor's answers are not understood after the attempts
 * allowed (or a step gives up): `goTo` a question of the chatbot's script (an advisor
 * hand-off), or, without `goTo`, back to Cliengo's script (pass-through: its next question
 * follows). `say` goes out first either way. The dialog ends: its state is cleared.
 */
export interface DialogWayOut {
  readonly say?: string | readonly string[];
  readonly goTo?: number;
}

/** What a step's hooks may return: nothing (go on), or a directive (`redo`, `endDialog`, `giveUp`). */
export type StepOutcome = DialogDirective | undefined | void;

/** A lead field a step's value can be. */
export type LeadField = 'name' | 'email' | 'phone';

/** Settings every step kind shares. */
export interface StepCommon<V, K extends StepName<V>> {
  /**
   * Whether the step applies, given the values so far (branching): a step that does not
   * apply is passed over, and has no value. Evaluated each time the dialog looks for its
   * next step, so a later answer can make an earlier step apply again.
   */
  readonly when?: (values: Readonly<Partial<V>>) => boolean;
  /**
   * Runs once the step has its value: say something (`context.reply.say`), write memory,
   * or return a directive: `redo('cbu')` to loop back, `endDialog()` to end early,
   * `giveUp()` for the way out.
   */
  readonly then?: (value: V[K], context: DialogContext<V>) => StepOutcome | Promise<StepOutcome>;
}

/** Settings of the steps that ask the visitor something. */
export interface AskingStep<V, K extends StepName<V>> extends StepCommon<V, K> {
  /** What the bot says to ask. */
  readonly prompt: DialogTexts<V>;
  /** How an answer not understood is asked again (see `Reask`). */
  readonly reask?: Reask<V>;
  /**
   * How many answers not understood the step takes before the dialog's way out (counting
   * every one; the last is not asked again). Default: the dialog's `attempts` (3).
   */
  readonly attempts?: number;
  /** This step's own way out, instead of the dialog's. */
  readonly wayOut?: DialogWayOut;
  /**
   * A `custom` key of yours, written with the step's value when it is answered (for the
   * CRM, or for other handlers), and read back for "skip what is known".
   */
  readonly saveAs?: string;
  /** What is written under `saveAs`: default, the value itself. */
  readonly save?: (value: V[K]) => MemoryValue;
  /**
   * Whether a value already in memory (`saveAs`, `lead`, or `known`) is taken instead of
   * asking. Default: true.
   */
  readonly skipKnown?: boolean;
  /**
   * Where to find the value when it is already known, beyond `saveAs` and `lead`: return it,
   * or nothing to ask.
   */
  readonly known?: (context: DialogContext<V>) => V[K] | undefined;
}

/** A step that asks for a value and reads the visitor's answer with a parser. */
export interface AskStepSpec<V, K extends StepName<V>> extends AskingStep<V, K> {
  /** The expected answer type Cliengo is told. Default: TEXT. */
  readonly expect?: SimpleResponseType;
  /**
   * Reads the answer: `(answer) => answer.number({ min: 1990 })`, any parser of `answers`,
   * or code of your own (a lookup, with `context.signal`) returning `accepted(value)` or
   * `{ ok: false, reason }`. It also reads a value found in memory for "skip what is known"
   * (given as text).
   */
  readonly read: (
    answer: ConversationAnswers,
    context: DialogContext<V>,
  ) => StepAnswer<V[K]> | Promise<StepAnswer<V[K]>>;
  /** Checks a value read: `true`, or the reason it is refused (it is then asked again). */
  readonly validate?: (
    value: V[K],
    context: DialogContext<V>,
  ) => true | StepRefusal | Promise<true | StepRefusal>;
  /** The lead field the value is (`name`, `email`, `phone`): written there, and read back to skip. */
  readonly lead?: LeadField;
}

/** A step that offers items as a LIST and keeps the item the visitor picks. */
export interface ChooseStepSpec<V, K extends StepName<V>> extends AskingStep<V, K> {
  /**
   * The items to offer (from a backend, with `context.signal`). They are remembered in the
   * dialog's state, so the next turn maps the answer back to the item itself without asking
   * the backend again: keep them small, JSON values only.
   */
  readonly items: (context: DialogContext<V>) => readonly V[K][] | Promise<readonly V[K][]>;
  /** The option text of an item, as the visitor sees it. Options must differ. */
  readonly label: (item: V[K], index: number) => string;
  /**
   * What happens when there is nothing to offer: say why and return a directive
   * (`redo('date')` to ask for another day, `endDialog()`, `giveUp()`). Default: the way out.
   */
  readonly whenEmpty?: (context: DialogContext<V>) => StepOutcome | Promise<StepOutcome>;
}

/** A yes/no question; the value is `true` or `false`. */
export interface ConfirmStepSpec<V, K extends StepName<V>> extends AskingStep<V, K> {
  /**
   * The options shown (yes first). Default: `['Sí', 'No']` (`['Sim', 'Não']` in Portuguese).
   * The answer is read with `answers.yesNo`, or as one of the options ("1", "la primera").
   */
  readonly options?: readonly [yes: string, no: string];
  /** What a "no" does: a directive (`redo('cbu')`), or a function like `then`. */
  readonly onNo?:
    DialogDirective | ((context: DialogContext<V>) => StepOutcome | Promise<StepOutcome>);
  /** What a "yes" does (default: go on). */
  readonly onYes?:
    DialogDirective | ((context: DialogContext<V>) => StepOutcome | Promise<StepOutcome>);
}

/**
 * A step that needs nothing from the visitor: look something up, say it, and go on in the
 * same reply. What `run` returns is its value (`true` when it returns nothing), so it runs
 * once; return a directive to branch instead.
 */
export interface TellStepSpec<V, K extends StepName<V>> extends StepCommon<V, K> {
  readonly run: (
    context: DialogContext<V>,
  ) =>
    V[K] | DialogDirective | undefined | void | Promise<V[K] | DialogDirective | undefined | void>;
}

/** A step of a dialog, as the runner plays it (made with `ask`, `choose`, `confirm`, `tell`). */
export type DialogStep<V> =
  | { readonly kind: 'ask'; readonly name: StepName<V>; readonly spec: AskStepSpec<V, StepName<V>> }
  | {
      readonly kind: 'choose';
      readonly name: StepName<V>;
      readonly spec: ChooseStepSpec<V, StepName<V>>;
    }
  | {
      readonly kind: 'confirm';
      readonly name: StepName<V>;
      readonly spec: ConfirmStepSpec<V, StepName<V>>;
    }
  | {
      readonly kind: 'tell';
      readonly name: StepName<V>;
      readonly spec: TellStepSpec<V, StepName<V>>;
    };

/** The steps of a dialog, in the order they are asked. */
export type DialogSteps<V> = readonly DialogStep<V>[];

type Widened<V> = DialogStep<V>['spec'];

/**
 * A step that asks for a value: its prompt, how the answer is read and checked, how it is
 * asked again.
 *
 * ```ts
 * ask('year', {
 *   prompt: '¿De qué año es el auto?',
 *   read: (answer) => answer.number({ integer: true }),
 *   validate: (year) => (year >= 1995 ? true : 'too-old'),
 *   reask: { 'too-old': 'Cotizamos autos de 1995 en adelante. ¿De qué año es?' },
 *   saveAs: 'anio',
 * })
 * ```
 */
export function ask<V, K extends StepName<V>>(name: K, spec: AskStepSpec<V, K>): DialogStep<V> {
  return { kind: 'ask', name, spec: spec as unknown as Widened<V> } as DialogStep<V>;
}

/**
 * A step that offers items as a LIST (from a backend) and keeps the item picked: "2",
 * "#2 - 24 cuotas", "la segunda" or the option's text all map back to the item.
 *
 * ```ts
 * choose('plan', {
 *   prompt: 'Estos son los planes para tu auto:',
 *   items: ({ values, signal }) => this.quotes.plans(values.plate!, values.year!, signal),
 *   label: (plan) => `${plan.name}: $${plan.monthly} por mes`,
 * })
 * ```
 */
export function choose<V, K extends StepName<V>>(
  name: K,
  spec: ChooseStepSpec<V, K>,
): DialogStep<V> {
  return { kind: 'choose', name, spec: spec as unknown as Widened<V> } as DialogStep<V>;
}

/**
 * A yes/no question, shown as a LIST of two options.
 *
 * ```ts
 * confirm('cbuOk', { prompt: ({ values }) => `¿Tu CBU es ${values.cbu}?`, onNo: redo('cbu') })
 * ```
 */
export function confirm<V, K extends StepName<V>>(
  name: K,
  spec: ConfirmStepSpec<V, K>,
): DialogStep<V> {
  return { kind: 'confirm', name, spec: spec as unknown as Widened<V> } as DialogStep<V>;
}

/**
 * A step that needs no answer: its texts and the next prompt go out in one reply.
 *
 * ```ts
 * tell('order', {
 *   run: async ({ values, reply, signal }) => {
 *     const order = await this.orders.find(values.orderNumber!, signal);
 *     reply.say(`Tu pedido llega el ${order.date}.`);
 *     return order;
 *   },
 * })
 * ```
 */
export function tell<V, K extends StepName<V>>(name: K, spec: TellStepSpec<V, K>): DialogStep<V> {
  return { kind: 'tell', name, spec: spec as unknown as Widened<V> } as DialogStep<V>;
}

/**
 * An answer refused for a reason of your own, from a step's `read`: the reason picks the
 * re-ask message (`reask: { 'not-found': '...' }`).
 *
 * ```ts
 * read: async (answer, { signal }) => {
 *   const order = await this.orders.find(answer.text ?? '', signal);
 *   return order ? accepted(order) : refuse('not-found');
 * }
 * ```
 */
export function refuse(reason: StepRefusal): { readonly ok: false; readonly reason: StepRefusal } {
  return { ok: false, reason };
}
