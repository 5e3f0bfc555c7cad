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
      ['an empty text array', []],
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
      ['an object', { value: 'x' }],
      ['an array', ['a']],
      ['null', null],
    ])('refuses a custom value that is %s', (_case, value) => {
      expect(refusedFields({ custom: { plan: value } })).toEqual(['custom']);
    });

    it('refuses the empty-string key', () => {
      expect(refusedFields({ custom: { '': 'x' } })).toEqual(['custom']);
    });

    it('refuses a string value over the custom value limit', () => {
      const value = 'x'.repeat(CONTRACT_LIMITS.customValueLength + 1);

      expect(refusedFields({ custom: { plan: value } })).toEqual(['custom']);
      expect(refusedFields({ custom: { plan: value.slice(1) } })).toBeUndefined();
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
