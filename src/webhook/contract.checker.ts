import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { isPlainJsonObject } from '../contract/contract.validators.js';

/** Offending field paths (`chat_log.0.text`), each with what is wrong there. */
export type FieldErrors = Record<string, string[]>;

/** Field paths reported at most, so that a huge bad payload cannot make a huge error. */
export const MAX_REPORTED_FIELDS = 50;

/** Nesting depth beyond which a value is refused before any other check. */
export const MAX_JSON_DEPTH = 64;

/** Keys that could reach an object's prototype when copied: dropped from input. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface ContractCheckOptions {
  /** Refuse properties the DTO does not declare (strict writer). Default: accept them. */
  strict?: boolean;
  /** Path prefix of every reported field, e.g. `body`. Default: none. */
  root?: string;
}

function join(parent: string, property: string): string {
  return parent ? `${parent}.${property}` : property;
}

function collect(errors: ValidationError[], parent: string, out: FieldErrors): void {
  for (const error of errors) {
    if (Object.keys(out).length >= MAX_REPORTED_FIELDS) return;
    const path = join(parent, error.property);
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, path, out);
  }
}

/** What `inspectJson` found. */
export interface JsonInspection {
  /** The value nests deeper than `MAX_JSON_DEPTH`. */
  tooDeep: boolean;
  /** Paths of the prototype-polluting keys found (and, when asked, removed). */
  unsafeKeys: string[];
}

/**
 * Walks a parsed JSON value without recursion, so a deeply nested body is answered with an
 * error instead of exhausting the stack. Finds the keys that could reach an object's
 * prototype when copied (`__proto__`, `constructor`, `prototype`) and, with `remove`,
 * deletes them in place. Stops at the first level past `MAX_JSON_DEPTH`.
 */
export function inspectJson(value: unknown, remove: boolean): JsonInspection {
  const unsafeKeys: string[] = [];
  const stack: Array<[unknown, number, string]> = [[value, 1, '']];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return { tooDeep: true, unsafeKeys };
    if (Array.isArray(node)) {
      node.forEach((item, index) => stack.push([item, depth + 1, join(path, String(index))]));
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (UNSAFE_KEYS.has(key)) {
        unsafeKeys.push(join(path, key));
        if (remove) delete record[key];
        continue;
      }
      stack.push([record[key], depth + 1, join(path, key)]);
    }
  }
  return { tooDeep: false, unsafeKeys };
}

/**
 * Checks a plain JSON value against a contract DTO class with its class-validator rules.
 * Returns undefined when the value satisfies the contract, otherwise the offending field
 * paths. Prototype-polluting keys are removed from the value in place when reading
 * (tolerant), and refused as errors when `strict` (see `inspectJson`); the value is
 * otherwise left as it is.
 */
export function checkContract(
  dto: Type<object>,
  value: unknown,
  options: ContractCheckOptions = {},
): FieldErrors | undefined {
  const root = options.root ?? '';
  if (!isPlainJsonObject(value)) {
    return { [root || '(root)']: ['must be a JSON object'] };
  }
  const strict = options.strict ?? false;
  const inspection = inspectJson(value, !strict);
  if (inspection.tooDeep) {
    return { [root || '(root)']: [`must not be nested deeper than ${MAX_JSON_DEPTH} levels`] };
  }
  if (strict && inspection.unsafeKeys.length > 0) {
    return Object.fromEntries(
      inspection.unsafeKeys
        .slice(0, MAX_REPORTED_FIELDS)
        .map((path) => [join(root, path), ['this key is not allowed']]),
    );
  }
  const instance = plainToInstance(dto, value);
  const errors = validateSync(instance, {
    whitelist: strict,
    forbidNonWhitelisted: strict,
    forbidUnknownValues: true,
    // One message per field: the first rule it breaks (presence, then type, then bounds).
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return undefined;
  const fields: FieldErrors = {};
  collect(errors, root, fields);
  return fields;
}
