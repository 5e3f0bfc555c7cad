import type { AnswerRefusal } from './answer.js';
import type { ChoiceOptions } from './choice.js';

/** The value expected: an index, a refusal reason, or an ambiguity with its candidates. */
export type ChoiceExpected = number | AnswerRefusal | { readonly candidates: readonly number[] };

/** A visitor's text, the options offered, the expected answer, and the call's settings. */
export type ChoiceRow = readonly [
  text: string,
  options: readonly string[],
  expected: ChoiceExpected,
  settings?: ChoiceOptions,
];

const PLANS = ['Plan A', 'Plan B'];
const LABELLED = ['#1 - Plan A', '#2 - Plan B'];
const LOANS = ['Préstamo en 12 cuotas', 'Préstamo en 24 cuotas', 'Préstamo en 36 cuotas'];
const INSTALMENTS = ['1 cuota', '3 cuotas', '6 cuotas'];
const SLOTS = ['Martes 10:00', 'Martes 15:30', 'Miércoles 09:00'];
const MENU = ['Ver saldo', 'Pagar factura', 'Hablar con un asesor'];
const TIERS = ['Plan Básico', 'Plan Premium', 'Plan Premium Plus'];
const YES_NO = ['Sí', 'No'];
const CONFIRM = ['Sí, quiero', 'No, gracias'];
const BRANCHES = ['Sucursal Centro', 'Sucursal Norte', 'Sucursal Sur'];
const PAYMENT = ['a) Transferencia', 'b) Efectivo', 'c) Tarjeta de crédito'];
const AMOUNTS = ['$50.000', '$100.000', '$150.000'];
const TEN = [
  'Lunes',
  'Martes',
  'Miércoles',
  'Jueves',
  'Viernes',
  'Sábado',
  'Domingo',
  'Feriado',
  'Otro día',
  'No sé',
];
const YES_NO_MORE = ['Sí', 'No', 'Más información'];
const DATES = ['Lunes 14 de octubre', 'Martes 15 de octubre'];
const PT = { locale: 'pt' } as const;
const WINDOWS = ['9 a 12 hs', '12 a 15 hs', '15 a 19 hs'];
const COVERAGE = ['Responsabilidad civil', 'Terceros completo', 'Todo riesgo'];
const PT_DAYS = ['Quinta 10h', 'Sexta 14h'];
const PT_MENU = ['Segunda via do boleto', 'Falar com atendente', 'Consultar pedido'];
const PT_PLANS = ['Plano Mensal', 'Plano Anual'];
const PT_MONTHS = ['12 meses', '24 meses', '48 meses'];

/** Options picked as visitors type them in chats. */
export const CHOICE_CORPUS: readonly ChoiceRow[] = [
  // The task's examples.
  ['la primera', PLANS, 0],
  ['#2 - Plan B', LABELLED, 1],
  ['4', PLANS, 'out-of-range'],

  // The option's number, as people type it.
  ['1', PLANS, 0],
  ['2', PLANS, 1],
  ['#2', PLANS, 1],
  ['# 2', PLANS, 1],
  ['2.', PLANS, 1],
  ['2)', PLANS, 1],
  ['2 )', PLANS, 1],
  ['opción 2', PLANS, 1],
  ['Opcion 2', PLANS, 1],
  ['OPCION 1', PLANS, 0],
  ['la 2', PLANS, 1],
  ['el 2', PLANS, 1],
  ['numero 2', PLANS, 1],
  ['número 1', PLANS, 0],
  ['nº 2', PLANS, 1],
  ['n° 2', PLANS, 1],
  ['nro 2', PLANS, 1],
  ['la dos', PLANS, 1],
  ['la uno', PLANS, 0],
  ['opción dos', PLANS, 1],
  ['quiero la 2', PLANS, 1],
  ['la 2 por favor', PLANS, 1],
  ['el 1 gracias', PLANS, 0],
  ['2!!', PLANS, 1],
  [' 1 ', PLANS, 0],
  ['prefiero la opción 2 porque es más barata', PLANS, 1],
  ['0', PLANS, 'out-of-range'],
  ['3', PLANS, 'out-of-range'],
  ['opción 5', PLANS, 'out-of-range'],
  ['la 1 o la 2', PLANS, { candidates: [0, 1] }],

  // The option's text, or its labelled form.
  ['Plan A', PLANS, 0],
  ['plan b', PLANS, 1],
  ['PLAN B', PLANS, 1],
  ['Plan B!', PLANS, 1],
  ['quiero el plan b por favor', PLANS, 1],
  ['el plan A', PLANS, 0],
  ['B', PLANS, 1],
  ['la b', PLANS, 1],
  ['a', PLANS, 0],
  ['#1 - Plan A', LABELLED, 0],
  ['2 - Plan B', LABELLED, 1],
  ['Plan B', LABELLED, 1],
  ['#1', LABELLED, 0],
  ['2', LABELLED, 1],
  ['3', LABELLED, 'out-of-range'],

  // Ordinals.
  ['primera', PLANS, 0],
  ['la primera opción', PLANS, 0],
  ['el primero', PLANS, 0],
  ['1ra', PLANS, 0],
  ['1°', PLANS, 0],
  ['1º', PLANS, 0],
  ['la 2da', PLANS, 1],
  ['segunda', PLANS, 1],
  ['la segunda', PLANS, 1],
  ['quiero la segunda por favor', PLANS, 1],
  ['La Segunda!!', PLANS, 1],
  ['la última', PLANS, 1],
  ['la ultima', PLANS, 1],
  ['el último', MENU, 2],
  ['la tercera', MENU, 2],
  ['la tercera', PLANS, 'out-of-range'],
  ['la del medio', BRANCHES, 1],
  ['la penúltima', MENU, 1],
  ['la décima', TEN, 9],
  ['la novena', TEN, 8],
  ['el séptimo', TEN, 6],
  ['10', TEN, 9],

  // Options that hold numbers.
  ['24', LOANS, 1],
  ['36', LOANS, 2],
  ['12', LOANS, 0],
  ['2', LOANS, 1],
  ['la de 24 cuotas', LOANS, 1],
  ['la de 24', LOANS, 1],
  ['el de 12', LOANS, 0],
  ['quiero 24 cuotas', LOANS, 1],
  ['en 36 cuotas', LOANS, 2],
  ['préstamo en 12 cuotas', LOANS, 0],
  ['Prestamo en 24 cuotas', LOANS, 1],
  ['cuotas', LOANS, { candidates: [0, 1, 2] }],
  ['el préstamo', LOANS, { candidates: [0, 1, 2] }],
  ['48', LOANS, 'out-of-range'],
  ['la de 48', LOANS, 'out-of-range'],
  ['3', INSTALMENTS, { candidates: [1, 2] }],
  ['la 3', INSTALMENTS, { candidates: [1, 2] }],
  ['opción 3', INSTALMENTS, 2],
  ['#3', INSTALMENTS, 2],
  ['la de 3', INSTALMENTS, 1],
  ['3 cuotas', INSTALMENTS, 1],
  ['1', INSTALMENTS, 0],
  ['6', INSTALMENTS, 2],
  ['en 6 cuotas', INSTALMENTS, 2],
  ['100.000', AMOUNTS, 1],
  ['100000', AMOUNTS, 1],
  ['$150.000', AMOUNTS, 2],
  ['la de 50 mil', AMOUNTS, 0],
  ['100 mil', AMOUNTS, 1],

  // Time slots.
  ['el martes a las 10', SLOTS, 0],
  ['martes 15:30', SLOTS, 1],
  ['15:30', SLOTS, 1],
  ['a las 15', SLOTS, 1],
  ['miercoles', SLOTS, 2],
  ['el miércoles', SLOTS, 2],
  ['el miércoles a las 9hs', SLOTS, 2],
  ['9', SLOTS, 2],
  ['10hs', SLOTS, 0],
  ['martes', SLOTS, { candidates: [0, 1] }],
  ['el jueves', SLOTS, 'unrecognised'],

  // A part of the text.
  ['asesor', MENU, 2],
  ['quiero hablar con un asesor', MENU, 2],
  ['hablar con una persona', MENU, 2],
  ['pagar', MENU, 1],
  ['la factura', MENU, 1],
  ['facturas', MENU, 1],
  ['quiero ver mi saldo', MENU, 0],
  ['saldo', MENU, 0],
  ['premium', TIERS, 1],
  ['el premium plus', TIERS, 2],
  ['plus', TIERS, 2],
  ['premiun', TIERS, 1],
  ['basico', TIERS, 0],
  ['el básico por favor', TIERS, 0],
  ['plan', TIERS, { candidates: [0, 1, 2] }],
  ['centro', BRANCHES, 0],
  ['la del norte', BRANCHES, 1],
  ['Sur', BRANCHES, 2],
  ['sucursal', BRANCHES, { candidates: [0, 1, 2] }],
  ['b', PAYMENT, 1],
  ['la c', PAYMENT, 2],
  ['efectivo', PAYMENT, 1],
  ['con tarjeta', PAYMENT, 2],
  ['transferencia bancaria', PAYMENT, 0],
  ['la de', PLANS, 'unrecognised'],
  ['quiero', PLANS, 'unrecognised'],

  // WhatsApp style and words around.
  ['La opción B', PLANS, 1],
  ['el segundo plan', PLANS, 1],
  ['Quiero el 2do', PLANS, 1],
  ['opción #2', PLANS, 1],
  ['2 - Plan B', PLANS, 1],
  ['2️⃣', PLANS, 1],
  ['B)', PLANS, 1],
  ['dale, la 2', PLANS, 1],
  ['creo que la segunda', PLANS, 1],
  ['mmm la primera', PLANS, 0],
  ['la primera jajaja', PLANS, 0],
  ['A!', PLANS, 0],
  ['Plan A y Plan B', PLANS, { candidates: [0, 1] }],
  ['la primera no, la segunda', PLANS, { candidates: [0, 1] }],
  ['tres', PLANS, 'out-of-range'],
  ['la otra', PLANS, 'unrecognised'],
  ['14', DATES, 0],
  ['el 15', DATES, 1],
  ['el lunes', DATES, 0],
  ['octubre', DATES, { candidates: [0, 1] }],
  ['2', DATES, 1],

  // Yes/no options.
  ['si', YES_NO, 0],
  ['Sí, dale', YES_NO, 0],
  ['nop', YES_NO, 1],
  ['no gracias', YES_NO, 1],
  ['1', YES_NO, 0],
  ['la segunda', YES_NO, 1],
  ['no sé', YES_NO, 'doubt'],
  ['sí y no', YES_NO, { candidates: [0, 1] }],
  ['claro', CONFIRM, 0],
  ['No, gracias', CONFIRM, 1],
  ['ni loco', CONFIRM, 1],
  ['más info', YES_NO_MORE, 2],
  ['informacion', YES_NO_MORE, 2],
  ['dale', YES_NO_MORE, 0],
  ['3', YES_NO_MORE, 2],
  ['no sé', YES_NO_MORE, 'doubt'],

  // All, any, none, nothing.
  ['ambas', PLANS, { candidates: [0, 1] }],
  ['las dos', PLANS, { candidates: [0, 1] }],
  ['cualquiera', MENU, { candidates: [0, 1, 2] }],
  ['me da igual', PLANS, { candidates: [0, 1] }],
  ['ninguna', PLANS, 'unrecognised'],
  ['ninguno de los dos', PLANS, 'unrecognised'],
  ['hola', PLANS, 'unrecognised'],
  ['no sé', PLANS, 'doubt'],
  ['ni idea', MENU, 'doubt'],
  ['Plan C', PLANS, 'unrecognised'],
  ['', PLANS, 'empty'],
  ['   ', PLANS, 'empty'],
  ['?', PLANS, 'empty'],
  ['1', [], 'unrecognised'],
  ['Plan A', ['Plan A', 'Plan A'], { candidates: [0, 1] }],
  ['1', ['Continuar'], 0],
  ['continuar', ['Continuar'], 0],
  ['2', ['Continuar'], 'out-of-range'],

  // Brazilian Portuguese.
  ['a primeira', PT_PLANS, 0, PT],
  ['primeiro', PT_PLANS, 0, PT],
  ['a segunda opção', PT_PLANS, 1, PT],
  ['opção 1', PT_PLANS, 0, PT],
  ['opcao 2', PT_PLANS, 1, PT],
  ['quero a 2', PT_PLANS, 1, PT],
  ['a última', PT_PLANS, 1, PT],
  ['anual', PT_PLANS, 1, PT],
  ['o plano mensal', PT_PLANS, 0, PT],
  ['plano', PT_PLANS, { candidates: [0, 1] }, PT],
  ['as duas', PT_PLANS, { candidates: [0, 1] }, PT],
  ['nenhuma', PT_PLANS, 'unrecognised', PT],
  ['não sei', PT_PLANS, 'doubt', PT],
  ['sexta', PT_DAYS, 1, PT],
  ['na quinta', PT_DAYS, 0, PT],
  ['sexta-feira às 14h', PT_DAYS, 1, PT],
  ['a segunda', PT_MENU, { candidates: [0, 1] }, PT],
  // An ordinal whose plural is an option's word: the position, or that option?
  ['el tercero', COVERAGE, { candidates: [1, 2] }],
  ['terceros', COVERAGE, 1],
  ['el de terceros', COVERAGE, 1],
  ['la primera', COVERAGE, 0],
  // A range names the option holding both ends.
  ['12 a 15', WINDOWS, 1],
  ['el de 12 a 15', WINDOWS, 1],
  ['de 15 a 19', WINDOWS, 2],
  ['el de las 12', WINDOWS, { candidates: [0, 1] }],
  ['a 2', WINDOWS, 1, PT],
  ['segunda via', PT_MENU, 0, PT],
  ['falar com atendente', PT_MENU, 1, PT],
  ['quero falar com uma pessoa', PT_MENU, 1, PT],
  ['a terceira', PT_MENU, 2, PT],
  ['24', PT_MONTHS, 1, PT],
  ['o de 48 meses', PT_MONTHS, 2, PT],
  ['dos 12 meses', PT_MONTHS, 0, PT],
  ['4', PT_PLANS, 'out-of-range', PT],
];
