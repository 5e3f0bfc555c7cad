import type { getMetadataStorage, ValidationArguments } from 'class-validator';
import { ValidationUtils } from 'class-validator/cjs/validation/ValidationUtils.js';

/** Offending field paths (`chat_log.0.text`), each with what is wrong there. */
export type FieldErrors = Record<string, string[]>;

/**
 * Field errors as they are found, up to `limit` paths. `add` says when the limit is reached,
 * and the search stops there, so a value with thousands of faults costs no more than one
 * with `limit`. A path added twice keeps its place and takes the later messages, as
 * assigning the same key of an object does.
 */
export class FieldErrorList {
  readonly fields: FieldErrors = {};
  #paths = 0;

  constructor(readonly limit: number) {}

  /** Records what is wrong at `path`; true once `limit` paths are recorded (stop looking). */
  add(path: string, messages: string[]): boolean {
    if (!Object.hasOwn(this.fields, path)) this.#paths++;
    this.fields[path] = messages;
    return this.#paths >= this.limit;
  }
}

type Storage = ReturnType<typeof getMetadataStorage>;
export type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>[number];
type ConstraintMetadata = ReturnType<Storage['getTargetValidatorConstraints']>[number];

/** `forbidUnknownValues`: the error class-validator gives an object of a class without rules. */
export const UNKNOWN_VALUE_MESSAGE = 'an unknown value was passed to the validate function';

/** `forbidNonWhitelisted`: the error class-validator gives a property the class does not declare. */
export function notWhitelistedMessage(property: string): string {
  return `property ${property} should not exist`;
}

/** What is wrong with a property's value by its first broken rule, or undefined. */
export type BrokenRule = (object: object, value: unknown) => string[] | undefined;

function isThenable(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The message of a broken rule, as class-validator's executor words it
 * (`createValidationError`): the decorator's own `message` if it set one, else the
 * constraint's `defaultMessage`, then the `$property`, `$value`, `$constraintN` and `$target`
 * tokens replaced by class-validator's own `ValidationUtils`.
 */
function messageOf(
  rule: Metadata,
  validator: ConstraintMetadata['instance'] | undefined,
  targetName: string | undefined,
  object: object,
  value: unknown,
): string {
  const args = {
    targetName,
    property: rule.propertyName,
    object,
    value,
    constraints: rule.constraints,
  } as ValidationArguments;
  let message = rule.message || '';
  if (!rule.message && validator && validator.defaultMessage instanceof Function) {
    message = validator.defaultMessage(args);
  }
  return ValidationUtils.replaceMessageSpecialTokens(message, args);
}

/**
 * One rule (an `IS_DEFINED` or `CUSTOM_VALIDATION` metadata), as class-validator's executor
 * applies it in `validateSync` with `stopAtFirstError` (`customValidations`): skipped when its
 * own `validateIf` says so; each of its constraints in turn, asynchronous ones left out; with
 * `each`, on every item of an array; broken by a falsy answer (a promise is never waited for,
 * so it breaks nothing); the message of the first broken constraint.
 *
 * `targetName` is the class's name (the executor reads it from the instance's constructor);
 * `object` is the JSON object itself, not a class-transformer instance of it.
 */
export function brokenRule(
  rule: Metadata,
  constraints: ConstraintMetadata[],
  targetName: string,
): BrokenRule {
  const validators = constraints
    .filter((constraint) => !constraint.async)
    .map((constraint) => constraint.instance);
  const { each, validateIf } = rule;
  return (object, value) => {
    if (validateIf && !validateIf(object, value)) return undefined;
    for (const validator of validators) {
      const args: ValidationArguments = {
        targetName,
        property: rule.propertyName,
        object,
        value,
        constraints: rule.constraints,
      };
      let broken: boolean;
      if (!each || !isArrayLike(value)) {
        // A promise, never waited for, is an object: it breaks nothing.
        broken = !validator.validate(value, args);
      } else {
        const items = Array.isArray(value)
          ? value
          : value instanceof Map
            ? [...value.values()]
            : [...value];
        const results = items.map((item) => validator.validate(item, args));
        if (results.some(isThenable)) continue;
        broken = !results.every(Boolean);
      }
      if (broken) return [messageOf(rule, validator, targetName, object, value)];
    }
    return undefined;
  };
}

/**
 * The message class-validator gives a value that nested validation cannot walk (neither
 * object nor array): the `@ValidateNested` metadata's own message, with the class itself as
 * the object the tokens are read from (`nestedValidations`).
 */
export function nestedValueMessage(rule: Metadata): (value: unknown) => string {
  return (value) =>
    messageOf(rule, undefined, rule.target.constructor?.name, rule.target as object, value);
}

function isArrayLike(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}
