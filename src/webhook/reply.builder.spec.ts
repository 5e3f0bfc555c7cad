import { checkContract } from './contract.checker.js';
import { CONTRACT_LIMITS } from '../contract/contract.limits.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import { ReplyContractError } from './reply-contract.error.js';
import {
  ReplyBuilder,
  reply,
  type MemoryValue,
  type PhoneInput,
  type SimpleResponseType,
} from './reply.builder.js';

/** Asserts that `action` is refused with a ReplyContractError and the builder is unchanged. */
function expectRefused(builder: ReplyBuilder, action: (builder: ReplyBuilder) => unknown): void {
  const before = builder.build();
  expect(() => action(builder)).toThrow(ReplyContractError);
  expect(builder.build()).toEqual(before);
}

describe('reply()', () => {
  it('starts an empty ReplyBuilder that builds the pass-through reply {}', () => {
    const builder = reply();

    expect(builder).toBeInstanceOf(ReplyBuilder);
    expect(builder.isEmpty).toBe(true);
    expect(builder.build()).toEqual({});
  });

  it('starts a new builder on every call', () => {
    const first = reply().say('Hola');
    const second = reply();

    expect(second).not.toBe(first);
    expect(second.build()).toEqual({});
  });
});

describe('ReplyBuilder', () => {
  describe('the reply shape', () => {
    it('builds the documented response example exactly', () => {
      const built = reply()
        .setName('Juan Roman')
        .setEmail('juan@example.com')
        .setPhone({ national: '1234542123', international: '12343132112' })
        .setCustoms({ userType: 'advanced', thing1: 'something', thing2: 'something' })
        .say('Ok', 'What model are you interested in?')
        .expectList(['Model 3', 'Model Y'])
        .stopChat()
        .goTo(5)
        .build();

      expect(built).toEqual({
        name: { value: 'Juan Roman' },
        email: { value: 'juan@example.com' },
        phone: { national_format: '1234542123', international_format: '12343132112' },
        custom: { userType: 'advanced', thing1: 'something', thing2: 'something' },
        response: {
          text: ['Ok', 'What model are you interested in?'],
          response_type: 'LIST',
          response_options: ['Model 3', 'Model Y'],
          stopChat: true,
          flow: 5,
        },
      });
    });

    it('builds a reply that passes the strict response contract', () => {
      const built = reply()
        .setName('Juan Roman')
        .setCustom('plan', 'premium')
        .say('¡Listo!')
        .expectList(['Sí', 'No'])
        .goTo(2)
        .build();

      expect(checkContract(WebhookResponseDto, built, { strict: true })).toBeUndefined();
    });

    it('writes only what was set', () => {
      expect(reply().say('Hola').build()).toEqual({ response: { text: ['Hola'] } });
      expect(reply().setCustom('plan', 'premium').build()).toEqual({
        custom: { plan: 'premium' },
      });
      expect(reply().stopChat().build()).toEqual({ response: { stopChat: true } });
      expect(reply().say('Listo').stopChat(false).build()).toEqual({
        response: { text: ['Listo'], stopChat: false },
      });
      expect(reply().goTo(0).build()).toEqual({ response: { flow: 0 } });
    });

    it('writes a phone in the national format only', () => {
      expect(reply().setPhone({ national: '011 3815-2222' }).build()).toEqual({
        phone: { national_format: '011 3815-2222' },
      });
    });

    it('writes a phone in the international format only', () => {
      expect(reply().setPhone({ international: '+541138152222' }).build()).toEqual({
        phone: { international_format: '+541138152222' },
      });
    });

    it.each<[string, (builder: ReplyBuilder) => ReplyBuilder, string]>([
      ['expectText', (builder) => builder.expectText(), 'TEXT'],
      ['expectName', (builder) => builder.expectName(), 'NAME'],
      ['expectEmail', (builder) => builder.expectEmail(), 'EMAIL'],
      ['expectPhone', (builder) => builder.expectPhone(), 'PHONE'],
      ["expect('PHONE')", (builder) => builder.expect('PHONE'), 'PHONE'],
    ])('%s sets response_type %s', (_name, expectation, type) => {
      expect(expectation(reply()).build()).toEqual({ response: { response_type: type } });
    });

    it('expectList sets the LIST type with its options, in order', () => {
      expect(reply().expectList(['Model Y', 'Model 3', 'Roadster']).build()).toEqual({
        response: {
          response_type: 'LIST',
          response_options: ['Model Y', 'Model 3', 'Roadster'],
        },
      });
    });

    it('keeps a copy of the LIST options, not the caller array', () => {
      const options = ['Model 3', 'Model Y'];
      const builder = reply().expectList(options);
      options.push('Roadster');

      expect(builder.build().response?.response_options).toEqual(['Model 3', 'Model Y']);
    });

    it('returns the same builder from every write, for chaining', () => {
      const builder = reply();

      expect(builder.setName('Ana')).toBe(builder);
      expect(builder.setCustom('k', 1)).toBe(builder);
      expect(builder.say('Hola')).toBe(builder);
      expect(builder.stopChat()).toBe(builder);
      expect(builder.goTo(1)).toBe(builder);
    });
  });

  describe('memory writes', () => {
    it('merges custom keys across calls, keeping keys not written again', () => {
      const built = reply()
        .setCustom('plan', 'premium')
        .setCustom('step', 2)
        .setCustoms({ confirmed: true, dni: '30123456' })
        .build();

      expect(built).toEqual({
        custom: { plan: 'premium', step: 2, confirmed: true, dni: '30123456' },
      });
    });

    it('keeps the last value of a custom key written twice', () => {
      const built = reply()
        .setCustom('step', 1)
        .setCustom('plan', 'basic')
        .setCustoms({ step: 2, other: 'x' })
        .setCustom('step', 3)
        .build();

      expect(built).toEqual({ custom: { step: 3, plan: 'basic', other: 'x' } });
    });

    it('keeps the last name and email written', () => {
      const built = reply()
        .setName('Juan')
        .setEmail('juan@example.com')
        .setName('Juan Roman')
        .setEmail('roman@example.com')
        .build();

      expect(built).toEqual({
        name: { value: 'Juan Roman' },
        email: { value: 'roman@example.com' },
      });
    });

    it('writes any JSON value: a list of slots, an object, null', () => {
      const slots = [
        { id: 'a1', label: 'Lunes 10:00' },
        { id: 'b2', label: 'Martes 15:30' },
      ];
      const built = reply()
        .setCustom('offered_slots', slots)
        .setCustoms({ booking: { step: 2, confirmed: false }, tags: ['a', 1] })
        .setCustom('note', null)
        .build();

      expect(built).toEqual({
        custom: {
          offered_slots: slots,
          booking: { step: 2, confirmed: false },
          tags: ['a', 1],
          note: null,
        },
      });
      expect(checkContract(WebhookResponseDto, built, { strict: true })).toBeUndefined();
    });

    it('takes interfaces, as handlers type their data', () => {
      interface Slot {
        id: string;
        label: string;
      }
      const slot: Slot = { id: 'a1', label: 'Lunes 10:00' };

      expect(reply().setCustom('slot', slot).build()).toEqual({ custom: { slot } });
    });

    it('clears keys with clearCustom, written as null, and a later write wins', () => {
      const built = reply()
        .setCustoms({ cbu: '0170', step: 3 })
        .clearCustom('cbu', 'offer')
        .setCustom('offer', 'B')
        .build();

      expect(built).toEqual({ custom: { cbu: null, step: 3, offer: 'B' } });
    });

    it('refuses clearCustom with no key', () => {
      expectRefused(reply(), (builder) => builder.clearCustom());
    });

    it('writes the empty-string key, where a question without an internal name answers', () => {
      expect(reply().setCustom('', 'x').build()).toEqual({ custom: { '': 'x' } });
    });

    it('copies values when written: changing them afterwards does not change the reply', () => {
      const slots = [{ id: 'a1' }];
      const builder = reply().setCustom('slots', slots);
      slots.push({ id: 'b2' });
      slots[0].id = 'changed';

      expect(builder.build()).toEqual({ custom: { slots: [{ id: 'a1' }] } });
    });

    it('names the key and the way out when a value is undefined', () => {
      expect(() => reply().setCustom('cbu', undefined as unknown as MemoryValue)).toThrow(
        /custom value of key "cbu" is undefined: give a JSON value, or clearCustom\("cbu"\)/,
      );
    });

    it('does not let a memory write disturb the response part', () => {
      const built = reply().say('Hola').goTo(4).setCustom('step', 1).setName('Ana').build();

      expect(built).toEqual({
        name: { value: 'Ana' },
        custom: { step: 1 },
        response: { text: ['Hola'], flow: 4 },
      });
    });
  });

  describe('say', () => {
    it('appends texts across calls, in order', () => {
      const built = reply()
        .say('Hola')
        .say('¿Cómo estás?', 'Elegí una opción')
        .say('Gracias')
        .build();

      expect(built).toEqual({
        response: { text: ['Hola', '¿Cómo estás?', 'Elegí una opción', 'Gracias'] },
      });
    });

    it('keeps the texts when other response fields are set in between', () => {
      const built = reply().say('Uno').expectText().stopChat().say('Dos').goTo(7).build();

      expect(built).toEqual({
        response: { text: ['Uno', 'Dos'], response_type: 'TEXT', stopChat: true, flow: 7 },
      });
    });
  });

  describe('refuses contradictions and contract breaks at the call', () => {
    it.each<[string, (builder: ReplyBuilder) => unknown]>([
      ['expectList([])', (builder) => builder.expectList([])],
      ["say('')", (builder) => builder.say('')],
      ["say('  ')", (builder) => builder.say('  ')],
      ["say('ok', ' ')", (builder) => builder.say('ok', ' ')],
      ['say() with no args', (builder) => builder.say()],
      ["expect('LIST')", (builder) => builder.expect('LIST' as unknown as SimpleResponseType)],
      [
        "expect('MEETING')",
        (builder) => builder.expect('MEETING' as unknown as SimpleResponseType),
      ],
      ["expectList(['A', 'A'])", (builder) => builder.expectList(['A', 'B', 'A'])],
      ["expectList(['A', ' '])", (builder) => builder.expectList(['A', ' '])],
      ["setEmail('not-an-email')", (builder) => builder.setEmail('not-an-email')],
      ["setName('')", (builder) => builder.setName('')],
      ['setPhone({})', (builder) => builder.setPhone({})],
      ["setPhone({ national: '' })", (builder) => builder.setPhone({ national: '' })],
      ['goTo(-1)', (builder) => builder.goTo(-1)],
      ['goTo(1.5)', (builder) => builder.goTo(1.5)],
      ['goTo(NaN)', (builder) => builder.goTo(Number.NaN)],
      ["setCustom('k', NaN)", (builder) => builder.setCustom('k', Number.NaN)],
      ["setCustom('constructor', 'x')", (builder) => builder.setCustom('constructor', 'x')],
      ["setCustom('__proto__', 'x')", (builder) => builder.setCustom('__proto__', 'x')],
      ["setCustom('prototype', 'x')", (builder) => builder.setCustom('prototype', 'x')],
      ["setCustom('k', Infinity)", (builder) => builder.setCustom('k', Number.POSITIVE_INFINITY)],
      ["setCustom('k', new Date())", (builder) => builder.setCustom('k', new Date(0))],
      ["setCustom('k', [NaN])", (builder) => builder.setCustom('k', [Number.NaN])],
      ["setCustom('k', () => 1)", (builder) => builder.setCustom('k', () => 1)],
      [
        "setCustom('k', too deep)",
        (builder) =>
          builder.setCustom(
            'k',
            JSON.parse(
              '['.repeat(CONTRACT_LIMITS.customValueDepth + 1) +
                ']'.repeat(CONTRACT_LIMITS.customValueDepth + 1),
            ) as MemoryValue,
          ),
      ],
      [
        'setPhone(null national)',
        (builder) => builder.setPhone({ national: null } as unknown as PhoneInput),
      ],
    ])('%s throws ReplyContractError on an empty builder', (_name, action) => {
      const builder = reply();

      expectRefused(builder, action);
      expect(builder.isEmpty).toBe(true);
    });

    it('refuses expectText then expectName', () => {
      const builder = reply().expectText();

      expectRefused(builder, (b) => b.expectName());
      expect(builder.build()).toEqual({ response: { response_type: 'TEXT' } });
    });

    it('refuses expectList after another expected type, and the reverse', () => {
      expectRefused(reply().expectEmail(), (b) => b.expectList(['A', 'B']));
      expectRefused(reply().expectList(['A', 'B']), (b) => b.expectPhone());
    });

    it('allows the same expected type twice', () => {
      expect(reply().expectText().expectText().build()).toEqual({
        response: { response_type: 'TEXT' },
      });
    });

    it('refuses expectList twice, even with the same options', () => {
      const builder = reply().expectList(['A', 'B']);

      expectRefused(builder, (b) => b.expectList(['C']));
      expectRefused(builder, (b) => b.expectList(['A', 'B']));
      expect(builder.build()).toEqual({
        response: { response_type: 'LIST', response_options: ['A', 'B'] },
      });
    });

    it('refuses goTo(5) then goTo(6), keeping 5', () => {
      const builder = reply().goTo(5);

      expectRefused(builder, (b) => b.goTo(6));
      expect(builder.build()).toEqual({ response: { flow: 5 } });
    });

    it('allows goTo with the same question id twice', () => {
      expect(reply().goTo(5).goTo(5).build()).toEqual({ response: { flow: 5 } });
    });

    it('keeps earlier writes when a later one is refused', () => {
      const builder = reply().setCustom('step', 1).say('Hola');

      expectRefused(builder, (b) => b.say(''));
      expectRefused(builder, (b) => b.setCustom('step', Number.NaN));
      expect(builder.build()).toEqual({ custom: { step: 1 }, response: { text: ['Hola'] } });
    });

    it('accepts a later valid write after a refused one', () => {
      const builder = reply();

      expect(() => builder.goTo(-1)).toThrow(ReplyContractError);
      expect(builder.goTo(6).build()).toEqual({ response: { flow: 6 } });
    });

    it('names the problem in the error message', () => {
      expect(() => reply().setEmail('not-an-email')).toThrow(/email/);
      expect(() => reply().goTo(5).goTo(6)).toThrow(/flow/);
    });
  });

  describe('build', () => {
    it('returns a fresh copy each time', () => {
      const builder = reply().setCustom('plan', 'premium').say('Hola');
      const first = builder.build();
      const second = builder.build();

      expect(second).toEqual(first);
      expect(second).not.toBe(first);
      expect(second.response).not.toBe(first.response);
      expect(second.custom).not.toBe(first.custom);
    });

    it('is not affected by mutating what it returned', () => {
      const builder = reply().setName('Ana').setCustom('plan', 'premium').say('Hola').goTo(3);
      const built = builder.build();
      built.response!.text!.push('Injected');
      built.response!.flow = 99;
      built.custom!.plan = 'hacked';
      built.name!.value = 'Eve';
      delete built.response;

      expect(builder.build()).toEqual({
        name: { value: 'Ana' },
        custom: { plan: 'premium' },
        response: { text: ['Hola'], flow: 3 },
      });
    });
  });

  describe('isEmpty', () => {
    it('is true before any write', () => {
      expect(new ReplyBuilder().isEmpty).toBe(true);
    });

    it.each<[string, (builder: ReplyBuilder) => ReplyBuilder]>([
      ['setName', (builder) => builder.setName('Ana')],
      ['setCustom', (builder) => builder.setCustom('k', false)],
      ['say', (builder) => builder.say('Hola')],
      ['stopChat', (builder) => builder.stopChat()],
      ['goTo', (builder) => builder.goTo(0)],
      ['expectText', (builder) => builder.expectText()],
    ])('is false after %s', (_name, write) => {
      expect(write(reply()).isEmpty).toBe(false);
    });
  });
});
