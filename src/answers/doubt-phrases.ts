import { folded } from './answer-text.js';

/**
 * The ways visitors say they do not know, in Spanish and Portuguese, folded (no accents, lower
 * case). Matched as whole words anywhere in the text.
 */
const DOUBT_PHRASES = [
  // Spanish
  'no se',
  'no lo se',
  'nose',
  'nse',
  'ni idea',
  'no tengo idea',
  'no tengo ni idea',
  'no sabria',
  'no sabria decir',
  'no estoy seguro',
  'no estoy segura',
  'no me acuerdo',
  'no recuerdo',
  'quien sabe',
  'que se yo',
  'qsy',
  'todavia no se',
  'aun no se',
  'ni puta idea',
  // Portuguese
  'nao sei',
  'n sei',
  'sei la',
  'nao faco ideia',
  'nem ideia',
  'nao lembro',
  'nao me lembro',
  'nao tenho certeza',
  'nao tenho ideia',
  'sei nao',
  'ainda nao sei',
  'quem sabe',
];

const DOUBT = new RegExp(
  `(?:^|[^\\p{L}\\p{N}])(?:${DOUBT_PHRASES.join('|')})(?=$|[^\\p{L}\\p{N}])`,
  'u',
);

/**
 * Whether a visitor's text says they do not know ("no sé", "ni idea", "não sei"). The number
 * and date parsers use it to answer `doubt` rather than `unrecognised` when the text holds no
 * answer.
 */
export function saysDoubt(text: string): boolean {
  return DOUBT.test(folded(text));
}
