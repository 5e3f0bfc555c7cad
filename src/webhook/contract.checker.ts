import type { Type } from '@nestjs/common';
import { isPlainJsonObject } from '../contract/contract.validators.js';
import { ContractCompiler } from './contract.compiler.js';
import { FieldErrorList, type FieldErrors } from './contract.errors.js';

export type { FieldErrors } from './contract.errors.js';

/** Field paths reported at most, so that a huge bad payload cannot make a huge error. */
export const MAX_REPORTED_FIELDS = 50;

/**
 * Structural bounds checked before any rule, on the whole value (unknown fields included):
 * nesting depth, keys of one object, items of one array. They keep the cost of refusing a
 * value linear and small; the contract's own bounds are lower or equal.
 */
export const MAX_JSON_DEPTH = 64;
export const MAX_OBJECT_KEYS = 1_000;
export const MAX_ARRAY_ITEMS = 10_000;

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

/** What `inspectJson` found. */
export interface JsonInspection {
  /** What breaks a structural bound (depth, keys, items), if anything, and where. */
  tooLarge?: { path: string; message: string };
  /** Paths of the prototype-polluting keys found (and, when asked, removed). */
  unsafeKeys: string[];
}

/**
 * Walks a parsed JSON value, stopping at the first level past `MAX_JSON_DEPTH`, so a deeply
 * nested body is answered with an error instead of exhausting the stack. Finds the keys
 * that could reach an object's prototype when copied (`__proto__`, `constructor`,
 * `prototype`) and, with `remove`, deletes them in place. Paths are only spelled out for
 * what it finds: the common case allocates no strings.
 */
export function inspectJson(value: unknown, remove: boolean): JsonInspection {
  if (typeof value !== 'object' || value === null) return { unsafeKeys: [] };
  if (quickInspection(value, 1) === 0) return { unsafeKeys: [] };
  return detailedInspection(value, remove);
}

const TOO_DEEP = `must not be nested deeper than ${MAX_JSON_DEPTH} levels`;
const TOO_MANY_KEYS = `must not have more than ${MAX_OBJECT_KEYS} keys`;
const TOO_MANY_ITEMS = `must not have more than ${MAX_ARRAY_ITEMS} items`;

const TOO_LARGE = 1;
const UNSAFE = 2;

/**
 * Structural bounds and unsafe keys, found with as little work per node as possible: a
 * bit set of TOO_LARGE and UNSAFE. Recursive, but never deeper than MAX_JSON_DEPTH + 1
 * calls, so it cannot exhaust the stack.
 */
function quickInspection(node: object, depth: number): number {
  if (depth > MAX_JSON_DEPTH) return TOO_LARGE;
  let found = 0;
  if (Array.isArray(node)) {
    if (node.length > MAX_ARRAY_ITEMS) return TOO_LARGE;
    for (let index = 0; index < node.length; index++) {
      const child: unknown = node[index];
      if (typeof child === 'object' && child !== null) {
        found |= quickInspection(child, depth + 1);
        if (found & TOO_LARGE) return found;
      }
    }
    return found;
  }
  const record = node as Record<string, unknown>;
  let count = 0;
  // for-in allocates no key array; parsed JSON objects inherit no enumerable keys.
  for (const key in record) {
    if (++count > MAX_OBJECT_KEYS) return found | TOO_LARGE;
    // Every unsafe key is 9 or 11 characters long: most keys are ruled out by length.
    if ((key.length === 9 || key.length === 11) && UNSAFE_KEYS.has(key)) found |= UNSAFE;
    const child = record[key];
    if (typeof child === 'object' && child !== null) {
      found |= quickInspection(child, depth + 1);
      if (found & TOO_LARGE) return found;
    }
  }
  return found;
}

/**
 * The rare case, spelled out in full: where a structural bound is broken, and the paths of
 * the unsafe keys (removed when asked).
 */
function detailedInspection(value: unknown, remove: boolean): JsonInspection {
  const unsafeKeys: string[] = [];
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  const parents: number[] = [-1];
  const names: string[] = [''];
  const pathOf = (index: number, key?: string): string => {
    const segments = key === undefined ? [] : [key];
    for (let at = index; at > 0; at = parents[at]) segments.push(names[at]);
    return segments.reverse().join('.');
  };
  const tooLarge = (index: number, message: string) => ({
    tooLarge: { path: pathOf(index), message },
    unsafeKeys,
  });
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    const depth = depths[index];
    if (depth > MAX_JSON_DEPTH) return tooLarge(index, TOO_DEEP);
    if (Array.isArray(node)) {
      if (node.length > MAX_ARRAY_ITEMS) return tooLarge(index, TOO_MANY_ITEMS);
      for (let item = 0; item < node.length; item++) {
        const child: unknown = node[item];
        if (typeof child === 'object' && child !== null) {
          nodes.push(child);
          depths.push(depth + 1);
          parents.push(index);
          names.push(String(item));
        }
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > MAX_OBJECT_KEYS) return tooLarge(index, TOO_MANY_KEYS);
    for (const key of keys) {
      if (UNSAFE_KEYS.has(key)) {
        unsafeKeys.push(pathOf(index, key));
        if (remove) delete record[key];
        continue;
      }
      const child = record[key];
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
        parents.push(index);
        names.push(key);
      }
    }
  }
  return { unsafeKeys };
}

const lenient = new ContractCompiler(false);
const strictCompiler = new ContractCompiler(true);

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
  if (inspection.tooLarge) {
    const path = join(root, inspection.tooLarge.path) || '(root)';
    return { [path]: [`${path} ${inspection.tooLarge.message}`] };
  }
  if (strict && inspection.unsafeKeys.length > 0) {
    return Object.fromEntries(
      inspection.unsafeKeys
        .slice(0, MAX_REPORTED_FIELDS)
        .map((path) => [join(root, path), ['this key is not allowed']]),
    );
  }
  // The compiled check answers the common case, a valid value, quickly. Only a value it
  // refuses is gone through again, by the compiled error collection, which gives
  // class-validator's messages and has the final word: where the check is stricter than
  // class-validator, it finds nothing, and the value passes.
  const compiler = strict ? strictCompiler : lenient;
  if (compiler.check(dto)(value)) return undefined;
  const errors = new FieldErrorList(MAX_REPORTED_FIELDS);
  compiler.collect(dto)(value, root, errors);
  return Object.keys(errors.fields).length > 0 ? errors.fields : undefined;
}
