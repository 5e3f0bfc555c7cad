import type { Type } from '@nestjs/common';
import fc from 'fast-check';
import { BotResponseDto } from '../contract/bot-response.dto.js';
import {
  documentedRequestExample,
  documentedResponseExample,
} from '../contract/contract.examples.js';
import { CONTRACT_LIMITS } from '../contract/contract.limits.js';
import { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import { inspectJson } from './contract.checker.js';
import { ContractCompiler } from './contract.compiler.js';
import { classValidatorErrors } from './contract.reference.js';

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
  | { kind: 'add'; at: number; key: string; value: Json };

function mutate(base: Json, mutations: Mutation[]): Json {
  const root = structuredClone(base);
  for (const mutation of mutations) {
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
