import type { Type } from '@nestjs/common';
import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import {
  getMetadataStorage,
  maxLength,
  ValidationTypes,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  brokenRule,
  type FieldErrorList,
  type Metadata,
  nestedValueMessage,
  notWhitelistedMessage,
  UNKNOWN_VALUE_MESSAGE,
} from './contract.errors.js';
import { asCopied, keysNotCopied } from './contract.transform.js';

/** Whether a plain JSON object satisfies a DTO class's rules. */
export type CompiledCheck = (object: object) => boolean;

/**
 * Adds the field errors of a plain JSON object, under the path `path` (`''` at the root), to
 * `errors`, in class-validator's order; true once `errors` is full (the caller stops too).
 */
export type CompiledCollector = (object: object, path: string, errors: FieldErrorList) => boolean;

interface CompiledConstraint {
  /** Writes an inline test equal to the rule's own, for the hottest rules (see `INLINE_RULES`). */
  inline?: (v: string) => string;
  property: string;
  constraints: unknown[];
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
  validators: ValidatorConstraintInterface[];
}

/** Stands for `@IsOptional()`'s condition: the value is neither null nor undefined. */
const IS_OPTIONAL = Symbol('isOptional');

interface CompiledProperty {
  name: string;
  conditions: Array<((object: object, value: unknown) => boolean) | typeof IS_OPTIONAL>;
  defined: CompiledConstraint[];
  custom: CompiledConstraint[];
  /** The class of a nested value (from its `@Type`), when the property is validated nested. */
  nested?: () => CompiledCheck;
}

function isArrayLike(value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> {
  return Array.isArray(value) || value instanceof Set || value instanceof Map;
}

/** Adds a value to the generated code's dependencies; returns the expression that reads it. */
type Reference = (value: unknown) => string;

/**
 * Inline equivalents of the class-validator rules every request meets many times (each
 * `chat_log` entry has several), keyed by rule name: each writes, from the rule's
 * constraints, a JavaScript expression testing the value `v`. Each gives the same verdict
 * as the rule on any JSON value (JSON has no `String` objects, `Set`s or functions); the
 * differential test checks it. `maxLength` answers from `length` when it can: validator's
 * count (code points, less variation selectors) is never above `length`, so only longer
 * strings need the full count.
 */
const INLINE_RULES: Record<
  string,
  (constraints: unknown[], ref: Reference) => (v: string) => string
> = {
  isDefined: () => (v) => `(${v} !== undefined && ${v} !== null)`,
  isString: () => (v) => `(typeof ${v} === 'string')`,
  isBoolean: () => (v) => `(typeof ${v} === 'boolean')`,
  isArray: () => (v) => `Array.isArray(${v})`,
  isInt: () => (v) => `(typeof ${v} === 'number' && Number.isInteger(${v}))`,
  isObject: () => (v) => `(typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}))`,
  min:
    ([bound], ref) =>
    (v) =>
      `(typeof ${v} === 'number' && ${v} >= ${ref(bound)})`,
  max:
    ([bound], ref) =>
    (v) =>
      `(typeof ${v} === 'number' && ${v} <= ${ref(bound)})`,
  arrayMaxSize:
    ([bound], ref) =>
    (v) =>
      `(Array.isArray(${v}) && ${v}.length <= ${ref(bound)})`,
  arrayMinSize:
    ([bound], ref) =>
    (v) =>
      `(Array.isArray(${v}) && ${v}.length >= ${ref(bound)})`,
  isIn: ([values], ref) => {
    const allowed = ref(new Set(values as unknown[]));
    return (v) => `${allowed}.has(${v})`;
  },
  maxLength: ([bound], ref) => {
    const limit = ref(bound);
    const count = ref(maxLength);
    return (v) =>
      `(typeof ${v} === 'string' && (${v}.length <= ${limit} || ${count}(${v}, ${limit})))`;
  },
};

type Rule = (object: object, value: unknown) => boolean;

/** A constraint without an inline form, as class-validator's executor applies it (`each`). */
function genericRule(rule: CompiledConstraint): Rule {
  const { each } = rule;
  return (object, value) => {
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

/** The statements that return false when `v` (the property's value) breaks `rule`. */
function ruleCode(rule: CompiledConstraint, ref: Reference): string {
  let test: string;
  if (rule.inline) {
    const expression = rule.inline;
    test = rule.each
      ? `if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) { const x = v[i]; if (!${expression('x')}) return false; } } else if (!${expression('v')}) return false;`
      : `if (!${expression('v')}) return false;`;
  } else {
    test = `if (!${ref(genericRule(rule))}(o, v)) return false;`;
  }
  return rule.validateIf ? `if (${ref(rule.validateIf)}(o, v)) { ${test} }` : test;
}

/** How `collect` goes into a nested value (see `#nestedCollector`). */
interface NestedCollector {
  accepts: (value: unknown) => boolean;
  walk: (value: unknown, path: string, errors: FieldErrorList) => boolean;
}

/** A property's rules as class-validator's executor sorts them, read once from the metadata. */
interface PropertyRules {
  name: string;
  /** `@IsOptional`, `@ValidateIf`: all must hold for any other rule to apply. */
  conditions: Metadata[];
  /** `@IsDefined`, applied first. */
  defined: Metadata[];
  custom: Metadata[];
  /** `@ValidateNested`, with the class of the nested value (from its `@Type`). */
  nested?: { rule: Metadata; type: Type<object> };
}

const SUPPORTED_TYPES: string[] = [
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.WHITELIST,
];

function propertyRules(dto: Type<object>, name: string, rules: Metadata[]): PropertyRules {
  const unsupported = rules.filter((rule) => !SUPPORTED_TYPES.includes(rule.type));
  if (unsupported.length > 0) {
    throw new Error(
      `${dto.name}.${name}: cannot compile rules of type ${unsupported.map((rule) => rule.type).join(', ')}`,
    );
  }
  const ofType = (type: string) => rules.filter((rule) => rule.type === type);
  const property: PropertyRules = {
    name,
    conditions: ofType(ValidationTypes.CONDITIONAL_VALIDATION),
    defined: ofType(ValidationTypes.IS_DEFINED),
    custom: ofType(ValidationTypes.CUSTOM_VALIDATION),
  };
  const [nested] = ofType(ValidationTypes.NESTED_VALIDATION);
  if (nested) {
    const type = defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction;
    if (!type) throw new Error(`${dto.name}.${name}: a nested property needs @Type`);
    property.nested = { rule: nested, type: type() as Type<object> };
  }
  return property;
}

/**
 * class-validator validates an instance made by class-transformer, which the checks never
 * make: they read the JSON value itself. That is the same as long as class-transformer only
 * copies the value into instances of the `@Type` classes. A class where it would do more
 * is refused rather than checked differently: a field default (it stands in for an absent
 * field), `@Expose`, `@Exclude` and `@Transform` (they rename, drop or change values), a
 * `@Type` discriminator (it picks the class from the value).
 */
function refuseTransformations(dto: Type<object>, properties: string[]): void {
  const sample = new dto() as Record<string, unknown>;
  const problems = Object.keys(sample)
    .filter((key) => sample[key] !== undefined)
    .map((key) => `${key} has a default value`);
  if (
    defaultMetadataStorage.getStrategy(dto) !== 'none' ||
    defaultMetadataStorage.getExposedMetadatas(dto).length > 0 ||
    defaultMetadataStorage.getExcludedMetadatas(dto).length > 0
  ) {
    problems.push('@Expose or @Exclude');
  }
  for (const name of properties) {
    const transforms = defaultMetadataStorage.findTransformMetadatas(
      dto,
      name,
      TransformationType.PLAIN_TO_CLASS,
    );
    if (transforms.length > 0) problems.push(`${name} has @Transform`);
    if (defaultMetadataStorage.findTypeMetadata(dto, name)?.options?.discriminator) {
      problems.push(`${name} has a @Type discriminator`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `${dto.name}: cannot compile a class-transformer change (${problems.join(', ')})`,
    );
  }
}

/**
 * Compiles class-validator's rules for DTO classes, once, into plain functions over JSON
 * values, without class-transformer instances or class-validator's error objects: `check`
 * says whether a value passes, `collect` says what is wrong with one that does not.
 *
 * The rules stay those of the DTOs: both call the very constraint implementations
 * class-validator calls, in the order and with the skip conditions of its executor
 * (conditional validation, `IsDefined`, per-item rules, nested classes from `@Type`,
 * whitelisting). `check` answers yes or no and stops at the first broken rule; it is what
 * every value meets. `collect` runs only on a value `check` refused: it gives the paths and
 * messages class-validator's `validateSync` gives (with `stopAtFirstError`, one message per
 * path), in its order, up to a number of paths, and passes over every nested object `check`
 * accepts. Differential property tests hold both to class-validator.
 */
export class ContractCompiler {
  readonly #properties = new Map<Type<object>, PropertyRules[] | undefined>();
  readonly #compiled = new Map<Type<object>, CompiledCheck>();
  readonly #collectors = new Map<Type<object>, CompiledCollector>();

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

  /** The error collection of a class, compiled on first use. */
  collect(dto: Type<object>): CompiledCollector {
    let collector = this.#collectors.get(dto);
    if (!collector) {
      collector = this.#buildCollector(dto);
      this.#collectors.set(dto, collector);
    }
    return collector;
  }

  /** A class's properties and their rules, in class-validator's order; undefined: no rules. */
  #rules(dto: Type<object>): PropertyRules[] | undefined {
    if (this.#properties.has(dto)) return this.#properties.get(dto);
    const storage = getMetadataStorage();
    const metadatas = storage.getTargetValidationMetadatas(dto, '', false, false, undefined);
    const grouped = storage.groupByPropertyName(metadatas);
    refuseTransformations(dto, Object.keys(grouped));
    const properties =
      metadatas.length === 0
        ? undefined
        : Object.entries(grouped).map(([name, rules]) => propertyRules(dto, name, rules));
    this.#properties.set(dto, properties);
    return properties;
  }

  #build(dto: Type<object>): CompiledCheck {
    const properties = this.#rules(dto);
    // forbidUnknownValues: a class without any rule accepts nothing.
    if (!properties) return () => false;
    const dependencies: unknown[] = [];
    const ref: Reference = (value) => `d[${dependencies.push(value) - 1}]`;
    const lines: string[] = [];
    if (this.strict) {
      const declared = ref(new Set(properties.map((property) => property.name)));
      lines.push(
        `const keys = Object.keys(o); for (let i = 0; i < keys.length; i++) if (!${declared}.has(keys[i])) return false;`,
      );
    }
    for (const rules of properties) {
      const property = this.#property(rules, ref);
      const conditions = property.conditions.map((condition) =>
        condition === IS_OPTIONAL ? '(v !== null && v !== undefined)' : `${ref(condition)}(o, v)`,
      );
      const checks = [...property.defined, ...property.custom].map((rule) => ruleCode(rule, ref));
      if (property.nested) {
        checks.push(
          `if (v !== undefined && !${ref(passesNested)}(v, ${ref(property.nested)}())) return false;`,
        );
      }
      const body = checks.join('\n');
      lines.push(
        `{ const v = o[${JSON.stringify(property.name)}];`,
        conditions.length > 0 ? `if (${conditions.join(' && ')}) {\n${body}\n}` : body,
        '}',
      );
    }
    lines.push('return true;');
    // Generated once per class at boot from the DTO's metadata (no request data goes in):
    // each property gets its own code, so the engine sees one object shape per access.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function('d', `return function check(o) {\n${lines.join('\n')}\n};`) as (
      dependencies: unknown[],
    ) => CompiledCheck;
    return factory(dependencies);
  }

  #property(rules: PropertyRules, ref: Reference): CompiledProperty {
    const storage = getMetadataStorage();
    const constraint = (rule: Metadata): CompiledConstraint => ({
      inline: rule.name ? INLINE_RULES[rule.name]?.(rule.constraints, ref) : undefined,
      property: rule.propertyName,
      constraints: rule.constraints,
      each: rule.each,
      validateIf: rule.validateIf,
      validators: storage
        .getTargetValidatorConstraints(rule.constraintCls)
        .map((meta) => meta.instance),
    });
    const compiled: CompiledProperty = {
      name: rules.name,
      conditions: rules.conditions.map((rule) =>
        // `@IsOptional()`'s condition reads the property's own value: it is written inline.
        rule.name === 'isOptional'
          ? IS_OPTIONAL
          : (rule.constraints[0] as (object: object, value: unknown) => boolean),
      ),
      defined: rules.defined.map(constraint),
      custom: rules.custom.map(constraint),
    };
    if (rules.nested) {
      const nestedClass = rules.nested.type;
      // Looked up on first use: a class may nest itself.
      let nested: CompiledCheck | undefined;
      compiled.nested = () => (nested ??= this.check(nestedClass));
    }
    return compiled;
  }

  /**
   * The error collection of a class, in the order of class-validator's executor: with
   * `strict`, the undeclared properties first (`whitelist`), then each property in turn:
   * its conditions, then its rules up to the first broken one (its message is the path's
   * only one, as with `stopAtFirstError`), else its nested value (`nestedValidations`).
   */
  #buildCollector(dto: Type<object>): CompiledCollector {
    const properties = this.#rules(dto);
    if (!properties) {
      // forbidUnknownValues: class-validator's error has no property, which its path spells out.
      return (_object, path, errors) =>
        errors.add(path ? `${path}.undefined` : 'undefined', [UNKNOWN_VALUE_MESSAGE]);
    }
    const storage = getMetadataStorage();
    const dependencies: unknown[] = [];
    const ref: Reference = (value) => `d[${dependencies.push(value) - 1}]`;
    const lines: string[] = [];
    if (this.strict) {
      const declared = ref(new Set(properties.map((property) => property.name)));
      // Keys class-transformer does not copy never reach class-validator's whitelist.
      const skipped = ref(keysNotCopied(new dto()));
      lines.push(
        `const keys = Object.keys(o);`,
        `for (let i = 0; i < keys.length; i++) { const k = keys[i];`,
        `if (!${declared}.has(k) && !${skipped}.has(k) && s.add(p ? p + '.' + k : k, [${ref(notWhitelistedMessage)}(k)])) return true; }`,
      );
    }
    for (const property of properties) {
      const name = JSON.stringify(property.name);
      const path = `(p ? p + '.' + ${name} : ${name})`;
      const conditions = property.conditions.map((rule) =>
        rule.name === 'isOptional'
          ? '(v !== null && v !== undefined)'
          : `${ref(rule.constraints[0])}(o, v)`,
      );
      const broken = [...property.defined, ...property.custom].map(
        (rule) =>
          `${ref(brokenRule(rule, storage.getTargetValidatorConstraints(rule.constraintCls), dto.name))}(o, v)`,
      );
      const body = [
        `const m = ${broken.length > 0 ? broken.join(' ?? ') : 'undefined'};`,
        `if (m !== undefined) { if (s.add(${path}, m)) return true; }`,
      ];
      if (property.nested) {
        const { accepts, walk } = this.#nestedCollector(property.nested.rule, property.nested.type);
        body.push(
          `else if (v !== undefined && !${ref(accepts)}(v) && ${ref(walk)}(v, ${path}, s)) return true;`,
        );
      }
      // A field without a class holds what class-transformer copies of it.
      const value = property.nested ? `o[${name}]` : `${ref(asCopied)}(o[${name}])`;
      lines.push(
        `{ const v = ${value};`,
        conditions.length > 0
          ? `if (${conditions.join(' && ')}) {\n${body.join('\n')}\n}`
          : body.join('\n'),
        '}',
      );
    }
    lines.push('return false;');
    // Generated once per class, like the check.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const factory = new Function(
      'd',
      `return function collect(o, p, s) {\n${lines.join('\n')}\n};`,
    ) as (dependencies: unknown[]) => CompiledCollector;
    return factory(dependencies);
  }

  /**
   * class-validator's nested validation of a value, as `collect` walks it: arrays item by
   * item (at any depth, `undefined` items skipped), objects by their class, anything else an
   * error. An object the class's check accepts has no errors: `accepts` tells them apart, and
   * `walk` (given anything but such an object) never goes into one, nor spells out its path.
   */
  #nestedCollector(rule: Metadata, type: Type<object>): NestedCollector {
    const message = nestedValueMessage(rule);
    // Looked up on first use: a class may nest itself.
    let check: CompiledCheck | undefined;
    let collect: CompiledCollector | undefined;
    const accepts = (value: unknown): boolean =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      (check ??= this.check(type))(value);
    const walk = (value: unknown, path: string, errors: FieldErrorList): boolean => {
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          const item: unknown = value[index];
          if (item === undefined || accepts(item)) continue;
          if (walk(item, `${path}.${index}`, errors)) return true;
        }
        return false;
      }
      if (typeof value === 'object' && value !== null) {
        return (collect ??= this.collect(type))(value, path, errors);
      }
      return errors.add(path, [message(value)]);
    };
    return { accepts, walk };
  }
}

/**
 * class-validator's nested validation: arrays item by item, objects by their class. The
 * values checked are JSON (parsed bodies, replies in their JSON form), so the `Set` and
 * `Map` class-validator also walks cannot occur.
 */
function passesNested(value: unknown, check: CompiledCheck): boolean {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item !== undefined && !passesNested(item, check)) return false;
    }
    return true;
  }
  // JSON holds no functions, so an object is what `instanceof Object` accepts here (a
  // typeof test also holds across realms, as with values cloned by the test runner).
  return typeof value === 'object' && value !== null && check(value);
}
