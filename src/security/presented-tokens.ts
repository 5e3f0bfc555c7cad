import type { IncomingMessage } from 'node:http';
import { UnauthorizedException } from '@nestjs/common';
import type { AccessTokens } from './access-tokens.js';

/** The query parameter that may carry the access token. */
export const TOKEN_QUERY_PARAMETER = 'token';
/** The path segment that may carry the access token: `/token/{token}/webhook...`. */
export const TOKEN_PATH_SEGMENT = 'token';

const PATH_TOKEN = Symbol('pathToken');
const ACCEPTED = Symbol('tokenAccepted');

type Marked = IncomingMessage & { [PATH_TOKEN]?: string; [ACCEPTED]?: true };

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
 * Whether the request carries one of the access tokens: in the path (taken out by the
 * gate), in the `token` query parameter, or as `Authorization: Bearer`. The verdict is kept
 * on the request, so the second check (the webhook guard, after routing) costs nothing
 * when the first (the gate, before the body is read) accepted it.
 */
export function carriesValidToken(request: IncomingMessage, tokens: AccessTokens): boolean {
  const marked = request as Marked;
  if (marked[ACCEPTED]) return true;
  const candidates = [marked[PATH_TOKEN], queryToken(request.url), bearer(request)];
  if (!candidates.some((candidate) => tokens.accepts(candidate))) return false;
  marked[ACCEPTED] = true;
  return true;
}

/** The answer to a webhook request without a valid token. */
export function tokenRequired(): UnauthorizedException {
  return new UnauthorizedException(
    'A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer',
  );
}
