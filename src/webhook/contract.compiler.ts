import type { Type } from '@nestjs/common';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import {
  getMetadataStorage,
  maxLength,
  ValidationTypes,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** Whether a plain JSON object satisfies a DTO class's rules. */
export type CompiledCheck = (object: object) => boolean;

interface CompiledConstraint {
  /** An inline test equal to the rule's own, for the hottest rules (see `INLINE_RULES`). */
  inline?: (value: unknown) => boolean;
  property: string;
  constraints: unknown[];
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
  validators: ValidatorConstraintInterface[];
}

interface CompiledProperty {
  name: string;
  conditions: Array<(object: object, value: unknown) => boolean>;
  defined: CompiledConstraint[];
  custom: CompiledConstraint[];
  /** The class of a nested value (from its `@Type`), when the property is validated nested. */
  nested?: () => CompiledCheck;
}

type Metadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

function isArrayLike(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

/**
 * Inline equivalents of the class-validator rules every request meets many times (each
 * `chat_log` entry has several), keyed by rule name and built from the rule's constraints.
 * Each gives the same verdict as the rule on any JSON value (JSON has no `String` objects,
 * `Set`s or functions); the differential test checks it. `maxLength` answers from
 * `length` when it can: validator's count (code points, less variation selectors) is never
 * above `length`, so only longer strings need the full count.
 */
const INLINE_RULES: Record<string, (constraints: unknown[]) => (value: unknown) => boolean> = {
  isDefined: () => (value) => value !== undefined && value !== null,
  isString: () => (value) => typeof value === 'string',
  isBoolean: () => (value) => typeof value === 'boolean',
  isArray: () => (value) => Array.isArray(value),
  isInt: () => (value) => typeof value === 'number' && Number.isInteger(value),
  isObject: () => (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  min:
    ([bound]) =>
    (value) =>
      typeof value === 'number' && value >= (bound as number),
  max:
    ([bound]) =>
    (value) =>
      typeof value === 'number' && value <= (bound as number),
  arrayMaxSize:
    ([bound]) =>
    (value) =>
      Array.isArray(value) && value.length <= (bound as number),
  arrayMinSize:
    ([bound]) =>
    (value) =>
      Array.isArray(value) && value.length >= (bound as number),
  isIn: ([values]) => {
    const allowed = new Set(values as unknown[]);
    return (value) => allowed.has(value);
  },
  maxLength: ([bound]) => {
    const limit = bound as number;
    return (value) =>
      typeof value === 'string' && (value.length <= limit || maxLength(value, limit));
  },
};

type Rule = (object: object, value: unknown) => boolean;

/** One constraint as class-validator's executor applies it (`each`, `validateIf`). */
function compileRule(rule: CompiledConstraint): Rule {
  const { inline, each, validateIf } = rule;
  let test: Rule;
  if (inline) {
    test = each
      ? (_object, value) => {
          if (!Array.isArray(value)) return inline(value);
          for (let index = 0; index < value.length; index++) {
            if (!inline(value[index])) return false;
          }
          return true;
        }
      : (_object, value) => inline(value);
  } else {
    test = (object, value) => {
      const args: ValidationArguments = {
        targetName: (object.constructor as { name?: string } | undefined)?.name ?? '',
        property: rule.property,
        object,
        value,
        constraints: rule.constraints,
      };
      for (const validator of rule.validators) {
        if (!each || !isArrayLike(value)) {
          // A promise (an async rule) is not a pass: the caller then asks class-validator.
          if (validator.validate(value, args) !== true) return false;
          continue;
        }
        const items = value instanceof Map ? [...value.values()] : [...value];
        for (const item of items) if (validator.validate(item, args) !== true) return false;
      }
      return true;
    };
  }
  return validateIf ? (object, value) => !validateIf(object, value) || test(object, value) : test;
}

/** One property as the executor checks it: conditions, `IsDefined`, rules, nested class. */
function compileProperty(property: CompiledProperty): (object: object) => boolean {
  const { name, conditions, nested } = property;
  const rules = [...property.defined, ...property.custom].map(compileRule);
  return (object) => {
    const value = (object as Record<string, unknown>)[name];
    for (let index = 0; index < conditions.length; index++) {
      if (!conditions[index](object, value)) return true;
    }
    for (let index = 0; index < rules.length; index++) {
      if (!rules[index](object, value)) return false;
    }
    return nested === undefined || value === undefined || passesNested(value, nested());
  };
}

/**
 * Compiles class-validator's rules for DTO classes, once, into plain functions that say
 * whether a JSON value passes them, without class-transformer instances or error objects.
 *
 * The rules stay those of the DTOs: each compiled check calls the very constraint
 * implementations class-validator calls, in the order and with the skip conditions of its
 * executor (conditional validation, `IsDefined`, per-item rules, nested classes from
 * `@Type`, whitelisting). What it leaves out is the cost: it answers yes or no and stops at
 * the first broken rule. A differential property test holds it to class-validator's verdict.
 */
export class ContractCompiler {
  readonly #compiled = new Map<Type<object>, CompiledCheck>();

  constructor(
    /** Refuse properties a class does not declare (`whitelist` + `forbidNonWhitelisted`). */
    private readonly strict: boolean,
  ) {}

  /** The check of a class, compiled on first use. */
  check(dto: Type<object>): CompiledCheck {
    let compiled = this.#compiled.get(dto);
    if (!compiled) {
      compiled = this.#build(dto);
      this.#compiled.set(dto, compiled);
    }
    return compiled;
  }

  #build(dto: Type<object>): CompiledCheck {
    const storage = getMetadataStorage();
    const metadatas = storage.getTargetValidationMetadatas(dto, '', false, false, undefined);
    // forbidUnknownValues: a class without any rule accepts nothing.
    if (metadatas.length === 0) return () => false;
    const grouped = storage.groupByPropertyName(metadatas);
    const declared = new Set(Object.keys(grouped).filter((name) => grouped[name].length > 0));
    const properties = Object.entries(grouped).map(([name, rules]) =>
      compileProperty(this.#property(dto, name, rules)),
    );
    const strict = this.strict;
    return (object) => {
      if (strict) {
        for (const key of Object.keys(object)) if (!declared.has(key)) return false;
      }
      for (let index = 0; index < properties.length; index++) {
        if (!properties[index](object)) return false;
      }
      return true;
    };
  }

  #property(dto: Type<object>, name: string, rules: Metadata[]): CompiledProperty {
    const storage = getMetadataStorage();
    const constraint = (rule: Metadata): CompiledConstraint => ({
      inline: rule.name ? INLINE_RULES[rule.name]?.(rule.constraints) : undefined,
      property: rule.propertyName,
      constraints: rule.constraints,
      each: rule.each,
      validateIf: (rule as { validateIf?: CompiledConstraint['validateIf'] }).validateIf,
      validators: storage
        .getTargetValidatorConstraints(rule.constraintCls)
        .map((meta) => meta.instance),
    });
    const ofType = (type: string) => rules.filter((rule) => rule.type === type);
    const compiled: CompiledProperty = {
      name,
      conditions: ofType(ValidationTypes.CONDITIONAL_VALIDATION).map(
        (rule) => rule.constraints[0] as (object: object, value: unknown) => boolean,
      ),
      defined: ofType(ValidationTypes.IS_DEFINED).map(constraint),
      custom: ofType(ValidationTypes.CUSTOM_VALIDATION).map(constraint),
    };
    const unsupported = rules.filter(
      (rule) =>
        ![
          ValidationTypes.CONDITIONAL_VALIDATION,
          ValidationTypes.IS_DEFINED,
          ValidationTypes.CUSTOM_VALIDATION,
          ValidationTypes.NESTED_VALIDATION,
          ValidationTypes.WHITELIST,
        ].includes(rule.type),
    );
    if (unsupported.length > 0) {
      throw new Error(
        `${dto.name}.${name}: cannot compile rules of type ${unsupported.map((rule) => rule.type).join(', ')}`,
      );
    }
    if (ofType(ValidationTypes.NESTED_VALIDATION).length > 0) {
      const type = defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction;
      if (!type) throw new Error(`${dto.name}.${name}: a nested property needs @Type`);
      const nestedClass = type() as Type<object>;
      // Looked up on first use: a class may nest itself.
      let nested: CompiledCheck | undefined;
      compiled.nested = () => (nested ??= this.check(nestedClass));
    }
    return compiled;
  }
}

/** class-validator's nested validation: arrays item by item, objects by their class. */
function passesNested(value: unknown, check: CompiledCheck): boolean {
  if (isArrayLike(value)) {
    const items =
      value instanceof Set ? [...value] : value instanceof Map ? [...value.values()] : value;
    for (const item of items) {
      if (item !== undefined && !passesNested(item, check)) return false;
    }
    return true;
  }
  // JSON holds no functions, so an object is what `instanceof Object` accepts here (a
  // typeof test also holds across realms, as with values cloned by the test runner).
  return typeof value === 'object' && value !== null && check(value);
}
