import { isPlainJsonObject } from '../contract/contract.validators.js';
import type { JsonValue } from '../contract/json-value.js';

/** The prefix of every dialog's state key in `custom`: reserved, your own keys cannot use it. */
export const DIALOG_KEY_PREFIX = 'dialog:';

/** The `custom` key that holds a dialog's state. */
export function dialogStateKey(dialogName: string): string {
  return `${DIALOG_KEY_PREFIX}${dialogName}`;
}

/**
 * A dialog's state, as it is kept in the chatbot memory between turns, under one key:
 *
 * ```json
 * "dialog:car-quote": { "v": 1, "step": "plan", "tries": 1, "t": 1796131200,
 *                       "values": { "plate": "AB123CD", "year": 2019 },
 *                       "items": [{ "id": "basic", "name": "Básico" }] }
 * ```
 * - `v`: the dialog's `version` the state was written by;
 * - `step`: the step whose answer the dialog waits for;
 * - `tries`: answers to it not understood so far (left out when 0);
 * - `values`: the values of the steps done, by step name;
 * - `items`: the items a LIST step offered (left out otherwise);
 * - `t`: when it was written, in seconds since 1970 (to forget a state too old);
 * - `done`: written instead of `step` when the dialog ended and keeps its state.
 */
export interface DialogState {
  readonly v: number;
  readonly step?: string;
  readonly tries?: number;
  readonly values: Record<string, JsonValue>;
  readonly items?: JsonValue[];
  readonly t: number;
  readonly done?: true;
}

/** What was found under a dialog's key. */
export type ReadState =
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly detail: string }
  | { readonly kind: 'state'; readonly state: DialogState };

function count(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

function parsedText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Reads the value found under a dialog's key (already unwrapped from `{ "value": ... }`)
 * tolerantly: an object or JSON text; counts as numbers or numeric strings. Anything else
 * is `unreadable`, with what was wrong, never an exception.
 */
export function readDialogState(found: unknown): ReadState {
  if (found === undefined || found === null || found === '') return { kind: 'none' };
  const raw = parsedText(found);
  if (!isPlainJsonObject(raw)) return { kind: 'unreadable', detail: 'not an object' };
  const v = count(raw.v);
  if (v === undefined) return { kind: 'unreadable', detail: 'no version' };
  const values = parsedText(raw.values ?? {});
  if (!isPlainJsonObject(values)) return { kind: 'unreadable', detail: 'values is not an object' };
  const step = raw.step;
  if (step !== undefined && step !== null && typeof step !== 'string') {
    return { kind: 'unreadable', detail: 'step is not a name' };
  }
  const tries = raw.tries === undefined || raw.tries === null ? 0 : count(raw.tries);
  if (tries === undefined) return { kind: 'unreadable', detail: 'tries is not a count' };
  const items = parsedText(raw.items ?? undefined);
  if (items !== undefined && !Array.isArray(items)) {
    return { kind: 'unreadable', detail: 'items is not a list' };
  }
  const state: DialogState = {
    v,
    ...(typeof step === 'string' && step !== '' ? { step } : {}),
    ...(tries > 0 ? { tries } : {}),
    values: values as Record<string, JsonValue>,
    ...(items !== undefined ? { items: items as JsonValue[] } : {}),
    t: count(raw.t) ?? 0,
    ...(raw.done === true || raw.done === 'true' ? { done: true as const } : {}),
  };
  return { kind: 'state', state };
}
