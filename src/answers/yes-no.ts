import { accepted, refused, type Answer } from './answer.js';
import { answerSettings, type AnswerLocale } from './answer-settings.js';
import { folded, isBlank } from './answer-text.js';
import { YES_NO_ANY, YES_NO_ES, YES_NO_PT, type YesNoWords } from './yes-no.words.js';

/** Options of {@link yesNo}. */
export interface YesNoOptions {
  /** The visitor's language; default: `answerSettings().locale`. */
  readonly locale?: AnswerLocale;
}

type Kind = 'yes' | 'no' | 'doubt' | 'unclear' | 'filler';

interface Entry {
  readonly words: readonly string[];
  readonly kind: Kind;
  /** Counts only as the whole answer, or the whole of its first clause. */
  readonly alone: boolean;
  /** A `no` that cancels the yes words after it in its clause. */
  readonly negator: boolean;
}

interface Marker {
  readonly kind: Kind;
  readonly alone: boolean;
  readonly clause: number;
}

/** Words that end a clause, unless they are part of a phrase ("más o menos", "sale y vale"). */
const CONJUNCTIONS = new Set([
  'y',
  'e',
  'o',
  'u',
  'ou',
  'pero',
  'mas',
  'aunque',
  'sino',
  'embora',
  'porem',
]);

/** Punctuation that ends a clause: "si... no", "Sí, dale", "no. ya tengo". */
const CLAUSE_BREAK = /[.,;:!?¡¿…\n\r/|()[\]{}"“”«»*_~+=&-]+/u;
const WORD = /[\p{L}\p{N}]+/gu;
const REPEATED_LETTER = /(\p{L})\1+/gu;
/** jaja, jajaja, jeje, jsjs, haha, kkkk, rsrs, xD, lol: laughs, ignored. */
const LAUGH = /^(?:(?:ja|je|ji|jo|js|sj|ha|he|hi|ah)+j?|k{3,}|(?:rs)+|x+d+|lol|lmao)$/u;
const LAUGH_MIN_LENGTH = 3;

/** Emoji read as words; skin tones and other emoji are ignored. */
const EMOJI: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u{1F44D}\u{1F44C}\u{2705}\u{2714}\u{2611}\u{1F197}]/gu, ' emojiyes '],
  [/[\u{1F44E}\u{274C}\u{274E}\u{2716}\u{1F6AB}\u{26D4}\u{1F645}]/gu, ' emojino '],
  [/[\u{1F937}\u{1F914}]/gu, ' emojidoubt '],
];

/** One word as the tables hold it: folded, repeated letters as one ("siii", "noo", "okk"). */
function normalisedWord(word: string): string {
  const single = word.replace(REPEATED_LETTER, '$1');
  if (/^(?:si)+$/u.test(single)) return 'si';
  if (/^(?:no)+$/u.test(single)) return 'no';
  if (/^(?:sim)+$/u.test(single)) return 'sim';
  return single;
}

/** The words of a text in clauses; `null` stands between two clauses. */
function clauseWords(text: string): Array<string | null> {
  const out: Array<string | null> = [];
  for (const clause of folded(text).split(CLAUSE_BREAK)) {
    const words = clause.match(WORD);
    if (words === null) continue;
    if (out.length > 0) out.push(null);
    for (const word of words) {
      if (word.length >= LAUGH_MIN_LENGTH && LAUGH.test(word)) continue;
      out.push(normalisedWord(word));
    }
  }
  return out;
}

function phraseWords(phrase: string): string[] {
  return (folded(phrase).match(WORD) ?? []).map(normalisedWord);
}

type Lexicon = ReadonlyMap<string, readonly Entry[]>;

/** The visitor's table over the other language's and the shared words; longest phrases first. */
function buildLexicon(first: YesNoWords, ...rest: YesNoWords[]): Lexicon {
  const byPhrase = new Map<string, Entry>();
  for (const table of [...rest].reverse().concat(first)) {
    const add = (phrases: readonly string[], kind: Kind, alone: boolean, negator = false) => {
      for (const phrase of phrases) {
        const words = phraseWords(phrase);
        if (words.length > 0) byPhrase.set(words.join(' '), { words, kind, alone, negator });
      }
    };
    add(table.fillers, 'filler', false);
    add(table.unclear, 'unclear', false);
    add(table.doubt, 'doubt', false);
    add(table.doubtAlone, 'doubt', true);
    add(table.yes, 'yes', false);
    add(table.yesAlone, 'yes', true);
    add(table.no, 'no', false);
    add(table.noAlone, 'no', true);
    add(table.negators, 'no', false, true);
  }
  const byFirst = new Map<string, Entry[]>();
  for (const entry of byPhrase.values()) {
    const list = byFirst.get(entry.words[0]) ?? [];
    list.push(entry);
    byFirst.set(entry.words[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
}

const LEXICONS: Readonly<Record<AnswerLocale, Lexicon>> = {
  es: buildLexicon(YES_NO_ES, YES_NO_ANY, YES_NO_PT),
  pt: buildLexicon(YES_NO_PT, YES_NO_ANY, YES_NO_ES),
};

function entryAt(lexicon: Lexicon, words: ReadonlyArray<string | null>, at: number): Entry | null {
  const candidates = lexicon.get(words[at] ?? '');
  if (candidates === undefined) return null;
  for (const entry of candidates) {
    if (entry.words.every((word, k) => words[at + k] === word)) return entry;
  }
  return null;
}

/** What the words say, clause by clause, and which clause is the head of the answer. */
function markersOf(
  lexicon: Lexicon,
  words: ReadonlyArray<string | null>,
): { markers: Marker[]; head: number; headHasOtherWords: boolean } {
  const markers: Marker[] = [];
  let clause = 0;
  let head = -1;
  let headHasOtherWords = false;
  let negated = false;
  let at = 0;
  const nextClause = () => {
    clause += 1;
    negated = false;
  };
  while (at < words.length) {
    const word = words[at];
    if (word === null) {
      nextClause();
      at += 1;
      continue;
    }
    const entry = entryAt(lexicon, words, at);
    if (entry === null) {
      if (CONJUNCTIONS.has(word)) {
        nextClause();
      } else {
        if (head < 0) head = clause;
        if (head === clause) headHasOtherWords = true;
      }
      at += 1;
      continue;
    }
    at += entry.words.length;
    if (entry.kind === 'filler') continue;
    if (head < 0) head = clause;
    if (negated && entry.kind === 'yes') continue;
    if (entry.negator) negated = true;
    markers.push({ kind: entry.kind, alone: entry.alone, clause });
  }
  return { markers, head, headHasOtherWords };
}

function verdict(kinds: ReadonlySet<Kind>): Answer<boolean> | null {
  if (kinds.has('doubt')) return refused('doubt', { detail: 'the visitor is not sure' });
  if (kinds.has('yes') && kinds.has('no')) {
    return refused('ambiguous', { detail: 'the answer says both yes and no' });
  }
  if (kinds.has('yes')) return accepted(true);
  if (kinds.has('no')) return accepted(false);
  return null;
}

/**
 * Reads a yes/no answer in Spanish or Brazilian Portuguese, as people type it in a chat.
 *
 * Accepts plain and colloquial forms, with or without accents, in any case, with repeated
 * letters, laughs and emoji: "Sí", "SIII", "dale", "claro", "de acuerdo", "ok", "sale",
 * "simón", "de una", "sí, por favor"; "no", "noo", "nop", "nel", "para nada", "ni ahí",
 * "no gracias", "todavía no"; pt "sim", "com certeza", "tá bom", "pode ser", "fechado",
 * "não, obrigado", "nem", "de jeito nenhum". An answer that starts with yes or no and goes on
 * keeps its head ("Sí, dale", "no, ya tengo", "si, el martes me sirve"). 👍 ✅ 👌 read as yes,
 * 👎 ❌ 🚫 as no, 🤷 🤔 as doubt. Both languages are always read; `locale` decides the
 * few words they share with another sense (pt "no", "na": "in the", a no only when alone).
 *
 * Weak words ("ok", "bueno", "ya", "va", "listo", "seguro", "pode") are an answer only when
 * they are the whole answer or its whole first clause ("ok, gracias"; not "ok el martes",
 * "ya tengo"), and give way to a clear word ("bueno, no" is no). A "no" cancels the yes words
 * after it in its clause ("no me parece bien", "no estoy de acuerdo" are no).
 *
 * @example yesNo('Sí, dale') // { ok: true, value: true }
 * @example yesNo('no, ya tengo') // { ok: true, value: false }
 * @example yesNo('tá bom', { locale: 'pt' }) // { ok: true, value: true }
 * @example yesNo('capaz') // { ok: false, reason: 'doubt' }
 *
 * Refusals:
 * - `empty`: no text, or only spaces and punctuation;
 * - `doubt`: the visitor does not know or is not sure, even with a yes or no beside it: "no
 *   sé", "nose", "ni idea", "tal vez", "capaz", "quizás", "puede ser", "depende", "mmm",
 *   "no estoy seguro", "creo que sí", "no creo", pt "não sei", "talvez", "sei lá", "acho que
 *   sim" (hedged answers are doubt, both ways);
 * - `ambiguous`: yes and no both ("sí y no", "si... no", "👍👎");
 * - `unrecognised`: no yes or no in it ("el martes", "hola", "gracias"), or the visitor says
 *   they did not understand ("no entendí", "não entendi": not a no).
 */
export function yesNo(
  text: string | null | undefined,
  options: YesNoOptions = {},
): Answer<boolean> {
  if (typeof text !== 'string') return refused('empty');
  let withEmoji = text;
  for (const [emoji, word] of EMOJI) withEmoji = withEmoji.replace(emoji, word);
  if (isBlank(withEmoji)) return refused('empty');
  const locale = options?.locale ?? answerSettings().locale;
  const lexicon = LEXICONS[locale] ?? LEXICONS.es;
  const { markers, head, headHasOtherWords } = markersOf(lexicon, clauseWords(withEmoji));
  if (markers.some((marker) => marker.kind === 'unclear')) {
    return refused('unrecognised', { detail: 'the visitor did not understand the question' });
  }
  const strong = new Set(markers.filter((marker) => !marker.alone).map((marker) => marker.kind));
  const clear = verdict(strong);
  if (clear !== null) return clear;
  if (!headHasOtherWords) {
    const weak = new Set(
      markers.filter((marker) => marker.clause === head).map((marker) => marker.kind),
    );
    const alone = verdict(weak);
    if (alone !== null) return alone;
  }
  return refused('unrecognised', { detail: 'no yes or no in the answer' });
}
