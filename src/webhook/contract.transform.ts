/**
 * What class-transformer's `plainToInstance` makes of a JSON value, as far as class-validator's
 * rules can tell: the same values, except for the keys it does not copy. It skips `__proto__`
 * and `constructor`, and every key under which the new object (a class instance, or `{}` for
 * a value without a class) already has a method or a read-only property: for a plain DTO, the
 * members of `Object.prototype` (`toString`, `valueOf`, `hasOwnProperty`, ...). Rules never
 * see those keys, and in strict mode no "should not exist" error names them.
 */

/** The keys `plainToInstance` does not copy into an object like `sample` (see above). */
export function keysNotCopied(sample: object): ReadonlySet<string> {
  const skipped = new Set(['__proto__', 'constructor']);
  const prototype = (sample.constructor as { prototype?: object } | undefined)?.prototype;
  for (
    let level: object | null = sample;
    level !== null;
    level = Object.getPrototypeOf(level) as object | null
  ) {
    for (const key of Object.getOwnPropertyNames(level)) {
      const own = prototype && Object.getOwnPropertyDescriptor(prototype, key);
      if ((own && !own.set) || (sample as Record<string, unknown>)[key] instanceof Function) {
        skipped.add(key);
      }
    }
  }
  return skipped;
}

/** Keys not copied into a value without a class: the plain objects inside untyped fields. */
const NOT_COPIED_PLAIN = keysNotCopied({});

function hasKeyNotCopied(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasKeyNotCopied);
  for (const key of Object.keys(value)) {
    if (NOT_COPIED_PLAIN.has(key)) return true;
    if (hasKeyNotCopied((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy);
  const copied: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!NOT_COPIED_PLAIN.has(key)) copied[key] = copy((value as Record<string, unknown>)[key]);
  }
  return copied;
}

/**
 * A JSON value of a field without a class (no `@Type`), as `plainToInstance` copies it: the
 * value itself when it holds no key that is not copied (the common case: nothing is
 * allocated), otherwise a copy without those keys.
 */
export function asCopied(value: unknown): unknown {
  return hasKeyNotCopied(value) ? copy(value) : value;
}
