/**
 * The check digits and letters of the national ids `nationalId` reads, one small function
 * per published algorithm. Each takes the id's body (the characters before its check
 * character, upper case, already known to have the right length and characters) and returns
 * the check character(s) the body must end with, or `undefined` when no check character can
 * make that body valid (an Argentine CUIT whose remainder is 10).
 */

function digitAt(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

/** Σ digit × weight, the weights aligned on the left. */
function weighted(body: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += digitAt(body, i) * weights[i % weights.length];
  return sum;
}

/** Σ digit × weight, the weights aligned on the right (the last digit takes `weights[0]`). */
function weightedFromRight(body: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    sum += digitAt(body, body.length - 1 - i) * weights[i % weights.length];
  }
  return sum;
}

const CUIT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/**
 * AR CUIT / CUIL: the 10 digits before the check digit, weights 5 4 3 2 7 6 5 4 3 2, mod 11;
 * 11 − remainder, 11 → 0. A remainder of 1 (a result of 10) has no check digit: AFIP gives
 * such people another prefix (23, 33) instead.
 */
export function cuitCheck(body: string): string | undefined {
  const remainder = weighted(body, CUIT_WEIGHTS) % 11;
  if (remainder === 0) return '0';
  if (remainder === 1) return undefined;
  return String(11 - remainder);
}

/** PE RUC: the same weights as the CUIT; (11 − remainder) mod 10 (10 → 0, 11 → 1). */
export function rucCheck(body: string): string {
  return String((11 - (weighted(body, CUIT_WEIGHTS) % 11)) % 10);
}

/** CL RUT / RUN: weights 2 3 4 5 6 7 (repeated) from the right, mod 11; 11 → 0, 10 → K. */
export function rutCheck(body: string): string {
  const result = 11 - (weightedFromRight(body, [2, 3, 4, 5, 6, 7]) % 11);
  if (result === 11) return '0';
  if (result === 10) return 'K';
  return String(result);
}

/** UY CI: the body padded to 7 digits, weights 2 9 8 7 6 3 4, (10 − sum mod 10) mod 10. */
export function uyCiCheck(body: string): string {
  return String((10 - (weighted(body.padStart(7, '0'), [2, 9, 8, 7, 6, 3, 4]) % 10)) % 10);
}

/** BR CPF: two mod-11 digits, weights 10…2 and then 11…2; a result of 10 or 11 is 0. */
export function cpfCheck(body: string): string {
  const first = ((weighted(body, [10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  const withFirst = body + String(first);
  const second = ((weighted(withFirst, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  return `${first}${second}`;
}

/** One CNPJ character's value: its code minus 48, so digits are themselves and A is 17. */
function cnpjSum(body: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += (body.charCodeAt(i) - 48) * weights[i];
  return sum;
}

function cnpjDigit(sum: number): number {
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/**
 * BR CNPJ, numeric or the alphanumeric form the Receita Federal issues from 2026: the 12
 * characters before the two check digits, weights 5 4 3 2 9 8 7 6 5 4 3 2 (then 6 5 4 3 2 9…
 * over 13), mod 11; a remainder below 2 gives 0.
 */
export function cnpjCheck(body: string): string {
  const first = cnpjDigit(cnpjSum(body, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  const second = cnpjDigit(cnpjSum(body + String(first), [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  return `${first}${second}`;
}

const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

/** MX CURP: the 17 characters before the check digit, values 0-9 A=10 … Ñ=24 … Z=36, weights 18…2, (10 − sum mod 10) mod 10. */
export function curpCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    sum += Math.max(0, CURP_ALPHABET.indexOf(body[i])) * (18 - i);
  }
  return String((10 - (sum % 10)) % 10);
}

/** CO NIT: prime weights 3 7 13 17 19 23 … from the right, mod 11; remainders 0 and 1 are themselves, else 11 − remainder. */
export function nitCheck(body: string): string {
  const remainder =
    weightedFromRight(body, [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]) % 11;
  return String(remainder < 2 ? remainder : 11 - remainder);
}

/**
 * PE DNI: its optional check character, a digit or a letter (both are printed on cards),
 * weights 3 2 7 6 5 4 3 2, indexed by the remainder mod 11.
 */
export function peDniChecks(body: string): readonly [digit: string, letter: string] {
  const remainder = weighted(body, [3, 2, 7, 6, 5, 4, 3, 2]) % 11;
  return ['65432110987'[remainder], 'KJIHGFEDCBA'[remainder]];
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** ES DNI: the letter of the number mod 23. The NIE's X, Y, Z count as 0, 1, 2 in front of its 7 digits. */
export function esDniLetter(body: string): string {
  const number = Number(body.replace(/^X/u, '0').replace(/^Y/u, '1').replace(/^Z/u, '2'));
  return DNI_LETTERS[number % 23];
}
