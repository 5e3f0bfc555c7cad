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

/**
 * Drops prototype-polluting keys in place and measures nesting, without recursion, so a
 * deeply nested body is answered with an error instead of exhausting the stack.
 * Returns false when the value is nested deeper than `MAX_JSON_DEPTH`.
 */
export function sanitizeJson(value: unknown): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return false;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth + 1]);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (UNSAFE_KEYS.has(key)) {
        delete record[key];
        continue;
      }
      stack.push([record[key], depth + 1]);
    }
  }
  return true;
}

/**
 * Checks a plain JSON value against a contract DTO class with its class-validator rules.
 * Returns undefined when the value satisfies the contract, otherwise the offending field
 * paths. The value itself is left as it is (but for unsafe keys, see `sanitizeJson`).
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
  if (!sanitizeJson(value)) {
    return { [root || '(root)']: [`must not be nested deeper than ${MAX_JSON_DEPTH} levels`] };
  }
  const instance = plainToInstance(dto, value);
  const errors = validateSync(instance, {
    whitelist: options.strict ?? false,
    forbidNonWhitelisted: options.strict ?? false,
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
