import { SPANISH_NUMBER_WORDS } from './number.es.js';
import { PORTUGUESE_NUMBER_WORDS } from './number.pt.js';

/** The number words of one language, folded (no accents, lower case). */
export interface NumberWordTable {
  /** 0 to 9 ("un", "una", "duas"...): may follow a ten or a hundred. */
  readonly units: Readonly<Record<string, number>>;
  /** 10, 20... 90: a unit may follow ("treinta y cinco", "diez y seis"). */
  readonly tens: Readonly<Record<string, number>>;
  /** Words nothing smaller may follow: 11 to 19, "veintitrés", "cien", "cem". */
  readonly closed: Readonly<Record<string, number>>;
  /** 100 to 900 that a ten or a unit may follow ("ciento uno", "duzentos e dez"). */
  readonly hundreds: Readonly<Record<string, number>>;
  /** mil, millón, milhão... ("mil" alone is 1000). */
  readonly scales: Readonly<Record<string, number>>;
  /** Scales that are numbers only after one ("10 lucas", "5k"): alone they are other words. */
  readonly slangScales: Readonly<Record<string, number>>;
  /** A dozen: "una docena", "media docena". */
  readonly dozens: readonly string[];
  /** A half: "dos y medio", "medio millón", "duas e meia". */
  readonly halves: readonly string[];
  /** Words that read as a number only when the text holds no other ("una hija", "ninguno"). */
  readonly weak: readonly string[];
  /** "y", "e": inside a number ("treinta y cinco", "cento e um"). */
  readonly connectors: readonly string[];
  /** Words that name an unknown number ("veintipico"). */
  readonly vague: readonly string[];
  /** Words after a connector that make the number vague ("30 y pico", "20 e poucos"). */
  readonly vagueTails: readonly string[];
  /** "menos cinco". */
  readonly negative: readonly string[];
  /** Words before "menos" that make it no sign ("más o menos", "por lo menos"). */
  readonly notNegativeAfter: readonly string[];
  /** Words before a number that make it an open or strict bound ("más de 10", "al menos 3"). */
  readonly openBounds: readonly (readonly string[])[];
  /** Words after a number that make it an open bound ("5 o más", "10 pra cima"). */
  readonly openBoundsAfter: readonly (readonly string[])[];
  /** Longer phrases that override an open bound: "no más de 5" is at most 5. */
  readonly closedBounds: readonly (readonly string[])[];
  /** Words after "un"/"uma" that make it no number ("un montón", "um monte"). */
  readonly quantityWords: readonly string[];
  /** Words that join two numbers in a range or choice ("3 o 4", "una a dos"). */
  readonly rangeWords: readonly string[];
}

/** What a word is to the number reader. */
export type NumberWord =
  | {
      readonly kind: 'small';
      readonly cls: 'unit' | 'ten' | 'closed' | 'hundred';
      readonly value: number;
    }
  | { readonly kind: 'scale'; readonly value: number; readonly slang: boolean }
  | { readonly kind: 'half' }
  | { readonly kind: 'connector' }
  | { readonly kind: 'vague' };

/** The number words of every language, with the phrases around them. */
export interface NumberLexicon {
  readonly words: ReadonlyMap<string, NumberWord>;
  readonly weak: ReadonlySet<string>;
  readonly vagueTails: ReadonlySet<string>;
  readonly negative: ReadonlySet<string>;
  readonly notNegativeAfter: ReadonlySet<string>;
  readonly openBounds: readonly (readonly string[])[];
  readonly openBoundsAfter: readonly (readonly string[])[];
  readonly closedBounds: readonly (readonly string[])[];
  readonly quantityWords: ReadonlySet<string>;
  readonly rangeWords: ReadonlySet<string>;
}

function lexicon(tables: readonly NumberWordTable[]): NumberLexicon {
  const words = new Map<string, NumberWord>();
  const set = (pick: (table: NumberWordTable) => readonly string[]) =>
    new Set(tables.flatMap(pick));
  const list = (pick: (table: NumberWordTable) => readonly (readonly string[])[]) =>
    tables.flatMap(pick).sort((a, b) => b.length - a.length);
  for (const table of tables) {
    const small = (cls: 'unit' | 'ten' | 'closed' | 'hundred', entries: Record<string, number>) => {
      for (const [word, value] of Object.entries(entries))
        words.set(word, { kind: 'small', cls, value });
    };
    small('unit', table.units);
    small('ten', table.tens);
    small('closed', table.closed);
    small('hundred', table.hundreds);
    for (const [word, value] of Object.entries(table.scales)) {
      words.set(word, { kind: 'scale', value, slang: false });
    }
    for (const [word, value] of Object.entries(table.slangScales)) {
      words.set(word, { kind: 'scale', value, slang: true });
    }
    for (const word of table.dozens) words.set(word, { kind: 'scale', value: 12, slang: false });
    for (const word of table.halves) words.set(word, { kind: 'half' });
    for (const word of table.connectors) words.set(word, { kind: 'connector' });
    for (const word of table.vague) words.set(word, { kind: 'vague' });
  }
  return {
    words,
    weak: set((table) => table.weak),
    vagueTails: set((table) => table.vagueTails),
    negative: set((table) => table.negative),
    notNegativeAfter: set((table) => table.notNegativeAfter),
    openBounds: list((table) => table.openBounds),
    openBoundsAfter: list((table) => table.openBoundsAfter),
    closedBounds: list((table) => table.closedBounds),
    quantityWords: set((table) => table.quantityWords),
    rangeWords: set((table) => table.rangeWords),
  };
}

/**
 * Spanish and Portuguese number words together: they do not collide ("dos"/"dois",
 * "cien"/"cem"), and visitors near the border mix them.
 */
export const NUMBER_LEXICON: NumberLexicon = lexicon([
  SPANISH_NUMBER_WORDS,
  PORTUGUESE_NUMBER_WORDS,
]);
