import type { IncomingMessage } from 'node:http';
import { UnauthorizedException } from '@nestjs/common';
import { type AccessTokens, scopeOpens, type TokenScope } from './access-tokens.js';

/** The query parameter that may carry the access token. */
export const TOKEN_QUERY_PARAMETER = 'token';
/** The path segment that may carry the access token: `/token/{token}/webhook...`. */
export const TOKEN_PATH_SEGMENT = 'token';

const PATH_TOKEN = Symbol('pathToken');
const SCOPE = Symbol('tokenScope');

type Marked = IncomingMessage & { [PATH_TOKEN]?: string; [SCOPE]?: TokenScope };

/** Keeps the token taken out of the path (`/token/{token}/...`) for the checks. */
export function rememberPathToken(request: IncomingMessage, token: string | undefined): void {
  (request as Marked)[PATH_TOKEN] = token;
}

function bearer(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match?.[1];
}

function queryToken(url: string | undefined): string | undefined {
  const query = url?.indexOf('?') ?? -1;
  if (query === -1) return undefined;
  return new URLSearchParams(url!.slice(query + 1)).get(TOKEN_QUERY_PARAMETER) ?? undefined;
}

/**
 * What the access token the request carries opens, if it carries one: in the path (taken
 * out by the gate), in the `token` query parameter, or as `Authorization: Bearer`. The
 * verdict is kept on the request, so the later checks (the webhook guard after routing, the
 * controller once the body names the chatbot) cost nothing when the first (the gate, before
 * the body is read) found it.
 */
export function presentedScope(
  request: IncomingMessage,
  tokens: AccessTokens,
): TokenScope | undefined {
  const marked = request as Marked;
  if (marked[SCOPE] !== undefined) return marked[SCOPE];
  for (const candidate of [marked[PATH_TOKEN], queryToken(request.url), bearer(request)]) {
    const scope = tokens.scopeOf(candidate);
    if (scope !== undefined) return (marked[SCOPE] = scope);
  }
  return undefined;
}

/** Whether the request carries one of the access tokens. */
export function carriesValidToken(request: IncomingMessage, tokens: AccessTokens): boolean {
  return presentedScope(request, tokens) !== undefined;
}

/**
 * Whether the request may be answered for `chatbot` (its name; undefined when the call names
 * none): with no tokens configured, always; else its token must open every chatbot, or that one.
 */
export function tokenOpens(
  request: IncomingMessage,
  tokens: AccessTokens,
  chatbot: string | undefined,
): boolean {
  return !tokens.enabled || scopeOpens(presentedScope(request, tokens), chatbot);
}

/** The answer to a webhook request without a valid token. */
export function tokenRequired(): UnauthorizedException {
  return new UnauthorizedException(
    'A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer',
  );
}

/** The answer to a webhook call whose token opens another chatbot's calls, not this one's. */
export function tokenOfAnotherChatbot(): UnauthorizedException {
  return new UnauthorizedException(
    "This access token does not open this chatbot's webhook: use one of its own tokens or a service-wide one",
  );
}
