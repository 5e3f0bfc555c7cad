import { inspect } from 'node:util';

/** A thrown value shaped like an error: a string `message`, and a `name` or a `stack`. */
export interface ErrorLike {
  readonly message: string;
  readonly name?: unknown;
  readonly stack?: unknown;
}

/**
 * Whether a thrown value is shaped like an error: an object with a string `message` and a
 * string `name` or `stack`. Checked by shape rather than with `instanceof Error`, which an
 * error made in another realm fails (a `DOMException` such as `AbortError` or
 * `TimeoutError` from a VM context, a worker or a test sandbox); a plain object that only
 * has a `message` is a value, not an error.
 */
export function isErrorLike(value: unknown): value is ErrorLike {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const { message, name, stack } = value as Record<string, unknown>;
  return typeof message === 'string' && (typeof name === 'string' || typeof stack === 'string');
}

/** Whether an error-like value is a `DOMException`, of any realm. */
export function isDomException(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object DOMException]';
}

/**
 * The name of an error-like value: its `name` (`TimeoutError` for a `DOMException` of that
 * name, `TypeError`...), else its class name, else `Error`.
 */
export function errorName(error: ErrorLike): string {
  if (typeof error.name === 'string' && error.name !== '') return error.name;
  const type = (error as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof type === 'string' && type !== '' && type !== 'Object' ? type : 'Error';
}

/**
 * A value that is not an error, as Node shows it (`'the CRM is down'`, `42`, `null`,
 * `{ code: 'E_DOWN' }`), on one line and bounded: a few levels deep, long strings and
 * arrays cut.
 */
export function inspectValue(value: unknown): string {
  return inspect(value, {
    depth: 3,
    breakLength: Infinity,
    maxArrayLength: 20,
    maxStringLength: 1_000,
  });
}

/** What kind of value a non-error is, with its article: `a string`, `an object`, `null`. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/**
 * One line naming a thrown value, for messages: `TypeError: boom`, `TimeoutError: the
 * operation timed out` (a `DOMException`, of any realm), `'the CRM is down' (a string, not
 * an Error)`, `null (not an Error)`, `{ code: 'E_DOWN' } (an object, not an Error)`.
 */
export function describeThrown(value: unknown): string {
  try {
    if (isErrorLike(value)) {
      const name = errorName(value);
      return value.message === '' ? name : `${name}: ${value.message}`;
    }
    const kind = kindOf(value);
    const what = kind === 'null' || kind === 'undefined' ? 'not an Error' : `${kind}, not an Error`;
    return `${inspectValue(value)} (${what})`;
  } catch {
    // A getter that throws, a revoked proxy: nothing more can be read from it.
    return `(${kindOf(typeof value === 'object' ? {} : value)} that cannot be read)`;
  }
}
