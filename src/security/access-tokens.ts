import { createHash, timingSafeEqual } from 'node:crypto';

/** Shortest access token accepted: guessing one must be hopeless. */
export const MIN_TOKEN_LENGTH = 16;
const TOKEN_CHARACTERS = /^[A-Za-z0-9._~-]+$/;

/** What is wrong with a token, if anything (never quoting it). */
export function tokenProblem(token: unknown): string | undefined {
  if (typeof token !== 'string') return 'is not text';
  if (token.length < MIN_TOKEN_LENGTH) return `is shorter than ${MIN_TOKEN_LENGTH} characters`;
  if (!TOKEN_CHARACTERS.test(token)) {
    return 'has characters that are not URL-safe (use A-Z a-z 0-9 . _ ~ -)';
  }
  return undefined;
}

/** What a token opens: every chatbot (`ACCESS_TOKENS`), or one chatbot, by its name. */
export type TokenScope = typeof EVERY_CHATBOT | string;

/** The scope of the service-wide tokens. */
export const EVERY_CHATBOT: unique symbol = Symbol('every chatbot');

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The configured access tokens, each with what it opens, compared in constant time: each
 * candidate is hashed and compared with every token's hash (equal lengths, no early exit),
 * so neither the content nor the length of a token leaks through timing, nor which chatbot
 * it belongs to.
 */
export class AccessTokens {
  readonly #digests: Array<{ digest: Buffer; scope: TokenScope }> = [];

  /**
   * @param tokens the service-wide tokens, which open every chatbot
   * @param byChatbot each chatbot's own tokens, which open that chatbot only
   */
  constructor(
    tokens: readonly string[],
    byChatbot: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    for (const token of tokens) this.#digests.push({ digest: digest(token), scope: EVERY_CHATBOT });
    for (const [chatbot, own] of byChatbot) {
      for (const token of own) this.#digests.push({ digest: digest(token), scope: chatbot });
    }
  }

  /** Whether any token is configured; without one, the webhook is open. */
  get enabled(): boolean {
    return this.#digests.length > 0;
  }

  /** What `candidate` opens, if it is one of the tokens. */
  scopeOf(candidate: string | undefined): TokenScope | undefined {
    if (candidate === undefined) return undefined;
    const given = digest(candidate);
    let scope: TokenScope | undefined;
    for (const expected of this.#digests) {
      if (timingSafeEqual(given, expected.digest) && scope === undefined) scope = expected.scope;
    }
    return scope;
  }

  /** Whether `candidate` is one of the tokens. */
  accepts(candidate: string | undefined): boolean {
    return this.scopeOf(candidate) !== undefined;
  }
}

/** Whether a token of `scope` opens the calls of `chatbot` (a name; undefined: none named). */
export function scopeOpens(scope: TokenScope | undefined, chatbot: string | undefined): boolean {
  return scope === EVERY_CHATBOT || (scope !== undefined && scope === chatbot);
}
