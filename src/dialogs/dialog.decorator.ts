import { applyDecorators, Injectable } from '@nestjs/common';
import {
  checkedOptions,
  checkedQuestionIds,
  HandlerMarker,
  type QuestionHandlerOptions,
} from '../webhook/handler.decorator.js';
import type { DialogWayOut } from './dialog-step.js';
import { DIALOG_MESSAGES } from './dialog.messages.js';
import { DialogRunner } from './dialog.runner.js';

/** A dialog's settings (`@Dialog(questionIds, options)`). */
export interface DialogOptions extends QuestionHandlerOptions {
  /**
   * The dialog's name: its state is kept under the `custom` key `dialog:<name>`, and logs
   * name it. Letters, digits, `-` and `_`. Default: the class name in kebab case without a
   * trailing `Dialog` (`CarQuoteDialog` → `car-quote`). Two dialogs cannot share a name.
   */
  name?: string;
  /**
   * The version of its steps. Raise it when a change makes a state written by the previous
   * steps meaningless (steps reordered, a value's meaning changed): a conversation holding
   * an older version's state starts the dialog over. Default: 1.
   */
  version?: number;
  /**
   * How many answers not understood a step takes before the way out (a step's own
   * `attempts` wins). Default: 3.
   */
  attempts?: number;
  /**
   * Where the dialog goes after too many answers not understood, or when a step gives up:
   * e.g. `{ say: 'Te paso con un asesor.', goTo: 90 }`. Default: back to Cliengo's script,
   * saying nothing.
   */
  wayOut?: DialogWayOut;
  /**
   * The line said before a step's prompt is asked again, when the step has no `reask` for
   * the reason. Default: "No entendí tu respuesta." ("Não entendi sua resposta." in
   * Portuguese).
   */
  notUnderstood?: string;
  /**
   * What starts the dialog: `ask` (default) asks its first step; `answer` reads the
   * visitor's message that reached the dialog as the first step's answer (the chatbot's
   * own question asked it).
   */
  opening?: 'ask' | 'answer';
  /**
   * Keep the state when the dialog ends (with its values and `done: true`) instead of
   * clearing it. A later message on the dialog's question starts it over. Default: false.
   */
  keepState?: boolean;
  /**
   * A state older than this is forgotten: the dialog starts over (the items offered may be
   * gone by then). Default: 24 hours. `Infinity` keeps it for good.
   */
  forgetAfterMs?: number;
}

/** The settings as the runner uses them, defaults applied. */
export interface DialogSettings {
  readonly name: string;
  readonly version: number;
  readonly attempts: number;
  readonly wayOut: DialogWayOut;
  readonly notUnderstood?: string;
  readonly opening: 'ask' | 'answer';
  readonly keepState: boolean;
  readonly forgetAfterMs: number;
}

export const DEFAULT_DIALOG_ATTEMPTS = 3;
export const DEFAULT_FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
const NAME = /^[A-Za-z0-9][\w-]{0,63}$/;

/** `CarQuoteDialog` → `car-quote`. */
export function dialogNameOf(className: string): string {
  const base = className.replace(/Dialog$/, '') || className;
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

function settingsOf(className: string, options: DialogOptions): DialogSettings {
  const name = options.name ?? dialogNameOf(className);
  const problems: string[] = [];
  if (!NAME.test(name)) problems.push(DIALOG_MESSAGES.badName(name));
  const version = options.version ?? 1;
  if (!Number.isSafeInteger(version) || version < 1)
    problems.push(DIALOG_MESSAGES.badVersion(version));
  const attempts = options.attempts ?? DEFAULT_DIALOG_ATTEMPTS;
  if (!Number.isSafeInteger(attempts) || attempts < 1)
    problems.push(DIALOG_MESSAGES.badAttempts(attempts));
  const forgetAfterMs = options.forgetAfterMs ?? DEFAULT_FORGET_AFTER_MS;
  if (!(forgetAfterMs > 0)) problems.push(DIALOG_MESSAGES.badForgetAfter(forgetAfterMs));
  if (problems.length > 0) throw new TypeError(`@Dialog on ${className}: ${problems.join('; ')}`);
  return {
    name,
    version,
    attempts,
    wayOut: options.wayOut ?? {},
    notUnderstood: options.notUnderstood,
    opening: options.opening ?? 'ask',
    keepState: options.keepState ?? false,
    forgetAfterMs,
  };
}

/**
 * Marks an injectable provider as a dialog that owns the conversation on these questions of
 * the chatbot's script (see `CliengoDialog`). To the registry it is the handler of those
 * questions: the boot checks, deadline (`timeoutMs`), fault replies, logs and metrics of
 * handlers apply to it. Its steps are checked at boot too.
 *
 * ```ts
 * @Dialog(20, { wayOut: { say: 'Te paso con un asesor.', goTo: 90 } })
 * export class CarQuoteDialog implements CliengoDialog<Quote> { ... }
 * ```
 */
export function Dialog(
  questionIds: number | readonly number[],
  options: DialogOptions = {},
): ClassDecorator {
  const ids = checkedQuestionIds(questionIds, '@Dialog');
  const checked = checkedOptions(options);
  return (target) => {
    const settings = settingsOf(target.name, options);
    applyDecorators(
      Injectable(),
      HandlerMarker({
        questionIds: ids,
        fallback: false,
        ...checked,
        adapt: (instance, context) => DialogRunner.of(instance, settings, context),
      }),
    )(target);
  };
}
