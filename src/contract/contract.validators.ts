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

export interface JsonObjectRules {
  maxKeys: number;
  keyMaxLength: number;
  /** What each value may be: any JSON value, or a scalar (string, number, boolean). */
  values: 'any' | 'scalar';
  /** Longest string value, checked when `values` is 'scalar'. */
  valueMaxLength?: number;
  /** Whether the empty-string key is allowed. */
  allowEmptyKey: boolean;
}

function jsonObjectProblem(value: unknown, rules: JsonObjectRules): string | undefined {
  if (!isPlainJsonObject(value)) return 'must be a JSON object';
  const keys = Object.keys(value);
  if (keys.length > rules.maxKeys) return `must not have more than ${rules.maxKeys} keys`;
  for (const key of keys) {
    if (key.length > rules.keyMaxLength) {
      return `must not have keys longer than ${rules.keyMaxLength} characters`;
    }
    if (key === '' && !rules.allowEmptyKey) return 'must not have an empty key';
    if (rules.values === 'scalar') {
      const entry = value[key];
      const isScalar =
        typeof entry === 'string' ||
        typeof entry === 'boolean' ||
        (typeof entry === 'number' && Number.isFinite(entry));
      if (!isScalar) return `value of key "${key}" must be a string, a finite number or a boolean`;
      if (
        typeof entry === 'string' &&
        rules.valueMaxLength !== undefined &&
        entry.length > rules.valueMaxLength
      ) {
        return `value of key "${key}" must not be longer than ${rules.valueMaxLength} characters`;
      }
    }
  }
  return undefined;
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
        validate: (value: unknown) => jsonObjectProblem(value, rules) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} ${jsonObjectProblem(args?.value, rules) ?? 'is invalid'}`,
      },
    },
    validationOptions,
  );
}
