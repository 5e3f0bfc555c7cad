import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { MemoryReader } from './memory.reader.js';

interface Slot {
  id: string;
  label: string;
}

const isSlot = (value: unknown): value is Slot =>
  typeof (value as Slot | null)?.id === 'string' &&
  typeof (value as Slot | null)?.label === 'string';

class SlotDto {
  @IsString()
  id!: string;

  @IsString()
  label!: string;
}

class BookingDto {
  @IsInt()
  @Min(1)
  step!: number;

  @IsBoolean()
  confirmed!: boolean;

  @ValidateNested()
  @Type(() => SlotDto)
  slot!: SlotDto;
}

const SLOTS: Slot[] = [
  { id: 'a1', label: 'Lunes 10:00' },
  { id: 'b2', label: 'Martes 15:30' },
];

/** A `custom` memory with every value shape real traffic carries. */
function realTrafficMemory(): Record<string, unknown> {
  return {
    plan: 'premium',
    age: 42,
    price: 3.5,
    ageText: '42',
    priceComma: '3,5',
    priceDot: '3.5',
    padded: ' 7 ',
    negative: '-12',
    notNumber: '12abc',
    nothing: null,
    accepted: true,
    declined: false,
    tags: ['a', 'b', 3],
    wrappedText: { value: 'Model 3' },
    wrappedNumber: { value: '15' },
    wrappedNull: { value: null },
    wrappedList: { value: ['x'] },
    object: { order: 2 },
    '': 'answer without internal name',
    blank: '',
  };
}

describe('MemoryReader', () => {
  const memory = new MemoryReader(realTrafficMemory());

  describe('get', () => {
    it('gives plain values as they are', () => {
      expect(memory.get('plan')).toBe('premium');
      expect(memory.get('age')).toBe(42);
      expect(memory.get('accepted')).toBe(true);
      expect(memory.get('declined')).toBe(false);
      expect(memory.get('tags')).toEqual(['a', 'b', 3]);
      expect(memory.get('blank')).toBe('');
    });

    it('removes a { "value": ... } wrapper', () => {
      expect(memory.get('wrappedText')).toBe('Model 3');
      expect(memory.get('wrappedList')).toEqual(['x']);
    });

    it('gives an object without a value key as it is', () => {
      expect(memory.get('object')).toEqual({ order: 2 });
    });

    it('reads null, a wrapped null and a missing key as undefined', () => {
      expect(memory.get('nothing')).toBeUndefined();
      expect(memory.get('wrappedNull')).toBeUndefined();
      expect(memory.get('missing')).toBeUndefined();
    });

    it('reads the empty-string key', () => {
      expect(memory.get('')).toBe('answer without internal name');
    });

    it('does not read inherited properties as memory', () => {
      expect(memory.get('toString')).toBeUndefined();
      expect(memory.get('constructor')).toBeUndefined();
      expect(memory.get('__proto__')).toBeUndefined();
      expect(memory.has('hasOwnProperty')).toBe(false);
    });
  });

  describe('text', () => {
    it('gives strings as they are', () => {
      expect(memory.text('plan')).toBe('premium');
      expect(memory.text('padded')).toBe(' 7 ');
      expect(memory.text('blank')).toBe('');
      expect(memory.text('')).toBe('answer without internal name');
    });

    it('writes out numbers and booleans', () => {
      expect(memory.text('age')).toBe('42');
      expect(memory.text('price')).toBe('3.5');
      expect(memory.text('accepted')).toBe('true');
      expect(memory.text('declined')).toBe('false');
    });

    it('unwraps a wrapper', () => {
      expect(memory.text('wrappedText')).toBe('Model 3');
      expect(memory.text('wrappedNumber')).toBe('15');
    });

    it('is undefined for null, missing keys, arrays and objects', () => {
      expect(memory.text('nothing')).toBeUndefined();
      expect(memory.text('missing')).toBeUndefined();
      expect(memory.text('tags')).toBeUndefined();
      expect(memory.text('object')).toBeUndefined();
      expect(memory.text('wrappedNull')).toBeUndefined();
    });
  });

  describe('number', () => {
    it('gives numbers as they are', () => {
      expect(memory.number('age')).toBe(42);
      expect(memory.number('price')).toBe(3.5);
    });

    it.each([
      ['ageText', '42', 42],
      ['priceComma', '3,5', 3.5],
      ['priceDot', '3.5', 3.5],
      ['padded', ' 7 ', 7],
      ['negative', '-12', -12],
      ['wrappedNumber', '{ value: "15" }', 15],
    ])('reads %s (%s) as %d', (key, _shown, expected) => {
      expect(memory.number(key)).toBe(expected);
    });

    it.each([
      ['12abc'],
      ['abc'],
      [''],
      ['  '],
      ['1e3'],
      ['0x10'],
      ['3,5,1'],
      ['7 8'],
      ['Infinity'],
    ])('refuses the string %j', (text) => {
      expect(new MemoryReader({ k: text }).number('k')).toBeUndefined();
    });

    it('is undefined for booleans, arrays, objects, null and missing keys', () => {
      expect(memory.number('accepted')).toBeUndefined();
      expect(memory.number('tags')).toBeUndefined();
      expect(memory.number('object')).toBeUndefined();
      expect(memory.number('nothing')).toBeUndefined();
      expect(memory.number('missing')).toBeUndefined();
    });
  });

  describe('boolean', () => {
    it.each([
      ['Sí', true],
      ['sí', true],
      ['si', true],
      ['SI', true],
      ['SÍ', true],
      [' Sí ', true],
      ['yes', true],
      ['true', true],
      ['TRUE', true],
      ['1', true],
      ['No', false],
      ['no', false],
      ['NO', false],
      ['false', false],
      ['0', false],
    ])('reads the string %j as %s', (text, expected) => {
      expect(new MemoryReader({ answer: text }).boolean('answer')).toBe(expected);
    });

    it.each([
      [true, true],
      [false, false],
      [1, true],
      [0, false],
    ])('reads %j as %s', (value, expected) => {
      expect(new MemoryReader({ answer: value }).boolean('answer')).toBe(expected);
    });

    it('unwraps a wrapper', () => {
      expect(new MemoryReader({ answer: { value: 'Sí' } }).boolean('answer')).toBe(true);
      expect(new MemoryReader({ answer: { value: false } }).boolean('answer')).toBe(false);
    });

    it.each([['quizás'], ['sip'], ['nope'], [''], ['2']])(
      'does not guess the string %j',
      (text) => {
        expect(new MemoryReader({ answer: text }).boolean('answer')).toBeUndefined();
      },
    );

    it('is undefined for other numbers, arrays, null and missing keys', () => {
      expect(new MemoryReader({ answer: 2 }).boolean('answer')).toBeUndefined();
      expect(memory.boolean('tags')).toBeUndefined();
      expect(memory.boolean('nothing')).toBeUndefined();
      expect(memory.boolean('missing')).toBeUndefined();
    });
  });

  describe('list', () => {
    it('gives arrays, unwrapped if wrapped', () => {
      expect(memory.list('tags')).toEqual(['a', 'b', 3]);
      expect(memory.list('wrappedList')).toEqual(['x']);
    });

    it('does not wrap a single value', () => {
      expect(memory.list('plan')).toBeUndefined();
      expect(memory.list('age')).toBeUndefined();
      expect(memory.list('missing')).toBeUndefined();
    });
  });

  describe('has', () => {
    it('is true for keys holding a value, falsy ones included', () => {
      expect(memory.has('plan')).toBe(true);
      expect(memory.has('declined')).toBe(true);
      expect(memory.has('blank')).toBe(true);
      expect(memory.has('tags')).toBe(true);
      expect(memory.has('wrappedText')).toBe(true);
      expect(memory.has('')).toBe(true);
    });

    it('is false for missing keys, null and wrapped null', () => {
      expect(memory.has('missing')).toBe(false);
      expect(memory.has('nothing')).toBe(false);
      expect(memory.has('wrappedNull')).toBe(false);
    });
  });

  describe('keys', () => {
    it('lists the keys in memory, the empty-string key included', () => {
      const keys = new MemoryReader({ plan: 'premium', '': 'x', step: 2 }).keys();

      expect(keys).toHaveLength(3);
      expect(keys).toEqual(expect.arrayContaining(['plan', '', 'step']));
    });

    it('does not list keys that are not in memory', () => {
      expect(memory.keys()).not.toContain('missing');
      expect(memory.keys()).toContain('wrappedText');
    });
  });

  describe('read and readList: structured values, typed', () => {
    const structured = new MemoryReader({
      slots: SLOTS,
      wrappedSlots: { value: SLOTS },
      slotsAsText: JSON.stringify(SLOTS),
      slotsOneBad: [SLOTS[0], { id: 3 }],
      booking: { step: 2, confirmed: false, slot: SLOTS[1] },
      wrappedBooking: { value: { step: 1, confirmed: true, slot: SLOTS[0] } },
      badBooking: { step: 0, confirmed: 'yes', slot: { id: 'x' } },
      bookingAsText: ' {"step":3,"confirmed":true,"slot":{"id":"c3","label":"Jueves"}} ',
      brokenText: '[{"id": "a1"',
      plan: 'premium',
      nothing: null,
    });

    it('reads a list written on an earlier turn back as that list', () => {
      expect(structured.readList('slots', isSlot)).toEqual(SLOTS);
      expect(structured.readList('slots', SlotDto)).toEqual(SLOTS);
    });

    it('unwraps { value } and parses arrays and objects written as JSON text', () => {
      expect(structured.readList('wrappedSlots', isSlot)).toEqual(SLOTS);
      expect(structured.readList('slotsAsText', isSlot)).toEqual(SLOTS);
      expect(structured.read('bookingAsText', BookingDto)).toEqual({
        step: 3,
        confirmed: true,
        slot: { id: 'c3', label: 'Jueves' },
      });
    });

    it('checks a class with class-validator, nested objects included, and gives an instance', () => {
      const booking = structured.read('booking', BookingDto);

      expect(booking).toBeInstanceOf(BookingDto);
      expect(booking?.slot).toBeInstanceOf(SlotDto);
      expect(booking).toEqual({ step: 2, confirmed: false, slot: SLOTS[1] });
      expect(structured.read('wrappedBooking', BookingDto)?.step).toBe(1);
      expect(structured.read('badBooking', BookingDto)).toBeUndefined();
    });

    it('gives undefined for what does not fit: a bad item, a scalar, null, broken JSON text', () => {
      expect(structured.readList('slotsOneBad', isSlot)).toBeUndefined();
      expect(structured.readList('slotsOneBad', SlotDto)).toBeUndefined();
      expect(structured.readList('plan', isSlot)).toBeUndefined();
      expect(structured.read('plan', BookingDto)).toBeUndefined();
      expect(structured.read('nothing', isSlot)).toBeUndefined();
      expect(structured.readList('brokenText', isSlot)).toBeUndefined();
      expect(structured.read('missing', BookingDto)).toBeUndefined();
    });

    it('reads one structured value with a type guard', () => {
      expect(
        structured.read('booking', (v): v is { step: number } => typeof v === 'object'),
      ).toEqual({ step: 2, confirmed: false, slot: SLOTS[1] });
    });
  });

  describe.each([
    ['null', null],
    ['undefined', undefined],
    ['empty', {}],
  ])('over a %s custom', (_case, custom) => {
    const empty = new MemoryReader(custom);

    it('reads every key as missing', () => {
      expect(empty.get('plan')).toBeUndefined();
      expect(empty.get('')).toBeUndefined();
      expect(empty.text('plan')).toBeUndefined();
      expect(empty.number('plan')).toBeUndefined();
      expect(empty.boolean('plan')).toBeUndefined();
      expect(empty.list('plan')).toBeUndefined();
      expect(empty.has('plan')).toBe(false);
      expect(empty.keys()).toEqual([]);
    });
  });
});
