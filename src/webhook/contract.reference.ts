import type { Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { FieldErrors } from './contract.errors.js';

/**
 * class-validator's own verdict on a value (class-transformer instance, then
 * `validateSync`), with the options the contract checks mirror: the reference the compiled
 * checks and error collection are held to in tests. Nothing on the request path calls it.
 */
export function classValidatorErrors(
  dto: Type<object>,
  value: object,
  strict: boolean,
): ValidationError[] {
  const instance = plainToInstance(dto, value);
  return validateSync(instance, {
    whitelist: strict,
    forbidNonWhitelisted: strict,
    forbidUnknownValues: true,
    // One message per field: the first rule it breaks (presence, then type, then bounds).
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
}

function join(parent: string, property: string): string {
  return parent ? `${parent}.${property}` : property;
}

/** class-validator's errors as field paths and messages, at most `limit` paths. */
export function collect(
  errors: ValidationError[],
  parent: string,
  out: FieldErrors,
  limit: number,
): void {
  for (const error of errors) {
    if (Object.keys(out).length >= limit) return;
    const path = join(parent, error.property);
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, path, out, limit);
  }
}

/** The field errors class-validator's path gives for a value: `classValidatorErrors`, then `collect`. */
export function classValidatorFieldErrors(
  dto: Type<object>,
  value: object,
  strict: boolean,
  root: string,
  limit: number,
): FieldErrors {
  const fields: FieldErrors = {};
  collect(classValidatorErrors(dto, value, strict), root, fields, limit);
  return fields;
}
