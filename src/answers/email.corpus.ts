import type { AnswerRefusal } from './answer.js';

/** A row: the visitor's text and the address read, or the refusal. */
export type EmailRow = readonly [
  text: string,
  expected: string | { readonly refused: AnswerRefusal },
];

const no = (refused: AnswerRefusal) => ({ refused });

/** Email addresses as visitors type them in chats (the domains are examples or big providers). */
export const EMAIL_CORPUS: readonly EmailRow[] = [
  // Alone, in sentences, in both languages
  ['juan.perez@gmail.com', 'juan.perez@gmail.com'],
  ['mi mail es juan.perez@gmail.com gracias', 'juan.perez@gmail.com'],
  ['Mi correo: ana_lopez@hotmail.com', 'ana_lopez@hotmail.com'],
  ['es ana.lopez@empresa.com.ar, cualquier cosa avisame', 'ana.lopez@empresa.com.ar'],
  ['meu e-mail é joao.silva@uol.com.br', 'joao.silva@uol.com.br'],
  ['o email é maria@example.com.br obrigada!', 'maria@example.com.br'],
  ['te paso mi mail: pedro-gomez@outlook.es', 'pedro-gomez@outlook.es'],
  ['escribime a lucia99@yahoo.com.mx porfa', 'lucia99@yahoo.com.mx'],
  ['juan.perez@gmail.com jaja', 'juan.perez@gmail.com'],
  ['juan.perez@gmail.com!!', 'juan.perez@gmail.com'],
  ['juan.perez@gmail.com.', 'juan.perez@gmail.com'],
  ['juan.perez@gmail.com 👍', 'juan.perez@gmail.com'],
  ['juan.perez@gmail.com😀', 'juan.perez@gmail.com'],
  ['mail juan.perez@gmail.com, tel 11 3815 2222', 'juan.perez@gmail.com'],
  // Brackets, quotes, markup, mailto
  ['<juan@example.com>', 'juan@example.com'],
  ['(juan@example.com)', 'juan@example.com'],
  ['[juan@example.com]', 'juan@example.com'],
  ['"juan@example.com"', 'juan@example.com'],
  ["'juan@example.com'", 'juan@example.com'],
  ['«juan@example.com»', 'juan@example.com'],
  ['*juan@example.com*', 'juan@example.com'],
  ['_juan@example.com_', 'juan@example.com'],
  ['mailto:juan@example.com', 'juan@example.com'],
  ['<mailto:ana@empresa.com.ar>', 'ana@empresa.com.ar'],
  ['Juan Pérez <juan.perez@example.com>', 'juan.perez@example.com'],
  // Case
  ['JUAN.PEREZ@GMAIL.COM', 'juan.perez@gmail.com'],
  ['Juan.Perez@Gmail.Com', 'juan.perez@gmail.com'],
  ['MI MAIL ES ANA@HOTMAIL.COM', 'ana@hotmail.com'],
  // Typing slips mended
  ['juan @ gmail.com', 'juan@gmail.com'],
  ['juan@ gmail.com', 'juan@gmail.com'],
  ['juan @gmail.com', 'juan@gmail.com'],
  ['juan@@gmail.com', 'juan@gmail.com'],
  ['juan@gmail,com', 'juan@gmail.com'],
  ['juan@hotmail,com.ar', 'juan@hotmail.com.ar'],
  ['Juan @ Gmail,com', 'juan@gmail.com'],
  ['juan＠gmail．com', 'juan@gmail.com'],
  ['juan\u200b@gmail.com', 'juan@gmail.com'],
  // Unusual but valid
  ['juan+promo@gmail.com', 'juan+promo@gmail.com'],
  ["o'connor@example.com", "o'connor@example.com"],
  ['a@b.co', 'a@b.co'],
  ['info@sub.dominio.gob.ar', 'info@sub.dominio.gob.ar'],
  ['josé@ñandú.com.ar', 'josé@ñandú.com.ar'],
  ['user@xn--and-6ma2c.com', 'user@xn--and-6ma2c.com'],
  ['Juan@Gmail.com o juan@gmail.com', 'juan@gmail.com'],
  // Incomplete
  ['juan@gmail', no('incomplete')],
  ['juan@', no('incomplete')],
  ['@gmail.com', no('incomplete')],
  ['juan@gmail.', no('incomplete')],
  ['juan@gmail.c', no('incomplete')],
  ['mi mail es juan@hotmail', no('incomplete')],
  ['juan.gmail.com', no('incomplete')],
  ['juanperez gmail.com', no('incomplete')],
  ['juanperez@gmailcom', no('incomplete')],
  ['JUAN HOTMAIL . COM', no('incomplete')],
  // Wrongly written
  ['juan..perez@gmail.com', no('invalid-format')],
  ['.juan@gmail.com.', 'juan@gmail.com'],
  ['juan.@gmail.com', no('invalid-format')],
  ['juan@gmail..com', no('invalid-format')],
  ['juan@-gmail.com', no('invalid-format')],
  ['juan@gmail.c0m', no('invalid-format')],
  ['juan@192.168.0.1', no('invalid-format')],
  ['juan@gmail_com.ar', no('invalid-format')],
  // Two addresses
  ['juan@gmail.com o juan.perez@hotmail.com', no('ambiguous')],
  ['a@example.com,b@example.com', no('ambiguous')],
  // Nothing like an address
  ['no tengo mail', no('unrecognised')],
  ['uso gmail', no('unrecognised')],
  ['sigueme en ig @juanperez', no('unrecognised')],
  ['11 3815 2222', no('unrecognised')],
  ['prefiero no darlo', no('unrecognised')],
  ['', no('empty')],
  ['   ', no('empty')],
  ['@', no('empty')],
];
