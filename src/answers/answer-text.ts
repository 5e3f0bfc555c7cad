/**
 * Text as the parsers compare it: lower case, without accents or other diacritics (so "Sí",
 * "si" and "SÍ" are one word; "ñ" becomes "n"), runs of white space as one space, trimmed.
 */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The words of a text, folded, without punctuation (apostrophes and hyphens inside words stay). */
export function foldedWords(text: string): string[] {
  return folded(text)
    .replace(/[^\p{L}\p{N}'’-]+/gu, ' ')
    .split(' ')
    .map((word) => word.replace(/^['’-]+|['’-]+$/gu, ''))
    .filter((word) => word !== '');
}

/** Whether a text holds nothing but white space and punctuation. */
export function isBlank(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}
