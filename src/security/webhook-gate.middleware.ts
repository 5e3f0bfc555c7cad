import { UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { jsonContentTypeProblem, readJsonBody } from '../http/json-body.js';
import { AccessTokens } from './access-tokens.js';

/** The query parameter that may carry the access token. */
export const TOKEN_QUERY_PARAMETER = 'token';
/** The path segment that may carry the access token: `/token/{token}/webhook...`. */
export const TOKEN_PATH_SEGMENT = 'token';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function bearer(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
  return match?.[1];
}

function queryToken(url: string): string | undefined {
  const query = url.indexOf('?');
  if (query === -1) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get(TOKEN_QUERY_PARAMETER) ?? undefined;
}

/**
 * The gate in front of the webhook routes, before the body is read, so that an
 * unauthenticated or non-JSON request costs nothing:
 * 1. a token in the path (`{prefix}/token/{token}/webhook...`) is taken out of the URL, so
 *    the route is the same with or without it, and kept for the check;
 * 2. with tokens configured, the request needs one of them in the path, in the `token` query
 *    parameter, or as `Authorization: Bearer`; else 401;
 * 3. a POST body must be UTF-8 JSON (`Content-Type: application/json`); else 415;
 * 4. then the body is read (at most `bodyLimit` bytes; else 413) and parsed (else 400).
 */
export function webhookGate(
  pathPrefix: string,
  tokens: AccessTokens,
  bodyLimit: number,
): RequestHandler {
  const prefix = escapeRegExp(pathPrefix);
  const tokenPath = new RegExp(
    `^(${prefix})/${TOKEN_PATH_SEGMENT}/([^/?#]*)(/webhook(?:[/?#].*)?)$`,
  );
  const webhookPath = new RegExp(`^${prefix}/webhook(?:[/?#]|$)`);
  return (request: Request, _response: Response, next: NextFunction) => {
    let pathToken: string | undefined;
    const inPath = tokenPath.exec(request.url);
    if (inPath) {
      request.url = `${inPath[1]}${inPath[3]}`;
      try {
        pathToken = decodeURIComponent(inPath[2]);
      } catch {
        pathToken = undefined;
      }
    }
    if (!webhookPath.test(request.url)) {
      next();
      return;
    }
    if (tokens.enabled) {
      const candidates = [pathToken, queryToken(request.url), bearer(request)];
      if (!candidates.some((candidate) => tokens.accepts(candidate))) {
        next(
          new UnauthorizedException(
            'A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer',
          ),
        );
        return;
      }
    }
    if (request.method !== 'POST') {
      next();
      return;
    }
    const problem = jsonContentTypeProblem(request.headers['content-type']);
    if (problem) {
      next(problem);
      return;
    }
    readJsonBody(request, bodyLimit, next);
  };
}
