import type { AnswerRefusal } from './answer.js';
import type { NationalIdKind, NationalIdOptions } from './national-id.js';

/** What a row expects: the value and kind read, or the refusal. */
export type NationalIdExpectation =
  { readonly value: string; readonly kind: NationalIdKind } | { readonly refused: AnswerRefusal };

export type NationalIdRow = readonly [
  text: string,
  options: NationalIdOptions,
  expected: NationalIdExpectation,
];

const id = (value: string, kind: NationalIdKind): NationalIdExpectation => ({ value, kind });
const no = (refused: AnswerRefusal): NationalIdExpectation => ({ refused });

const AR = { country: 'AR' } as const;
const BR = { country: 'BR' } as const;
const CL = { country: 'CL' } as const;
const CO = { country: 'CO' } as const;
const ES = { country: 'ES' } as const;
const MX = { country: 'MX' } as const;
const PE = { country: 'PE' } as const;
const UY = { country: 'UY' } as const;

/**
 * National ids as visitors type them in chats, per country. The valid ids are made up (their
 * check digits computed), not real people's.
 */
export const NATIONAL_ID_CORPUS: readonly NationalIdRow[] = [
  // --- AR: DNI
  ['DNI 28.456.789', AR, id('28456789', 'dni')],
  ['28.456.789', AR, id('28456789', 'dni')],
  ['28 456 789', AR, id('28456789', 'dni')],
  ['28456789', AR, id('28456789', 'dni')],
  ['mi dni es 28.456.789', AR, id('28456789', 'dni')],
  ['Mi DNI es el 28456789, gracias!', AR, id('28456789', 'dni')],
  ['MI DNI ES 28.456.789', AR, id('28456789', 'dni')],
  ['dni: 28456789', AR, id('28456789', 'dni')],
  ['D.N.I. 28.456.789', AR, id('28456789', 'dni')],
  ['Nº 28.456.789', AR, id('28456789', 'dni')],
  ['n° 28456789', AR, id('28456789', 'dni')],
  ['28456789!!', AR, id('28456789', 'dni')],
  ['es 28456789 jaja', AR, id('28456789', 'dni')],
  ['28.456.789 👍', AR, id('28456789', 'dni')],
  ['dni-28456789', AR, id('28456789', 'dni')],
  ['28,456,789', AR, id('28456789', 'dni')],
  ['２８４５６７８９', AR, id('28456789', 'dni')],
  ['2️⃣8️⃣4️⃣5️⃣6️⃣7️⃣8️⃣9️⃣', AR, id('28456789', 'dni')],
  ['mi dni es 28.456.789 y mi cel 11 15 3815 2222', AR, id('28456789', 'dni')],
  ['5.123.456', AR, id('5123456', 'dni')],
  ['05123456', AR, id('5123456', 'dni')],
  ['94.123.456', AR, id('94123456', 'dni')],
  ['mi documento es 40123456 y nací el 12/05/1997', AR, id('40123456', 'dni')],
  ['dni 28456789, cel 11 3815 2222', AR, id('28456789', 'dni')],
  ['28456789 28.456.789', AR, id('28456789', 'dni')],
  ['tel 4555-1234 dni 28456789', AR, id('28456789', 'dni')],
  ['mi cel es 1138152222 y mi dni 28-456-789', AR, id('28456789', 'dni')],
  ['1234-5678', AR, no('invalid-format')],
  ['DNI 28.456.789', {}, id('28456789', 'dni')],
  // --- AR: CUIT / CUIL
  ['20-28456789-8', AR, id('20284567898', 'cuit')],
  ['mi cuit: 20-28456789-8', AR, id('20284567898', 'cuit')],
  ['CUIL 20284567898', AR, id('20284567898', 'cuit')],
  ['20 28456789 8', AR, id('20284567898', 'cuit')],
  ['20.28456789.8', AR, id('20284567898', 'cuit')],
  ['20 - 28456789 - 8', AR, id('20284567898', 'cuit')],
  ['27-35123456-9', AR, id('27351234569', 'cuit')],
  ['30-71234567-1', AR, id('30712345671', 'cuit')],
  ['mi cuit es 20–12345678–6 (monotributo)', AR, id('20123456786', 'cuit')],
  ['27409998882', AR, id('27409998882', 'cuit')],
  ['20-28456789-5', AR, no('invalid-check-digit')],
  ['cuit 27-35123456-1', AR, no('invalid-check-digit')],
  ['23-30111222-5', AR, no('invalid-check-digit')],
  ['21-28456789-3', AR, no('invalid-format')],
  // --- AR: refusals and kinds
  ['dni 28456789 cuit 20-28456789-8', AR, no('ambiguous')],
  ['dni 28456789 cuit 20-28456789-8', { ...AR, kinds: ['dni'] }, id('28456789', 'dni')],
  ['dni 28456789 cuit 20-28456789-8', { ...AR, kinds: ['cuit'] }, id('20284567898', 'cuit')],
  ['20-28456789-8', { ...AR, kinds: ['dni'] }, no('invalid-format')],
  ['28456789 o 30111222', AR, no('ambiguous')],
  ['28456789 30111222', AR, no('ambiguous')],
  ['123456', AR, no('invalid-format')],
  ['2845678', AR, id('2845678', 'dni')],
  ['284567890', AR, no('invalid-format')],
  ['28.456.789.123', AR, no('invalid-format')],
  ['mi dni es 1234', AR, no('unrecognised')],
  ['no tengo dni', AR, no('unrecognised')],
  ['nací el 12/05/1985', AR, no('unrecognised')],
  ['no sé, después te lo paso', AR, no('unrecognised')],
  ['', AR, no('empty')],
  ['   ', AR, no('empty')],
  ['?!', AR, no('empty')],

  // --- CL: RUT / RUN
  ['12.345.678-5', CL, id('123456785', 'rut')],
  ['o RUT é 12.345.678-5', CL, id('123456785', 'rut')],
  ['mi rut es 12345678-5', CL, id('123456785', 'rut')],
  ['123456785', CL, id('123456785', 'rut')],
  ['12345678 5', CL, id('123456785', 'rut')],
  ['RUN: 7.654.321-6', CL, id('76543216', 'rut')],
  ['15.333.444-7 po', CL, id('153334447', 'rut')],
  ['rut 10.000.013-K', CL, id('10000013K', 'rut')],
  ['10000013k', CL, id('10000013K', 'rut')],
  ['10.000.013 k', CL, id('10000013K', 'rut')],
  ['76.543.210-3', CL, id('765432103', 'rut')],
  ['5.126.663-3', CL, id('51266633', 'rut')],
  ['MI RUT 20111222-2 GRACIAS', CL, id('201112222', 'rut')],
  ['12.345.678-K', CL, no('invalid-check-digit')],
  ['12345678k', CL, no('invalid-check-digit')],
  ['12345678-4', CL, no('invalid-check-digit')],
  ['12.345.678', CL, no('invalid-format')],
  ['12345', CL, no('invalid-format')],
  ['12.345.678-5 o 15.333.444-7', CL, no('ambiguous')],

  // --- UY: CI
  ['1.234.567-2', UY, id('12345672', 'ci')],
  ['mi cédula es 1.234.567-2', UY, id('12345672', 'ci')],
  ['CI 4.567.890-5', UY, id('45678905', 'ci')],
  ['cedula 45678905', UY, id('45678905', 'ci')],
  ['3012345-2', UY, id('30123452', 'ci')],
  ['123.456-1', UY, id('1234561', 'ci')],
  ['5.555.333 1', UY, id('55553331', 'ci')],
  ['1.234.567-3', UY, no('invalid-check-digit')],
  ['1.234.567', UY, no('invalid-format')],
  ['1234567', UY, no('invalid-check-digit')],
  ['123456789', UY, no('invalid-format')],

  // --- BR: CPF / CNPJ
  ['123.456.789-09', BR, id('12345678909', 'cpf')],
  ['meu CPF é 529.982.247-25', BR, id('52998224725', 'cpf')],
  ['cpf: 52998224725 obrigado', BR, id('52998224725', 'cpf')],
  ['111 444 777 35', BR, id('11144477735', 'cpf')],
  ['987.654.321-00', BR, id('98765432100', 'cpf')],
  ['390533447-05', BR, id('39053344705', 'cpf')],
  ['123.456.789-00', BR, no('invalid-check-digit')],
  ['529.982.247-52', BR, no('invalid-check-digit')],
  ['111.111.111-11', BR, no('invalid-format')],
  ['000.000.000-00', BR, no('invalid-format')],
  ['123.456.789', BR, no('invalid-format')],
  ['12.345.678/0001-95', BR, id('12345678000195', 'cnpj')],
  ['CNPJ 11.222.333/0001-81', BR, id('11222333000181', 'cnpj')],
  ['o cnpj da empresa é 04543589000125', BR, id('04543589000125', 'cnpj')],
  ['12.ABC.345/01DE-35', BR, id('12ABC34501DE35', 'cnpj')],
  ['12.345.678/0001-96', BR, no('invalid-check-digit')],
  ['00.000.000/0000-00', BR, no('invalid-format')],
  ['cpf 529.982.247-25 cnpj 11.222.333/0001-81', BR, no('ambiguous')],

  // --- MX: CURP / RFC
  ['GOMC850101HDFRRR05', MX, id('GOMC850101HDFRRR05', 'curp')],
  ['mi curp es gomc850101hdfrrr05', MX, id('GOMC850101HDFRRR05', 'curp')],
  ['CURP: BADD110313HCMLNS06', MX, id('BADD110313HCMLNS06', 'curp')],
  ['MAHJ280603MSPRRV09', MX, id('MAHJ280603MSPRRV09', 'curp')],
  ['PEGJ010203MNLRRNA7', MX, id('PEGJ010203MNLRRNA7', 'curp')],
  ['GOMC850101HDFRRR04', MX, no('invalid-check-digit')],
  ['GOMC851301HDFRRR05', MX, no('invalid-format')],
  ['GOMC850101HZZRRR05', MX, no('invalid-format')],
  ['GOMC850101HDFRRR0', MX, no('invalid-format')],
  ['GODE561231GR8', MX, id('GODE561231GR8', 'rfc')],
  ['mi rfc: GODE 561231 GR8', MX, id('GODE561231GR8', 'rfc')],
  ['rfc gode-561231-gr8', MX, id('GODE561231GR8', 'rfc')],
  ['MAB-930714-8T4', MX, id('MAB9307148T4', 'rfc')],
  ['XAXX010101000', MX, id('XAXX010101000', 'rfc')],
  ['GODE561331GR8', MX, no('invalid-format')],
  ['GODE561231GRB', MX, no('invalid-format')],

  // --- CO: cédula de ciudadanía / NIT
  ['1.020.304.050', CO, id('1020304050', 'cc')],
  ['mi cédula es 79.123.456', CO, id('79123456', 'cc')],
  ['C.C. 52123456', CO, id('52123456', 'cc')],
  ['cc 1234567', CO, id('1234567', 'cc')],
  ['cedula 1020304050 gracias', CO, id('1020304050', 'cc')],
  ['900.123.456-8', CO, id('9001234568', 'nit')],
  ['NIT: 800197268-4', CO, id('8001972684', 'nit')],
  ['el nit es 860034313-7', CO, id('8600343137', 'nit')],
  ['NIT 8909039388', CO, id('8909039388', 'nit')],
  ['nit 900123456', CO, id('900123456', 'nit')],
  ['79.123.456-0', CO, id('791234560', 'nit')],
  ['900.123.456-1', CO, no('invalid-check-digit')],
  ['nit 9001234567', CO, no('invalid-check-digit')],
  ['10203040506', CO, no('invalid-format')],
  ['12345', CO, no('invalid-format')],

  // --- PE: DNI / RUC
  ['12345678', PE, id('12345678', 'dni')],
  ['mi dni es 45678912', PE, id('45678912', 'dni')],
  ['12345678-1', PE, id('12345678', 'dni')],
  ['12345678-E', PE, id('12345678', 'dni')],
  ['dni 70123456 7', PE, id('70123456', 'dni')],
  ['12345678-2', PE, no('invalid-check-digit')],
  ['1234567', PE, no('invalid-format')],
  ['20100123453', PE, id('20100123453', 'ruc')],
  ['RUC: 20601234565', PE, id('20601234565', 'ruc')],
  ['mi ruc es 10456789124', PE, id('10456789124', 'ruc')],
  ['20100123454', PE, no('invalid-check-digit')],
  ['30100123453', PE, no('invalid-format')],

  // --- ES: DNI / NIE
  ['12345678Z', ES, id('12345678Z', 'dni')],
  ['mi dni es 12.345.678-Z', ES, id('12345678Z', 'dni')],
  ['12345678 z', ES, id('12345678Z', 'dni')],
  ['87654321-x', ES, id('87654321X', 'dni')],
  ['1234567L', ES, id('01234567L', 'dni')],
  ['X1234567L', ES, id('X1234567L', 'nie')],
  ['NIE: Y-1234567-X', ES, id('Y1234567X', 'nie')],
  ['mi nie es z7654321h', ES, id('Z7654321H', 'nie')],
  ['Y 1234567 X', ES, id('Y1234567X', 'nie')],
  ['12345678A', ES, no('invalid-check-digit')],
  ['X1234567A', ES, no('invalid-check-digit')],
  ['12345678', ES, no('invalid-format')],
  ['X1234567', ES, no('invalid-format')],
  ['12345678Z y X1234567L', ES, no('ambiguous')],

  // --- Options
  ['12.345.678-5', AR, no('invalid-format')],
  ['123.456.789-09', { country: 'AR', kinds: ['cpf'] }, no('invalid-format')],
];
