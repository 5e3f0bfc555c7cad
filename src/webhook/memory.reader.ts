import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { folded } from '../answers/answer-text.js';
import { isPlainJsonObject } from '../contract/contract.validators.js';

/**
 * What a structured memory value must be, for `MemoryReader.read` and `readList`: a type
 * guard, or a class whose class-validator rules the value must satisfy (nested objects
 * with `@ValidateNested()` and class-transformer's `@Type`, as in any DTO).
 */
export type MemoryShape<T> = ((value: unknown) => value is T) | (new () => T);

function isClass(shape: MemoryShape<unknown>): shape is new () => unknown {
  return /^class[\s{]/.test(Function.prototype.toString.call(shape));
}

/** `value` as `shape` describes it, or undefined. */
function shaped<T>(value: unknown, shape: MemoryShape<T>): T | undefined {
  if (!isClass(shape)) return shape(value) ? value : undefined;
  if (!isPlainJsonObject(value)) return undefined;
  const instance = plainToInstance(shape, value);
  return validateSync(instance as object).length === 0 ? instance : undefined;
}

/** A JSON array or object written as text (by hand, `JSON.stringify`), parsed; else as it is. */
function parsedIfJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (
    !(text.startsWith('{') && text.endsWith('}')) &&
    !(text.startsWith('[') && text.endsWith(']'))
  ) {
    return value;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

const YES = new Set(['true', '1', 'si', 's', 'yes', 'y']);
const NO = new Set(['false', '0', 'no', 'n']);
const PLAIN_NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/**
 * Reads the `collected_data.custom` memory. Real traffic stores values in every JSON shape
 * (strings, numbers, numbers as strings, null, booleans, arrays, `{ "value": ... }`
 * wrappers); each reader unwraps the wrapper and converts what can be converted, and gives
 * `undefined` for a missing key, a `null`, or a value that does not fit.
 *
 * A question without an internal name stores its answer under the empty key: `text('')`.
 */
export class MemoryReader {
  readonly #custom: Readonly<Record<string, unknown>>;

  constructor(custom: Record<string, unknown> | null | undefined) {
    this.#custom = custom ?? {};
  }

  /** The value under `key`, with a `{ "value": ... }` wrapper removed; null reads as undefined. */
  get(key: string): unknown {
    if (!Object.hasOwn(this.#custom, key)) return undefined;
    let value = this.#custom[key];
    if (isPlainJsonObject(value) && Object.hasOwn(value, 'value')) value = value.value;
    return value ?? undefined;
  }

  /** Whether `key` holds a value (not missing, not null). */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** The value as text: strings as they are, numbers and booleans written out. */
  text(key: string): string | undefined {
    const value = this.get(key);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return undefined;
  }

  /**
   * The value as a number: numbers, and strings such as `"42"`, `"3.5"` or `"3,5"` (one
   * decimal separator, either sign). Thousands separators are not interpreted: `"1.000"`
   * reads as 1, as JavaScript writes one; parse such answers yourself where they occur.
   */
  number(key: string): number | undefined {
    const value = this.get(key);
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    if (!PLAIN_NUMBER.test(trimmed)) return undefined;
    return Number(trimmed.replace(',', '.'));
  }

  /**
   * The value as a yes/no: booleans, `1`/`0`, and the words true/false, yes/no and the
   * Spanish sí/si/no in any case, with or without accents.
   */
  boolean(key: string): boolean | undefined {
    const value = this.get(key);
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === 0) return value === 1;
    if (typeof value !== 'string') return undefined;
    const word = folded(value);
    if (YES.has(word)) return true;
    if (NO.has(word)) return false;
    return undefined;
  }

  /** The value as an array; a single value is not wrapped. */
  list(key: string): unknown[] | undefined {
    const value = this.get(key);
    return Array.isArray(value) ? value : undefined;
  }

  /**
   * A structured value, typed: the value under `key` (unwrapped from `{ "value": ... }`, or
   * parsed when it is an array or object written as JSON text) when `shape` accepts it.
   *
   * @example
   * const isSlot = (v: unknown): v is Slot => typeof (v as Slot)?.id === 'string';
   * const slots = conversation.memory.readList('offered_slots', isSlot);
   * const booking = conversation.memory.read('booking', BookingDto); // class-validator rules
   */
  read<T>(key: string, shape: MemoryShape<T>): T | undefined {
    const value = parsedIfJsonText(this.get(key));
    return value === undefined ? undefined : shaped(value, shape);
  }

  /**
   * A list of structured values, typed: the array under `key` (unwrapped, or parsed from JSON
   * text) when `shape` accepts every item; undefined when it is not an array or an item
   * does not fit.
   */
  readList<T>(key: string, shape: MemoryShape<T>): T[] | undefined {
    const value = parsedIfJsonText(this.get(key));
    if (!Array.isArray(value)) return undefined;
    const items: T[] = [];
    for (const item of value) {
      const read = shaped(item, shape);
      if (read === undefined) return undefined;
      items.push(read);
    }
    return items;
  }

  /** The keys present in memory. */
  keys(): string[] {
    return Object.keys(this.#custom);
  }
}
