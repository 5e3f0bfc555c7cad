import type { Conversation } from '../webhook/conversation.context.js';
import type { HandlerResult } from '../webhook/cliengo-handler.interface.js';
import type { HandlerFault } from '../webhook/handler-fault.js';
import type { DialogContext, DialogSteps } from './dialog-step.js';
import type { DialogDirective } from './dialog-directive.js';

/** What `complete` gets: the context, with every value of the steps that applied. */
export interface CompletionContext<V> extends DialogContext<V> {
  readonly values: Readonly<V>;
}

/** Where a dialog stood when it faulted. */
export interface DialogFaultContext {
  /** The step whose answer was being read (the one the state says was asked), if any. */
  readonly step: string | undefined;
}

/**
 * A multi-step conversation owned by the webhook: an injectable provider decorated with
 * `@Dialog(questionIds)`, with full dependency injection. The framework runs it turn by
 * turn: each visitor message on its questions is read as the answer to the step it asked,
 * and the reply asks the next step (several steps go out in one reply when they need no
 * answer), until every step has its value and `complete` runs.
 *
 * Its state (the step asked, the attempts, the values, the items offered) lives in the
 * chatbot memory under one `custom` key, `dialog:<name>`, so the service stays stateless.
 *
 * ```ts
 * interface Quote { plate: string; year: number; plan: Plan; confirmed: boolean }
 *
 * @Dialog(20)
 * export class CarQuoteDialog implements CliengoDialog<Quote> {
 *   constructor(private readonly quotes: QuoteService) {}
 *
 *   readonly steps: DialogSteps<Quote> = [
 *     ask('plate', { prompt: '¿Cuál es la patente?', read: (answer) => readPlate(answer.text) }),
 *     ask('year', { prompt: '¿De qué año es?', read: (answer) => answer.number() }),
 *     choose('plan', {
 *       prompt: 'Elegí un plan:',
 *       items: ({ values, signal }) => this.quotes.plans(values.plate!, values.year!, signal),
 *       label: (plan) => plan.name,
 *     }),
 *     confirm('confirmed', { prompt: '¿Lo contratamos?', onNo: redo('plan') }),
 *   ];
 *
 *   complete({ values, reply }: CompletionContext<Quote>) {
 *     reply.say(`¡Listo! Te contactamos por el plan ${values.plan.name}.`).goTo(30);
 *   }
 * }
 * ```
 */
export interface CliengoDialog<V> {
  /** The steps, in the order they are asked. */
  readonly steps: DialogSteps<V>;

  /**
   * Runs when every step that applies has its value: call a service, say a summary, write
   * memory (name, email, phone, your own `custom` keys), jump (`goTo`) or stop. Write to
   * `context.reply`, which holds what earlier steps of this turn said; return nothing (or
   * `context.reply`), or `redo(step)` to ask a step again.
   *
   * Without `goTo` or `stopChat`, Cliengo's script goes on after the dialog's question.
   */
  complete(
    context: CompletionContext<V>,
  ): DialogDirective | HandlerResult | Promise<DialogDirective | HandlerResult>;

  /**
   * What the visitor gets when a step (or `complete`) throws, or the deadline passes: as a
   * handler's `onFault`, synchronous. The dialog's state is left as it was, so the
   * visitor's next message retries the same step. `at.step` says which step that is.
   * Without it, or when it returns nothing, the visitor is told that something failed and
   * asked to answer again, with that step's expected answer (and LIST options) sent again.
   */
  onFault?(fault: HandlerFault, conversation: Conversation, at: DialogFaultContext): HandlerResult;
}
