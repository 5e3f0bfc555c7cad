import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsJsonObject, IsNotBlank, type JsonObjectRules } from './contract.validators.js';

/**
 * Field decorators of the wire contract. Each one applies the class-validator rules and
 * the OpenAPI description of a field together, so the rules a request is checked against
 * and the spec users generate clients from come from the same line of code.
 */
export interface FieldOptions {
  description: string;
  /** A required field must be present and not null. Default: optional. */
  required?: boolean;
  /**
   * Whether an optional field may be `null`. Requests accept `null` wherever a field is
   * optional (tolerant reader); replies never send it (strict writer).
   */
  nullable?: boolean;
  example?: unknown;
}

function presence({ required = false, nullable = false }: FieldOptions): PropertyDecorator {
  if (required) return IsDefined();
  // IsOptional skips the other rules for both null and undefined; without `nullable`,
  // only an absent field is skipped and a null one is checked (and refused) by type.
  return nullable ? IsOptional() : ValidateIf((_object, value) => value !== undefined);
}

function schema(options: FieldOptions, extra: ApiPropertyOptions): PropertyDecorator {
  return ApiProperty({
    description: options.description,
    required: options.required ?? false,
    ...(options.nullable ? { nullable: true } : {}),
    ...(options.example !== undefined ? { example: options.example } : {}),
    ...extra,
  } as ApiPropertyOptions);
}

export interface TextFieldOptions extends FieldOptions {
  maxLength: number;
  /** Refuse empty and whitespace-only strings. */
  notBlank?: boolean;
  /** Checked format: an email address or an ISO 8601 date-time. */
  format?: 'email' | 'date-time';
  /** Values the contract names. With `open`, other strings are accepted too. */
  values?: readonly string[];
  open?: boolean;
}

/** A string field. */
export function TextField(options: TextFieldOptions): PropertyDecorator {
  const rules: PropertyDecorator[] = [presence(options), IsString(), MaxLength(options.maxLength)];
  if (options.notBlank) rules.push(IsNotBlank());
  if (options.format === 'email') rules.push(IsEmail());
  if (options.format === 'date-time') rules.push(IsISO8601());
  if (options.values && !options.open) rules.push(IsIn(options.values));
  const extra: ApiPropertyOptions = { type: String, maxLength: options.maxLength };
  if (options.notBlank) Object.assign(extra, { minLength: 1 });
  if (options.format) Object.assign(extra, { format: options.format });
  if (options.values && !options.open) Object.assign(extra, { enum: [...options.values] });
  if (options.values && options.open) {
    Object.assign(extra, { 'x-extensible-enum': [...options.values] });
  }
  return applyDecorators(...rules, schema(options, extra));
}

export interface IntegerFieldOptions extends FieldOptions {
  minimum: number;
  maximum: number;
}

/** An integer field. */
export function IntegerField(options: IntegerFieldOptions): PropertyDecorator {
  return applyDecorators(
    presence(options),
    IsInt(),
    Min(options.minimum),
    Max(options.maximum),
    schema(options, { type: 'integer', minimum: options.minimum, maximum: options.maximum }),
  );
}

/** A boolean field. */
export function BooleanField(options: FieldOptions): PropertyDecorator {
  return applyDecorators(presence(options), IsBoolean(), schema(options, { type: Boolean }));
}

export interface TextListFieldOptions extends FieldOptions {
  maxItems: number;
  itemMaxLength: number;
  minItems?: number;
  /** Refuse empty and whitespace-only items. */
  notBlankItems?: boolean;
  uniqueItems?: boolean;
}

/** An array of strings. */
export function TextListField(options: TextListFieldOptions): PropertyDecorator {
  const rules: PropertyDecorator[] = [
    presence(options),
    IsArray(),
    ArrayMaxSize(options.maxItems),
    IsString({ each: true }),
    MaxLength(options.itemMaxLength, { each: true }),
  ];
  if (options.minItems !== undefined) rules.push(ArrayMinSize(options.minItems));
  if (options.notBlankItems) rules.push(IsNotBlank({ each: true }));
  if (options.uniqueItems) rules.push(ArrayUnique());
  const items: Record<string, unknown> = { type: 'string', maxLength: options.itemMaxLength };
  if (options.notBlankItems) items.minLength = 1;
  return applyDecorators(
    ...rules,
    schema(options, {
      type: 'array',
      items,
      maxItems: options.maxItems,
      ...(options.minItems !== undefined ? { minItems: options.minItems } : {}),
      ...(options.uniqueItems ? { uniqueItems: true } : {}),
    }),
  );
}

/** An array whose items may be any JSON value (their shape is not documented). */
export function JsonListField(options: FieldOptions & { maxItems: number }): PropertyDecorator {
  return applyDecorators(
    presence(options),
    IsArray(),
    ArrayMaxSize(options.maxItems),
    schema(options, { type: 'array', items: {}, maxItems: options.maxItems }),
  );
}

/** A JSON object of string keys, with any JSON values (bounded when written to memory). */
export function JsonObjectField(options: FieldOptions & JsonObjectRules): PropertyDecorator {
  const values =
    options.values === 'any'
      ? {}
      : { description: 'Any JSON value within the bounds above; null clears the key.' };
  return applyDecorators(
    presence(options),
    IsJsonObject(options),
    schema(options, {
      type: 'object',
      additionalProperties: values,
      maxProperties: options.maxKeys,
    }),
  );
}

/** A nested object, described by its own DTO class. */
export function NestedField(
  type: () => ClassType<unknown>,
  options: FieldOptions,
): PropertyDecorator {
  return applyDecorators(
    presence(options),
    IsObject(),
    ValidateNested(),
    Type(type),
    // @nestjs/swagger recognises a lazy type by the function's name, `type`.
    schema(options, { type: () => type() }),
  );
}

/** An array of nested objects, each described by the same DTO class. */
export function NestedListField(
  type: () => ClassType<unknown>,
  options: FieldOptions & { maxItems: number },
): PropertyDecorator {
  return applyDecorators(
    presence(options),
    IsArray(),
    ArrayMaxSize(options.maxItems),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
    schema(options, { type: () => type(), isArray: true, maxItems: options.maxItems }),
  );
}
