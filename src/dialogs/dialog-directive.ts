/** What a directive makes the dialog do. */
export type DirectiveKind = 'redo' | 'end' | 'give-up';

/**
 * Where a dialog goes from a step, other than on to its next step. Made with `redo`,
 * `endDialog` and `giveUp`, and returned from a step's hooks.
 */
export class DialogDirective {
  static readonly #made = new WeakSet<DialogDirective>();

  private constructor(
    readonly kind: DirectiveKind,
    /** With `redo`: the step to go back to. */
    readonly step?: string,
  ) {
    DialogDirective.#made.add(this);
    Object.freeze(this);
  }

  /** @internal Made by `redo`, `endDialog`, `giveUp`. */
  static make(kind: DirectiveKind, step?: string): DialogDirective {
    return new DialogDirective(kind, step);
  }

  /** Whether a hook's return value is a directive (and not a value that looks like one). */
  static is(value: unknown): value is DialogDirective {
    return typeof value === 'object' && value !== null && DialogDirective.#made.has(value as never);
  }
}

const END = DialogDirective.make('end');
const GIVE_UP = DialogDirective.make('give-up');

/**
 * Goes back to an earlier step and asks it again: its value is cleared, and so is every
 * value from it up to the step that returned this (a "no" to "¿Es correcto tu CBU?" asks the
 * CBU again, then the confirmation). Steps before it keep their values.
 */
export function redo(step: string): DialogDirective {
  return DialogDirective.make('redo', step);
}

/**
 * Ends the dialog now, without its completion: the reply is what the step wrote in
 * `context.reply` (a jump with `goTo`, texts), and the dialog's state is cleared.
 */
export function endDialog(): DialogDirective {
  return END;
}

/** Takes the step's way out (else the dialog's), as after too many answers not understood. */
export function giveUp(): DialogDirective {
  return GIVE_UP;
}
