import { defaultRetryText, findEmail, readAnswer, readPhone } from './answers.js';

describe('readAnswer', () => {
  it('accepts any non-blank TEXT, trimmed', () => {
    expect(readAnswer('  hola  ', { type: 'TEXT' })).toEqual({ accepted: true, value: 'hola' });
    expect(readAnswer('   ', { type: 'TEXT' })).toEqual({
      accepted: false,
      reason: 'the message is empty',
    });
  });

  describe('LIST', () => {
    const list = { type: 'LIST' as const, options: ['Model 3', 'Model Y', 'Sí, claro'] };

    it.each([
      ['1', 'Model 3'],
      [' 2 ', 'Model Y'],
      ['model y', 'Model Y'],
      ['MODEL   3', 'Model 3'],
      ['si, claro', 'Sí, claro'],
    ])('reads %j as %j', (text, value) => {
      expect(readAnswer(text, list)).toEqual({ accepted: true, value });
    });

    it.each(['0', '4', 'Model', 'otro'])('refuses %j, saying how to answer', (text) => {
      expect(readAnswer(text, list)).toEqual({
        accepted: false,
        reason: "not one of the options (type 1 to 3 or the option's text)",
      });
    });
  });

  it.each([
    ['Ariel', 'Ariel'],
    ['Me llamo Ariel Pérez', 'Ariel Pérez'],
    ["Hi! I'm Ariel, my email is ariel@example.com", 'Ariel'],
    ['Hola, soy Lucía y quiero un auto', 'Lucía'],
    ['mi nombre es José María de la Cruz Gómez', 'José María de la'],
  ])('reads the NAME in %j as %j', (text, value) => {
    expect(readAnswer(text, { type: 'NAME' })).toEqual({ accepted: true, value });
  });

  it('refuses a NAME without letters', () => {
    expect(readAnswer('12345', { type: 'NAME' }).accepted).toBe(false);
  });

  it('finds the EMAIL in the text', () => {
    expect(readAnswer('es ariel.p+cliengo@example.com.ar gracias', { type: 'EMAIL' })).toEqual({
      accepted: true,
      value: 'ariel.p+cliengo@example.com.ar',
    });
    expect(readAnswer('ariel arroba example', { type: 'EMAIL' })).toEqual({
      accepted: false,
      reason: 'no email address in it',
    });
  });

  it('reads a PHONE in both formats', () => {
    expect(readAnswer('011 3815-2222', { type: 'PHONE' })).toEqual({
      accepted: true,
      value: '+541138152222',
      phone: { national_format: '011 3815-2222', international_format: '+541138152222' },
    });
    expect(readAnswer('(11) 3815-2222', { type: 'PHONE' }, '598')).toMatchObject({
      phone: { international_format: '+5981138152222' },
    });
    expect(readAnswer('+54 9 11 3815-2222', { type: 'PHONE' })).toMatchObject({
      value: '+5491138152222',
    });
    expect(readAnswer('123', { type: 'PHONE' }).accepted).toBe(false);
    expect(readAnswer('llamame', { type: 'PHONE' }).accepted).toBe(false);
  });
});

describe('answer helpers', () => {
  it('finds an email anywhere', () => {
    expect(findEmail("Hi! I'm Ariel, my email is ariel@example.com")).toBe('ariel@example.com');
    expect(findEmail('sin mail')).toBeUndefined();
  });

  it('refuses phones too short or too long', () => {
    expect(readPhone('123456', '54')).toBeUndefined();
    expect(readPhone('1234567890123456', '54')).toBeUndefined();
  });

  it('has a retry message per type, in Spanish', () => {
    expect(defaultRetryText('EMAIL')).toBe('Ese email no parece válido.');
    expect(defaultRetryText('LIST')).toBe('Por favor, elegí una de las opciones.');
    expect(defaultRetryText('TEXT')).toBe('No entendí tu respuesta.');
  });
});
