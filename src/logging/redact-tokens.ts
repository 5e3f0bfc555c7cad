import { TOKEN_PATH_SEGMENT, TOKEN_QUERY_PARAMETER } from '../security/presented-tokens.js';

const hex = (letter: string) => letter.charCodeAt(0).toString(16);

/**
 * A pattern for `word` as a URL may spell it: each letter in either case, or percent-encoded
 * (in either case). Used with the `i` flag.
 */
function spelledAnyway(word: string): string {
  return [...word.toLowerCase()]
    .map((letter) => `(?:${letter}|%${hex(letter)}|%${hex(letter.toUpperCase())})`)
    .join('');
}

const END_OF_VALUE = `[^/?#&;\\s"'<>]*`;
const PATH_SEGMENT = new RegExp(`(/${spelledAnyway(TOKEN_PATH_SEGMENT)}/)${END_OF_VALUE}`, 'gi');
const QUERY_PARAMETER = new RegExp(
  `([?&;]${spelledAnyway(TOKEN_QUERY_PARAMETER)}=)${END_OF_VALUE}`,
  'gi',
);
/** Text that can hold neither spelling is returned as it is, at the cost of one test. */
const MAYBE = /token|%/i;

/**
 * `text` (a URL, or a message that quotes one) with every access token taken out: the value
 * of a `/token/{token}` path segment and of a `token=` query parameter, whatever the case of
 * their names and however percent-encoded, is replaced by `[redacted]`.
 */
export function redactTokens(text: string): string {
  if (!MAYBE.test(text)) return text;
  return text.replace(PATH_SEGMENT, '$1[redacted]').replace(QUERY_PARAMETER, '$1[redacted]');
}

/**
 * A last guard on whole log lines: each configured token, wherever it appears (an error
 * message of a handler that quotes a URL, say), is replaced by `[redacted]`. Tokens are
 * URL-safe, so a line holds them as they are.
 */
export function lineScrubber(tokens: readonly string[]): ((line: string) => string) | undefined {
  if (tokens.length === 0) return undefined;
  return (line) => {
    let scrubbed = line;
    for (const token of tokens) {
      if (scrubbed.includes(token)) scrubbed = scrubbed.replaceAll(token, '[redacted]');
    }
    return scrubbed;
  };
}
