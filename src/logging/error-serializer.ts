import { stdSerializers } from 'pino';
import { errorName, isDomException, isErrorLike, inspectValue } from './thrown-value.js';

/** What a log line carries for a thrown value. */
export interface SerializedError {
  /** The class (`TypeError`, `DOMException`), or the kind of a non-error (`string`, `null`). */
  type: string;
  /** The error's name (`TimeoutError` for a `DOMException` of that name); errors only. */
  name?: string;
  /** The error's message (with its causes'), or the value as Node shows it. */
  message: string;
  stack?: string;
  [field: string]: unknown;
}

/** Values this serializer made: serialising one again gives it back as it is. */
const serialized = new WeakSet<object>();

function done(value: SerializedError): SerializedError {
  serialized.add(value);
  return value;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * A thrown value as a log line carries it (pino's serializer for `err` and the service's
 * other error fields), so that no thrown value is ever logged as `{}`:
 *
 * - an error (by shape, whatever its realm): pino's own serialisation (type, message with
 *   its causes, stack, its own fields), with its `name`;
 * - a `DOMException` (`AbortError`, `TimeoutError`...): type, name, message and stack (pino's
 *   would copy the two dozen legacy code constants every `DOMException` inherits);
 * - anything else (a string, a number, a plain object, `null`, `undefined`): its kind as
 *   `type`, and the value as Node shows it, bounded, as `message`.
 */
export function serializeError(value: unknown): SerializedError {
  if (typeof value === 'object' && value !== null && serialized.has(value)) {
    return value as SerializedError;
  }
  try {
    if (isErrorLike(value)) {
      const name = errorName(value);
      if (isDomException(value)) {
        return done({
          type: 'DOMException',
          name,
          message: value.message,
          ...(typeof value.stack === 'string' ? { stack: value.stack } : {}),
        });
      }
      const out = stdSerializers.err(value as Error) as unknown as SerializedError;
      if (typeof out.name !== 'string') out.name = name;
      return done(out);
    }
    return done({ type: typeOf(value), message: inspectValue(value) });
  } catch {
    // A getter that throws, a revoked proxy: nothing more can be read from it.
    return done({ type: typeof value, message: `(${typeof value} that cannot be read)` });
  }
}
