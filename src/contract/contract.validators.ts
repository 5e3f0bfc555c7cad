import { ValidateBy, type ValidationOptions, buildMessage } from 'class-validator';

/** A plain JSON object: not null, not an array. */
export function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string with at least one non-whitespace character. */
export function IsNotBlank(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: buildMessage(
          (each) => `${each}$property must not be empty or blank`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}

/** Bounds of a value written to memory: any JSON value, within them. */
export interface MemoryValueBounds {
  /** Longest string, anywhere in the value. */
  maxStringLength: number;
  /** Deepest nesting of arrays and objects inside the value (a scalar is 0, `[1]` is 1). */
  maxDepth: number;
  /** Most items of one array, or keys of one object, inside the value. */
  maxItems: number;
  /** Longest key of an object inside the value. */
  maxKeyLength: number;
  /** Longest JSON text of one array or object value, in characters. */
  maxJsonLength: number;
}

export interface JsonObjectRules {
  maxKeys: number;
  keyMaxLength: number;
  /**
   * What each value may be: anything (`any`: memory as Cliengo sends it, not checked
   * further), or a JSON value within `memoryBounds` (`memory`: what a reply may write).
   */
  values: 'any' | 'memory';
  /** The bounds of each value, with `values: 'memory'`. */
  memoryBounds?: MemoryValueBounds;
  /** Whether the empty-string key is allowed. */
  allowEmptyKey: boolean;
}

/** Problems listed at most in one message, so that a huge bad object cannot make a huge one. */
const MAX_LISTED_PROBLEMS = 10;

/**
 * A plain object: made by `{}`, `JSON.parse` or `Object.create(null)`, in this realm or
 * another (a test runner's, a worker's), not a class instance, a Date or a Map.
 */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/**
 * What keeps `value` from being written to memory, or undefined: it must be JSON (a string,
 * a finite number, a boolean, null, an array or a plain object of those) within `bounds`.
 */
export function memoryValueProblem(
  value: unknown,
  bounds: MemoryValueBounds,
  depth = 0,
): string | undefined {
  switch (typeof value) {
    case 'string':
      return value.length > bounds.maxStringLength
        ? `must not hold a string longer than ${bounds.maxStringLength} characters`
        : undefined;
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : 'must not hold NaN or an infinite number';
    case 'object': {
      if (value === null) return undefined;
      if (depth === bounds.maxDepth) {
        return `must not be nested deeper than ${bounds.maxDepth} levels`;
      }
      const array = Array.isArray(value);
      if (!array && !isPlainObject(value)) {
        return 'must be a JSON value: a string, a finite number, a boolean, null, an array or a plain object';
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length > bounds.maxItems) {
        return `must not hold an ${array ? 'array' : 'object'} of more than ${bounds.maxItems} ${array ? 'items' : 'keys'}`;
      }
      for (const key of keys) {
        if (!array && key.length > bounds.maxKeyLength) {
          return `must not hold keys longer than ${bounds.maxKeyLength} characters`;
        }
        const problem = memoryValueProblem(record[key], bounds, depth + 1);
        if (problem) return problem;
      }
      if (depth === 0 && JSON.stringify(value).length > bounds.maxJsonLength) {
        return `must not be longer than ${bounds.maxJsonLength} characters as JSON`;
      }
      return undefined;
    }
    default:
      return 'must be a JSON value: a string, a finite number, a boolean, null, an array or a plain object';
  }
}

/**
 * Calls `report` with each problem of a JSON object under `rules`, until it returns false;
 * true if there was any. Checking alone (`STOP_AT_FIRST`) allocates nothing: it runs on
 * every request, for `collected_data.custom`.
 */
function visitJsonObjectProblems(
  value: unknown,
  rules: JsonObjectRules,
  report: (problem: string) => boolean,
): boolean {
  if (!isPlainJsonObject(value)) {
    report('must be a JSON object');
    return true;
  }
  const keys = Object.keys(value);
  if (keys.length > rules.maxKeys) {
    report(`must not have more than ${rules.maxKeys} keys`);
    return true;
  }
  let found = false;
  for (const key of keys) {
    let problem: string | undefined;
    if (key.length > rules.keyMaxLength) {
      problem = `must not have keys longer than ${rules.keyMaxLength} characters`;
    } else if (key === '' && !rules.allowEmptyKey) {
      problem = 'must not have an empty key';
    } else if (rules.values === 'memory' && rules.memoryBounds && value[key] !== undefined) {
      // An undefined value is no write: JSON leaves the key out.
      const valueProblem = memoryValueProblem(value[key], rules.memoryBounds);
      if (valueProblem) problem = `value of key ${JSON.stringify(key)} ${valueProblem}`;
    }
    if (problem === undefined) continue;
    found = true;
    if (!report(problem)) break;
  }
  return found;
}

const STOP_AT_FIRST = () => false;

/** Every problem of a JSON object under `rules` (at most MAX_LISTED_PROBLEMS, then a count). */
function jsonObjectProblems(value: unknown, rules: JsonObjectRules): string[] {
  const problems = new Set<string>();
  let unlisted = 0;
  visitJsonObjectProblems(value, rules, (problem) => {
    if (problems.size < MAX_LISTED_PROBLEMS || problems.has(problem)) problems.add(problem);
    else unlisted++;
    return true;
  });
  const listed = [...problems];
  if (unlisted > 0) listed.push(`and ${unlisted} more`);
  return listed;
}

/** A JSON object whose keys and values follow `rules`. */
export function IsJsonObject(
  rules: JsonObjectRules,
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isJsonObject',
      constraints: [rules],
      validator: {
        validate: (value: unknown) => !visitJsonObjectProblems(value, rules, STOP_AT_FIRST),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} ${jsonObjectProblems(args?.value, rules).join('; ') || 'is invalid'}`,
      },
    },
    validationOptions,
  );
}
