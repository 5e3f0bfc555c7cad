import { createHash, timingSafeEqual } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The configured access tokens, compared in constant time: each candidate is hashed and
 * compared with every token's hash (equal lengths, no early exit), so neither the content
 * nor the length of a token leaks through timing.
 */
export class AccessTokens {
  readonly #digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.#digests = tokens.map(digest);
  }

  /** Whether any token is configured; without one, the webhook is open. */
  get enabled(): boolean {
    return this.#digests.length > 0;
  }

  /** Whether `candidate` is one of the tokens. */
  accepts(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    const given = digest(candidate);
    let match = false;
    for (const expected of this.#digests) match = timingSafeEqual(given, expected) || match;
    return match;
  }
}
