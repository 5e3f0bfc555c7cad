import { documentedResponse } from '../../test/support/documented-examples.js';
import { checkContract } from '../webhook/contract.checker.js';
import { CONTRACT_LIMITS } from './contract.limits.js';
import { WebhookResponseDto } from './webhook-response.dto.js';

/** The field paths the strict response contract refuses in `reply`, or undefined. */
function refusedFields(reply: unknown): string[] | undefined {
  const problems = checkContract(WebhookResponseDto, reply, { strict: true });
  return problems && Object.keys(problems);
}

describe('WebhookResponseDto contract (strict writer)', () => {
  it('accepts the documented response example', () => {
    expect(
      checkContract(WebhookResponseDto, documentedResponse(), { strict: true }),
    ).toBeUndefined();
  });

  it('accepts the empty pass-through reply {}', () => {
    expect(refusedFields({})).toBeUndefined();
  });

  it.each([
    ['name only', { name: { value: 'Juan Roman' } }],
    ['a national phone only', { phone: { national_format: '1234542123' } }],
    ['texts only', { response: { text: ['Hola'] } }],
    ['a jump to question 0', { response: { flow: 0 } }],
    ['stopChat false', { response: { stopChat: false } }],
    ['custom scalars', { custom: { step: 2, plan: 'premium', confirmed: false } }],
    ['the pass-through real clients send', { response: { text: [], stopChat: false } }],
  ])('accepts %s', (_case, reply) => {
    expect(refusedFields(reply)).toBeUndefined();
  });

  it.each(['TEXT', 'NAME', 'EMAIL', 'PHONE'])(
    'accepts response_type %s without options',
    (type) => {
      expect(refusedFields({ response: { response_type: type } })).toBeUndefined();
    },
  );

  describe('unknown properties', () => {
    it('refuses an unknown top-level property', () => {
      expect(refusedFields({ ...documentedResponse(), extra: true })).toEqual(['extra']);
    });

    it('refuses an unknown property inside response', () => {
      const reply = documentedResponse();
      const response = { ...reply.response, delay: 3 };

      expect(refusedFields({ ...reply, response })).toEqual(['response.delay']);
    });

    it('refuses an unknown property inside name and phone', () => {
      expect(refusedFields({ name: { value: 'Juan', first: 'Juan' } })).toEqual(['name.first']);
      expect(refusedFields({ phone: { national_format: '1234', country: 'AR' } })).toEqual([
        'phone.country',
      ]);
    });

    it('refuses a response_type the documentation does not list for webhooks', () => {
      expect(refusedFields({ response: { response_type: 'MEETING' } })).toEqual([
        'response.response_type',
      ]);
    });
  });

  describe('LIST and its options', () => {
    it('refuses LIST without options, on response.response_type', () => {
      expect(refusedFields({ response: { text: ['Elegí'], response_type: 'LIST' } })).toEqual([
        'response.response_type',
      ]);
    });

    it('refuses options without LIST, on response.response_options', () => {
      expect(refusedFields({ response: { response_options: ['A', 'B'] } })).toEqual([
        'response.response_options',
      ]);
      expect(
        refusedFields({ response: { response_type: 'TEXT', response_options: ['A', 'B'] } }),
      ).toEqual(['response.response_options']);
    });

    it.each([
      ['empty', []],
      ['duplicate', ['A', 'B', 'A']],
      ['blank', ['A', '  ']],
      ['non-string', ['A', 2]],
    ])('refuses %s options', (_case, response_options) => {
      expect(refusedFields({ response: { response_type: 'LIST', response_options } })).toEqual([
        'response.response_options',
      ]);
    });

    it('refuses more options than the limit', () => {
      const response_options = Array.from(
        { length: CONTRACT_LIMITS.listOptions + 1 },
        (_, index) => `Opción ${index}`,
      );

      expect(refusedFields({ response: { response_type: 'LIST', response_options } })).toEqual([
        'response.response_options',
      ]);
    });
  });

  describe('texts', () => {
    it.each([
      ['an empty text', ['']],
      ['a blank text', ['Ok', '   ']],
      ['a non-string text', ['Ok', 5]],
      ['a text that is not an array', 'Ok'],
    ])('refuses %s', (_case, text) => {
      expect(refusedFields({ response: { text } })).toEqual(['response.text']);
    });

    it('refuses more texts than the limit, and a text over the message length', () => {
      const many = Array.from({ length: CONTRACT_LIMITS.replyTexts + 1 }, (_, i) => `t${i}`);
      const long = ['x'.repeat(CONTRACT_LIMITS.messageLength + 1)];

      expect(refusedFields({ response: { text: many } })).toEqual(['response.text']);
      expect(refusedFields({ response: { text: long } })).toEqual(['response.text']);
    });
  });

  describe('custom', () => {
    it.each([
      ['null (clears the key)', null],
      ['a { value } wrapper', { value: 'x' }],
      [
        'an array of objects',
        [
          { id: 'a1', label: 'Lunes 10:00' },
          { id: 'b2', label: 'Martes' },
        ],
      ],
      ['a nested object', { step: 2, answers: { dni: '30123456', ok: true, tags: ['a', 1] } }],
      ['an empty array', []],
    ])('accepts a custom value that is %s', (_case, value) => {
      expect(refusedFields({ custom: { plan: value } })).toBeUndefined();
    });

    it('accepts the empty-string key (the answer of a question without an internal name)', () => {
      expect(refusedFields({ custom: { '': 'x' } })).toBeUndefined();
    });

    it('accepts memory as real traffic brings it, written back as it is', () => {
      const memory = {
        '': 'respuesta sin nombre',
        cbu: null,
        edad: '42',
        visitas: 3,
        vip: true,
        tags: ['a', 'b', 3],
        wrapped: { value: 'Model 3' },
        order: { order: 2 },
      };
      expect(refusedFields({ custom: memory })).toBeUndefined();
    });

    it('refuses a string over the custom value limit, anywhere in a value', () => {
      const value = 'x'.repeat(CONTRACT_LIMITS.customValueLength + 1);

      expect(refusedFields({ custom: { plan: value } })).toEqual(['custom']);
      expect(refusedFields({ custom: { plan: [{ note: value }] } })).toEqual(['custom']);
      expect(refusedFields({ custom: { plan: value.slice(1) } })).toBeUndefined();
    });

    it('refuses a value nested deeper than the bound', () => {
      const nested = (levels: number): unknown => (levels === 0 ? 'x' : [nested(levels - 1)]);

      expect(
        refusedFields({ custom: { deep: nested(CONTRACT_LIMITS.customValueDepth) } }),
      ).toBeUndefined();
      expect(
        refusedFields({ custom: { deep: nested(CONTRACT_LIMITS.customValueDepth + 1) } }),
      ).toEqual(['custom']);
    });

    it('refuses an array or object in a value with more items than the bound', () => {
      const items = Array.from({ length: CONTRACT_LIMITS.customValueItems + 1 }, (_, i) => i);

      expect(refusedFields({ custom: { many: items } })).toEqual(['custom']);
      expect(refusedFields({ custom: { many: items.slice(1) } })).toBeUndefined();
    });

    it('refuses an array or object value longer than the bound as JSON', () => {
      const chunk = 'x'.repeat(CONTRACT_LIMITS.customValueLength);
      const count = Math.ceil(CONTRACT_LIMITS.customValueJsonLength / chunk.length);

      expect(refusedFields({ custom: { big: Array(count).fill(chunk) } })).toEqual(['custom']);
    });

    it.each([
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['undefined inside an array', [1, undefined]],
      ['a Date', new Date(0)],
      ['a Map', new Map()],
      ['a function', () => 1],
      ['NaN inside an array', [1, Number.NaN]],
    ])('refuses a value that is not JSON: %s', (_case, value) => {
      expect(refusedFields({ custom: { plan: value } })).toEqual(['custom']);
    });

    it('takes an undefined value for no write, as JSON leaves the key out', () => {
      expect(refusedFields({ custom: { plan: undefined, step: 2 } })).toBeUndefined();
    });

    it('names every offending key in its message, not only the first', () => {
      const problems = checkContract(
        WebhookResponseDto,
        { custom: { a: Number.NaN, ok: 1, b: [undefined], ['k'.repeat(300)]: 1 } },
        { strict: true },
      );

      expect(problems?.custom).toHaveLength(1);
      const [message] = problems?.custom ?? [];
      expect(message).toContain('value of key "a" must not hold NaN or an infinite number');
      expect(message).toContain('value of key "b" must be a JSON value');
      expect(message).toContain(
        `must not have keys longer than ${CONTRACT_LIMITS.customKeyLength} characters`,
      );
      expect(message).not.toContain('"ok"');
    });
  });

  describe('memory writes', () => {
    it('refuses a null name.value', () => {
      expect(refusedFields({ name: { value: null } })).toEqual(['name.value']);
    });

    it('refuses a blank name.value and a missing one', () => {
      expect(refusedFields({ name: { value: '  ' } })).toEqual(['name.value']);
      expect(refusedFields({ name: {} })).toEqual(['name.value']);
    });

    it('refuses null objects: the writer never sends null', () => {
      expect(refusedFields({ name: null })).toEqual(['name']);
      expect(refusedFields({ response: null })).toEqual(['response']);
      expect(refusedFields({ custom: null })).toEqual(['custom']);
    });

    it('refuses an email.value that is not an email address', () => {
      expect(refusedFields({ email: { value: 'not-an-email' } })).toEqual(['email.value']);
    });

    it('refuses a blank phone format', () => {
      expect(refusedFields({ phone: { international_format: '' } })).toEqual([
        'phone.international_format',
      ]);
    });
  });

  describe('flow and stopChat', () => {
    it.each([
      ['negative', -1],
      ['fractional', 1.5],
      ['a string', '5'],
    ])('refuses a %s flow', (_case, flow) => {
      expect(refusedFields({ response: { flow } })).toEqual(['response.flow']);
    });

    it('refuses a stopChat that is not a boolean', () => {
      expect(refusedFields({ response: { stopChat: 'true' } })).toEqual(['response.stopChat']);
    });
  });
});
