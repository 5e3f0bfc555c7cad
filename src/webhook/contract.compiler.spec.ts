import { jest } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { ClassTransformer, Expose, Transform, Type as NestedType } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  registerDecorator,
  Validate,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
  Validator,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import fc from 'fast-check';
import { BotResponseDto } from '../contract/bot-response.dto.js';
import {
  documentedRequestExample,
  documentedResponseExample,
} from '../contract/contract.examples.js';
import { CONTRACT_LIMITS } from '../contract/contract.limits.js';
import { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import { checkContract, inspectJson, MAX_REPORTED_FIELDS } from './contract.checker.js';
import { ContractCompiler } from './contract.compiler.js';
import { FieldErrorList } from './contract.errors.js';
import { classValidatorErrors, classValidatorFieldErrors } from './contract.reference.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Every path inside a JSON value, the root included. */
function paths(value: Json, prefix: Path = []): Path[] {
  const found: Path[] = [prefix];
  if (Array.isArray(value))
    value.forEach((item, index) => found.push(...paths(item, [...prefix, index])));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) found.push(...paths(item, [...prefix, key]));
  }
  return found;
}

function parentOf(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const segment of path.slice(0, -1)) {
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, Json>)[segment]
        : undefined;
  }
  return node;
}

type Mutation =
  | { kind: 'set'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: Json }
  | { kind: 'addTop'; key: string; value: Json };

function mutate(base: Json, mutations: Mutation[]): Json {
  const root = structuredClone(base);
  for (const mutation of mutations) {
    if (mutation.kind === 'addTop') {
      if (root !== null && typeof root === 'object' && !Array.isArray(root)) {
        root[mutation.key] = structuredClone(mutation.value);
      }
      continue;
    }
    const all = paths(root).filter((path) => path.length > 0);
    if (all.length === 0) break;
    const path = all[mutation.at % all.length];
    const parent = parentOf(root, path) as Record<string | number, Json> | Json[] | undefined;
    if (parent === undefined || parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1];
    if (mutation.kind === 'set') {
      (parent as Record<string | number, Json>)[last] = structuredClone(mutation.value);
    }
    if (mutation.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Record<string, Json>)[last];
    }
    if (mutation.kind === 'add') {
      const target = (parent as Record<string | number, Json>)[last];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
        (target as Record<string, Json>)[mutation.key] = structuredClone(mutation.value);
      }
    }
  }
  return root;
}

const lengthsNearLimits = [
  ...new Set(
    [
      CONTRACT_LIMITS.idLength,
      CONTRACT_LIMITS.shortTextLength,
      CONTRACT_LIMITS.customKeyLength,
      16,
    ].flatMap((limit) => [limit - 1, limit, limit + 1]),
  ),
];

/** Values that sit on the edges of the rules: types, bounds, formats, enums, unicode. */
const edgeValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -0, -1, 1.5, 3, 5, 2 ** 53 + 1, 1e308, '', ' ', '\t'),
  fc.constantFrom<Json>('LIST', 'TEXT', 'NAME', 'MEETING', 'visitor', 'chatbot', 'WEB', 'OTRO'),
  fc.constantFrom<Json>(
    'juan@example.com',
    'not-an-email',
    '2020-07-13T20:04:59.595Z',
    '13/07/2020',
  ),
  fc
    .constantFrom(...lengthsNearLimits)
    .chain((length) =>
      fc.constantFrom<Json>(
        'x'.repeat(length),
        '😀'.repeat(length / 2),
        `${'a'.repeat(length - 1)}\uFE0F`,
      ),
    ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 4 }),
  fc.array(fc.constantFrom('a', 'a', 'b'), { minLength: 1, maxLength: 3 }),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.constant<Json>({ value: 'wrapped' }),
  fc.constant<Json>([{ sender: 'visitor', text: 'hola' }]),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: edgeValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('', 'value', 'text', 'extra', 'response_options', 'order'),
      fc.string(),
    ),
    value: edgeValue,
  }),
);

function reference(dto: Type<object>, value: Json, strict: boolean): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // The checker removes unsafe keys before either check runs; do the same here.
  inspectJson(value, true);
  return classValidatorErrors(dto, value, strict).length === 0;
}

function compiled(compiler: ContractCompiler, dto: Type<object>, value: Json): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  inspectJson(value, true);
  return compiler.check(dto)(value);
}

const cases: Array<[string, Type<object>, boolean, Json[]]> = [
  [
    'request (tolerant)',
    WebhookRequestDto,
    false,
    [
      documentedRequestExample() as unknown as Json,
      { channel: 'WEB', conversationId: 'c1' },
      {
        channel: 'WHATSAPP',
        conversationId: 'c2',
        chat_log: Array.from({ length: 6 }, (_, index) => ({
          sender: index % 2 ? 'chatbot' : 'visitor',
          text: `mensaje ${index}`,
        })),
        collected_data: { custom: { '': 'x', n: 3, w: { value: 2 }, l: [1], z: null } },
        flow: { last_question_id: 4, retry_count: 1, last_question_messages: { order: 2 } },
      },
    ],
  ],
  [
    'reply (strict)',
    WebhookResponseDto,
    true,
    [
      documentedResponseExample() as unknown as Json,
      {},
      { response: { text: ['Hola'] } },
      { custom: { plan: 'premium', visits: 3, vip: true } },
      {
        response: { response_type: 'LIST', response_options: ['A', 'B'], flow: 2, stopChat: false },
      },
      {
        name: { value: 'Ana' },
        email: { value: 'ana@example.com' },
        phone: { national_format: '11 5555-5555' },
      },
    ],
  ],
  ['bot response (strict)', BotResponseDto, true, [{ text: ['a'], response_type: 'EMAIL' }]],
];

describe('compiled contract checks agree with class-validator', () => {
  it.each(cases)('on mutated %s payloads', (_name, dto, strict, bases) => {
    const compiler = new ContractCompiler(strict);
    const verdicts = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(mutation, { maxLength: 4 }),
        (base, mutations) => {
          const value = mutate(base, mutations);
          const expected = reference(dto, structuredClone(value), strict);
          expect(compiled(compiler, dto, structuredClone(value))).toBe(expected);
          verdicts[expected ? 'accepted' : 'refused'] += 1;
        },
      ),
      { seed: 20261124, numRuns: 800 },
    );
    // Both verdicts must have been exercised, or the agreement proves nothing.
    expect(verdicts.accepted).toBeGreaterThan(100);
    expect(verdicts.refused).toBeGreaterThan(100);
  });

  it.each(cases)('on arbitrary JSON in place of %s payloads', (_name, dto, strict) => {
    const compiler = new ContractCompiler(strict);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>, (value) => {
        expect(compiled(compiler, dto, structuredClone(value))).toBe(
          reference(dto, structuredClone(value), strict),
        );
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });

  it.each<[string, Json]>([
    [
      'variation selectors at the length limit',
      { channel: 'WEB', conversationId: `${'a'.repeat(CONTRACT_LIMITS.idLength)}\uFE0F` },
    ],
    [
      'emoji counted as one character',
      { channel: 'WEB', conversationId: '😀'.repeat(CONTRACT_LIMITS.idLength) },
    ],
    [
      'an array where flow is expected',
      { channel: 'WEB', conversationId: 'c', flow: [{ last_question_id: 1 }] },
    ],
    [
      'nested arrays in chat_log',
      { channel: 'WEB', conversationId: 'c', chat_log: [[{ sender: 'visitor' }]] },
    ],
    ['null chat_log entries', { channel: 'WEB', conversationId: 'c', chat_log: [null] }],
    ['null where optional', { channel: 'WEB', conversationId: 'c', flow: null, chat_log: null }],
  ])('agrees on %s', (_name, value) => {
    expect(compiled(new ContractCompiler(false), WebhookRequestDto, structuredClone(value))).toBe(
      reference(WebhookRequestDto, structuredClone(value), false),
    );
  });
});

/**
 * Keys that are awkward for error paths and for class-transformer: members of
 * Object.prototype (plainToInstance does not copy them), integer-like keys (Object.keys lists
 * them first) and keys with dots (whose path can be another field's).
 */
const awkwardKey = fc.constantFrom(
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
  '0',
  '7',
  'response.text',
  'chat_log.0.text',
  'name.value',
  'custom',
  'flow',
);

/** Edge values, and strings with the tokens class-validator replaces in messages. */
const errorValue: fc.Arbitrary<Json> = fc.oneof(
  edgeValue,
  fc.constantFrom<Json>('$&', '$1', "$'", '$`', '$$', '$property', '$value', '$constraint1'),
  fc.dictionary(awkwardKey, edgeValue, { maxKeys: 3 }),
);

const errorMutation: fc.Arbitrary<Mutation> = fc.oneof(
  mutation,
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: errorValue }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(awkwardKey, fc.string()),
    value: errorValue,
  }),
  fc.record({
    kind: fc.constant('addTop' as const),
    key: fc.oneof(awkwardKey, fc.string()),
    value: errorValue,
  }),
);

/** A JSON object as the checker leaves it before any rule (unsafe keys removed); else undefined. */
function prepared(value: Json): object | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  inspectJson(value, true);
  return value;
}

/** class-validator's field errors, as entries: order matters as much as content. */
function referenceFields(
  dto: Type<object>,
  value: Json,
  strict: boolean,
  root = '',
): Array<[string, string[]]> {
  const object = prepared(value);
  if (!object) return [];
  return Object.entries(classValidatorFieldErrors(dto, object, strict, root, MAX_REPORTED_FIELDS));
}

function compiledFields(
  compiler: ContractCompiler,
  dto: Type<object>,
  value: Json,
  root = '',
): Array<[string, string[]]> {
  const object = prepared(value);
  if (!object) return [];
  const errors = new FieldErrorList(MAX_REPORTED_FIELDS);
  compiler.collect(dto)(object, root, errors);
  return Object.entries(errors.fields);
}

/**
 * What checkContract answers, against class-validator's answer under the same root, for a
 * value the structural inspection lets through to the rules.
 */
function expectCheckContractAgrees(dto: Type<object>, value: Json, strict: boolean): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const inspection = inspectJson(structuredClone(value), false);
  if (inspection.tooLarge || (strict && inspection.unsafeKeys.length > 0)) return;
  const expected = referenceFields(dto, structuredClone(value), strict, 'body');
  const answer = checkContract(dto, structuredClone(value), { strict, root: 'body' });
  expect(answer === undefined ? [] : Object.entries(answer)).toEqual(expected);
  if (answer !== undefined) expect(expected.length).toBeGreaterThan(0);
}

describe('compiled error collection gives class-validator field errors', () => {
  it.each(cases)('on mutated %s payloads', (_name, dto, strict, bases) => {
    const compiler = new ContractCompiler(strict);
    let refused = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.array(errorMutation, { maxLength: 6 }),
        (base, mutations) => {
          const value = mutate(base, mutations);
          const expected = referenceFields(dto, structuredClone(value), strict);
          expect(compiledFields(compiler, dto, structuredClone(value))).toEqual(expected);
          expectCheckContractAgrees(dto, value, strict);
          if (expected.length > 0) refused += 1;
        },
      ),
      { seed: 20261126, numRuns: 800 },
    );
    expect(refused).toBeGreaterThan(300);
  });

  it.each(cases)('on arbitrary JSON in place of %s payloads', (_name, dto, strict) => {
    const compiler = new ContractCompiler(strict);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
          fc.dictionary(fc.oneof(awkwardKey, fc.string()), errorValue, { maxKeys: 8 }),
        ),
        (value) => {
          expect(compiledFields(compiler, dto, structuredClone(value))).toEqual(
            referenceFields(dto, structuredClone(value), strict),
          );
          expectCheckContractAgrees(dto, value, strict);
        },
      ),
      { seed: 20261127, numRuns: 500 },
    );
  });

  // Objects only: a single entry that is not one is the one error of the whole chat_log.
  const chatEntry = fc.record(
    {
      sender: fc.oneof(fc.constant<Json>('visitor'), errorValue),
      text: fc.oneof(fc.constant<Json>('hola'), errorValue),
      extra: errorValue,
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Json>;
  /** Between `min` and `max` items, spread evenly (fast-check's default sizes stay small). */
  const many = <T>(item: fc.Arbitrary<T>, min: number, max: number) =>
    fc
      .integer({ min, max })
      .chain((length) => fc.array(item, { minLength: length, maxLength: length }));

  it('on requests with more wrong fields than are reported (the same first ones)', () => {
    const compiler = new ContractCompiler(false);
    let full = 0;
    fc.assert(
      fc.property(
        many(chatEntry, 20, 120),
        fc.array(errorMutation, { maxLength: 4 }),
        (chatLog, mutations) => {
          const base = { ...(documentedRequestExample() as unknown as Record<string, Json>) };
          base.chat_log = chatLog;
          const value = mutate(base, mutations);
          const expected = referenceFields(WebhookRequestDto, structuredClone(value), false);
          expect(compiledFields(compiler, WebhookRequestDto, structuredClone(value))).toEqual(
            expected,
          );
          expectCheckContractAgrees(WebhookRequestDto, value, false);
          if (expected.length === MAX_REPORTED_FIELDS) full += 1;
        },
      ),
      { seed: 20261128, numRuns: 200 },
    );
    expect(full).toBeGreaterThan(50);
  });

  it('on replies with more wrong fields than are reported (the same first ones)', () => {
    const compiler = new ContractCompiler(true);
    const extraKeys = () =>
      fc.integer({ min: 0, max: 70 }).chain((keys) =>
        fc.dictionary(fc.oneof(awkwardKey, fc.string()), errorValue, {
          minKeys: keys,
          maxKeys: keys,
        }),
      );
    let full = 0;
    fc.assert(
      fc.property(
        extraKeys(),
        extraKeys(),
        extraKeys(),
        many(errorValue, 0, 60),
        fc.array(errorMutation, { maxLength: 4 }),
        (top, name, response, texts, mutations) => {
          const value = mutate(
            {
              ...top,
              name: { value: 'Ana', ...name },
              response: { text: texts, response_type: 'TEXT', ...response },
            },
            mutations,
          );
          const expected = referenceFields(WebhookResponseDto, structuredClone(value), true);
          expect(compiledFields(compiler, WebhookResponseDto, structuredClone(value))).toEqual(
            expected,
          );
          expectCheckContractAgrees(WebhookResponseDto, value, true);
          if (expected.length === MAX_REPORTED_FIELDS) full += 1;
        },
      ),
      { seed: 20261129, numRuns: 200 },
    );
    expect(full).toBeGreaterThan(20);
  });

  it('reports the first 50 of 10,000 wrong chat_log entries, as class-validator does', () => {
    const body: Json = {
      channel: 'WEB',
      conversationId: 'c1',
      chat_log: Array.from({ length: 10_000 }, (_, index) => ({ sender: index, text: [] })),
    };

    const fields = checkContract(WebhookRequestDto, structuredClone(body));

    expect(Object.keys(fields ?? {})).toHaveLength(MAX_REPORTED_FIELDS);
    expect(Object.entries(fields ?? {})).toEqual(
      referenceFields(WebhookRequestDto, structuredClone(body), false),
    );
    expect(fields?.['chat_log.24.text']).toEqual(['text must be a string']);
  });

  it('refuses without class-transformer or class-validator validation', () => {
    const transform = jest
      .spyOn(ClassTransformer.prototype, 'plainToInstance')
      .mockImplementation(() => {
        throw new Error('plainToInstance called');
      });
    const validate = jest.spyOn(Validator.prototype, 'validateSync').mockImplementation(() => {
      throw new Error('validateSync called');
    });
    try {
      // The reference goes through both: the spies would see it.
      expect(() => classValidatorErrors(WebhookRequestDto, {}, false)).toThrow();

      const request = checkContract(WebhookRequestDto, {
        channel: 5,
        chat_log: [{ sender: 'visitor', text: 1 }],
      });
      const reply = checkContract(
        WebhookResponseDto,
        { extra: 1, response: { text: [''] } },
        { strict: true },
      );

      expect(request).toEqual({
        channel: ['channel must be a string'],
        'chat_log.0.text': ['text must be a string'],
        conversationId: ['conversationId should not be null or undefined'],
      });
      expect(reply).toEqual({
        extra: ['property extra should not exist'],
        'response.text': ['each value in text must not be empty or blank'],
      });
    } finally {
      transform.mockRestore();
      validate.mockRestore();
    }
  });

  it('stops looking once 50 fields are found', () => {
    // Each entry counts the reads of its `sender`: a walk of every entry would read 10,000.
    let reads = 0;
    const entry = () => ({
      get sender() {
        reads += 1;
        return 7;
      },
      text: 'hola',
    });
    const body = {
      channel: 'WEB',
      conversationId: 'c1',
      chat_log: Array.from({ length: 10_000 }, entry),
    };
    const compiler = new ContractCompiler(false);
    const errors = new FieldErrorList(MAX_REPORTED_FIELDS);

    expect(compiler.collect(WebhookRequestDto)(body, '', errors)).toBe(true);

    expect(Object.keys(errors.fields)).toHaveLength(MAX_REPORTED_FIELDS);
    expect(errors.fields['chat_log.49.sender']).toEqual(['sender must be a string']);
    expect(reads).toBeLessThanOrEqual(2 * MAX_REPORTED_FIELDS);
  });
});

// Rules the contract does not use but the error collection supports, each held to
// class-validator on generated values like the contract's own.

@ValidatorConstraint({ name: 'evenLength' })
class EvenLength implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length % 2 === 0;
  }

  defaultMessage(args: ValidationArguments): string {
    return `$property of ${args.targetName} must have an even length, not "$value"`;
  }
}

/** A rule declared asynchronous: validateSync leaves it out, whatever it answers. */
function IsEventually(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEventually',
      target: target.constructor,
      propertyName: String(propertyName),
      async: true,
      validator: { validate: () => false },
    });
}

class LeafFixture {
  @IsString({ message: '$property of $target is $value, not a string' })
  @IsDefined()
  label!: string;

  @Validate(EvenLength)
  @IsOptional()
  code?: string;

  @IsInt({
    each: true,
    message: (args: ValidationArguments) =>
      `${args.property} wants integers, not ${JSON.stringify(args.value)}`,
  })
  @IsOptional()
  numbers?: number[];
}

class EmptyFixture {}

class TreeFixture {
  @IsString()
  @IsOptional()
  name?: string;

  @ValidateNested({ each: true, message: '$property of $target must hold objects, not $value' })
  @NestedType(() => TreeFixture)
  @IsOptional()
  children?: TreeFixture[];
}

class RootFixture {
  // A condition only: declared (never "should not exist"), never wrong.
  @IsOptional()
  kind?: string;

  @IsIn(['a', 'b'], { message: '$property must be one of $constraint1, not $value' })
  @ValidateIf((object: { kind?: unknown }) => object.kind === 'strict')
  mode?: string;

  @Length(2, 4, { each: true })
  @IsOptional()
  tags?: string[];

  // No @IsObject: anything but undefined is validated nested.
  @ValidateNested()
  @NestedType(() => LeafFixture)
  leaf?: LeafFixture;

  @ValidateNested({ each: true })
  @NestedType(() => LeafFixture)
  @IsOptional()
  leaves?: LeafFixture[];

  @ValidateNested()
  @NestedType(() => EmptyFixture)
  @IsOptional()
  empty?: EmptyFixture;

  @ValidateNested()
  @NestedType(() => TreeFixture)
  @IsOptional()
  tree?: TreeFixture;

  @IsString()
  @IsEventually()
  @IsOptional()
  later?: string;

  @ValidateBy({
    name: 'notZero',
    // A truthy answer is a pass, whatever its type.
    validator: {
      validate: (value: unknown) => (typeof value === 'number' ? value : 1) as unknown as boolean,
      defaultMessage: () => '$property is zero',
    },
  })
  @ValidateBy({
    name: 'promised',
    // A promise from a rule not declared asynchronous: validateSync never waits for it.
    validator: {
      validate: () => Promise.resolve(false),
      defaultMessage: () => 'never said',
    },
  })
  @IsOptional()
  counted?: unknown;

  @ValidateBy(
    {
      name: 'noFalsyItem',
      // Per item: a string is answered with a promise, which makes the whole rule
      // asynchronous (no error from validateSync); otherwise truthy answers pass.
      validator: {
        validate: (value: unknown) =>
          (typeof value === 'string' ? Promise.resolve(false) : value) as boolean,
        defaultMessage: () => '$property has a falsy item',
      },
    },
    { each: true },
  )
  @IsOptional()
  counts?: unknown[];

  @MaxLength(3)
  @IsString({ validateIf: (_object: unknown, value: unknown) => value !== 0 })
  @IsOptional()
  short?: string;
}

const leafValue: fc.Arbitrary<Json> = fc.oneof(
  errorValue,
  fc.dictionary(
    fc.constantFrom('label', 'code', 'numbers', 'extra', 'toString', '1'),
    fc.oneof(
      errorValue,
      fc.constantFrom<Json>('ab', 'abc', 'wxyz'),
      fc.array(fc.oneof(fc.integer(), errorValue), { maxLength: 3 }),
    ),
    { maxKeys: 4 },
  ),
);

const { tree: treeValue } = fc.letrec<{ tree: Json }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    errorValue,
    fc.dictionary(
      fc.constantFrom('name', 'children', 'extra'),
      fc.oneof(errorValue, fc.array(tie('tree'), { maxLength: 3 })),
      { maxKeys: 3 },
    ),
  ),
}));

const rootValue: fc.Arbitrary<Json> = fc.dictionary(
  fc.constantFrom(
    'kind',
    'mode',
    'tags',
    'leaf',
    'leaves',
    'empty',
    'tree',
    'later',
    'counted',
    'counts',
    'short',
    'extra',
    'valueOf',
    '0',
  ),
  fc.oneof(
    errorValue,
    fc.constantFrom<Json>('strict', 'a', 'b', 'c', 'skip', 'abcd', 0, ['ab', 'c'], {}),
    leafValue,
    fc.array(leafValue, { maxLength: 4 }),
    fc.array(fc.constantFrom<Json>(1, 2, 0, null, true, 'x'), { maxLength: 3 }),
    treeValue,
  ),
  { maxKeys: 8 },
);

describe('compiled error collection gives class-validator field errors for every kind of rule', () => {
  it.each([
    ['tolerant', false],
    ['strict', true],
  ])('on generated values (%s)', (_name, strict) => {
    const compiler = new ContractCompiler(strict);
    const messages = new Set<string>();
    fc.assert(
      fc.property(rootValue, (value) => {
        const expected = referenceFields(RootFixture, structuredClone(value), strict);
        expect(compiledFields(compiler, RootFixture, structuredClone(value))).toEqual(expected);
        for (const [, texts] of expected) for (const text of texts) messages.add(text);
      }),
      { seed: 20261130, numRuns: 1_500 },
    );
    // Every kind of rule must have been broken, or the agreement proves little about it.
    const seen = [...messages].join('\n');
    for (const pattern of [
      /^label of LeafFixture is .*, not a string$/m, // message with $property, $target, $value
      /^label should not be null or undefined$/m, // IsDefined
      /^code of LeafFixture must have an even length, not ".*"$/m, // custom defaultMessage
      /^numbers wants integers, not /m, // message function, each
      /^mode must be one of a, b, not /m, // $constraint1, ValidateIf
      /^each value in tags must be longer than or equal to 2 characters$/m, // each
      /^nested property leaf must be either object or array$/m, // nested non-object
      /^each value in nested property leaves must be either object or array$/m,
      /^children of Function must hold objects, not /m, // nested, its own message
      /^an unknown value was passed to the validate function$/m, // forbidUnknownValues
      /^name must be a string$/m, // self-nested class
      /^later must be a string$/m, // after an asynchronous rule
      /^counted is zero$/m, // a falsy answer
      /^counts has a falsy item$/m, // each, truthy answers
      /^short must be shorter than or equal to 3 characters$/m, // after a rule's validateIf
      /^short must be a string$/m,
      ...(strict ? [/^property (extra|valueOf|0|1) should not exist$/m] : []),
    ]) {
      expect(seen).toMatch(pattern);
    }
    expect(seen).not.toMatch(/never said|isEventually|toString|valueOf should/);
  });

  it.each<[string, Json, Record<string, string[]>]>([
    [
      'a number where a nested object is',
      { leaf: 5 },
      {
        leaf: ['nested property leaf must be either object or array'],
      },
    ],
    [
      'an object of a class without rules',
      { leaf: { label: 'x' }, empty: {} },
      {
        'empty.undefined': ['an unknown value was passed to the validate function'],
      },
    ],
    [
      // Not JSON, but class-validator's nested validation passes undefined items over.
      'an undefined item',
      { leaves: [undefined, 3] } as unknown as Json,
      { 'leaves.1': ['each value in nested property leaves must be either object or array'] },
    ],
    [
      // `$&` in a value given to String.replace stands for what was replaced: `$value`.
      'tokens in the message and a replacement pattern in the value',
      { leaf: { label: 7 }, mode: '$&', kind: 'strict' },
      {
        'leaf.label': ['label of LeafFixture is 7, not a string'],
        mode: ['mode must be one of a, b, not $value'],
      },
    ],
  ])("gives class-validator's errors for %s", (_name, value, fields) => {
    const compiler = new ContractCompiler(false);

    expect(
      Object.fromEntries(compiledFields(compiler, RootFixture, structuredClone(value))),
    ).toEqual(fields);
    expect(compiledFields(compiler, RootFixture, structuredClone(value))).toEqual(
      referenceFields(RootFixture, structuredClone(value), false),
    );
  });

  it("counts a path found twice once, as class-validator's object of paths does", () => {
    // `name.value` is first an undeclared key, then the path of name's own value: the
    // second error takes the first one's place, and 50 paths are still reached.
    const value: Json = {
      'name.value': 1,
      ...Object.fromEntries(Array.from({ length: 48 }, (_, index) => [`k${index}`, index])),
      name: { value: 5 },
      response: { text: 5 },
    };
    const compiler = new ContractCompiler(true);

    const fields = compiledFields(compiler, WebhookResponseDto, structuredClone(value));

    expect(fields).toEqual(referenceFields(WebhookResponseDto, structuredClone(value), true));
    expect(fields).toHaveLength(MAX_REPORTED_FIELDS);
    expect(fields[0]).toEqual(['name.value', ['value must be a string']]);
    expect(fields.at(-1)?.[0]).toBe('response.text');
  });
});

describe('classes the compiler refuses', () => {
  class WithDefault {
    @IsOptional()
    @IsString()
    name?: string = 'anonymous';
  }

  class Renamed {
    @Expose({ name: 'full_name' })
    @IsString()
    name!: string;
  }

  class Transformed {
    @Transform(({ value }: { value: unknown }) => String(value))
    @IsString()
    name!: string;
  }

  // class-validator checks what class-transformer makes of the value, which the compiled
  // checks do not make: a class where that differs from the value is refused, at boot.
  it.each<[string, Type<object>, RegExp]>([
    ['a field default', WithDefault, /name has a default value/],
    ['@Expose', Renamed, /@Expose or @Exclude/],
    ['@Transform', Transformed, /name has @Transform/],
  ])('refuses a class with %s', (_name, dto, problem) => {
    expect(() => new ContractCompiler(false).check(dto)).toThrow(problem);
    expect(() => new ContractCompiler(true).collect(dto)).toThrow(problem);
  });
});
