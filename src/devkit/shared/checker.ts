import { isRecord } from './json.js';

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/** The known key closest to a misspelt one, if any is close enough. */
function suggestion(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Checks hand-written JSON/YAML (scripts, conversation files) and collects every problem
 * with the path where it is (`steps[2].expect.bot[0]`), so one run reports them all.
 * Unknown keys are problems: a misspelt expectation must not pass silently.
 */
export class Checker {
  readonly problems: string[] = [];

  report(path: string, message: string): void {
    this.problems.push(`${path || '(top level)'}: ${message}`);
  }

  /** An object whose keys are all in `keys`; reports unknown keys with a suggestion. */
  object(
    value: unknown,
    path: string,
    keys: readonly string[],
  ): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
      this.report(path, 'must be an object');
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (keys.includes(key)) continue;
      const close = suggestion(key, keys);
      this.report(
        join(path, key),
        `unknown key${close ? ` (did you mean "${close}"?)` : ''}; known keys: ${keys.join(', ')}`,
      );
    }
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.report(path, 'must be a non-empty string');
    return undefined;
  }

  integer(value: unknown, path: string, min = 0): number | undefined {
    if (Number.isSafeInteger(value) && (value as number) >= min) return value as number;
    this.report(path, `must be an integer from ${min}`);
    return undefined;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.report(path, 'must be true or false');
    return undefined;
  }

  oneOf<T extends string>(value: unknown, path: string, values: readonly T[]): T | undefined {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) {
      return value as T;
    }
    this.report(path, `must be one of ${values.join(', ')}`);
    return undefined;
  }

  array(value: unknown, path: string): unknown[] | undefined {
    if (Array.isArray(value)) return value as unknown[];
    this.report(path, 'must be a list');
    return undefined;
  }

  /** A list of non-empty strings; a single string is read as a list of one. */
  texts(value: unknown, path: string): string[] | undefined {
    const list = typeof value === 'string' ? [value] : this.array(value, path);
    if (!list) return undefined;
    const texts = list.map((item, index) => this.string(item, `${path}[${index}]`));
    return texts.every((text) => text !== undefined) ? texts : undefined;
  }
}

/** `parent.key`, or `key` at the top level. */
export function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}
