import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { WebhookAdmission } from '../admission/webhook-admission.js';
import { sendContinue } from '../http/early-response.js';
import { jsonContentTypeProblem, readJsonBody } from '../http/json-body.js';
import { AccessTokens, scopeOpens } from './access-tokens.js';
import {
  presentedScope,
  rememberPathToken,
  TOKEN_PATH_SEGMENT,
  tokenOfAnotherChatbot,
  tokenRequired,
} from './presented-tokens.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The paths of the webhook routes, as the router matches them: case-insensitive, with or
 * without a trailing slash, under the prefix; the global ones (`/webhook...`) and the
 * per-chatbot ones (`/chatbots/{name}/webhook...`, the name captured).
 */
function webhookPathMatchers(pathPrefix: string): {
  tokenPath: RegExp;
  webhookPath: RegExp;
} {
  const prefix = escapeRegExp(pathPrefix);
  return {
    tokenPath: new RegExp(
      `^(${prefix})/${TOKEN_PATH_SEGMENT}/([^/?#]*)((?:/chatbots/[^/?#]+)?/webhook(?:[/?#].*)?)$`,
      'i',
    ),
    webhookPath: new RegExp(`^${prefix}(?:/chatbots/([^/?#]+))?/webhook(?:[/?#]|$)`, 'i'),
  };
}

/** A chatbot name from the path, as the router gives it to the guard: decoded, lower-cased. */
function decodedName(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

export interface WebhookGateOptions {
  pathPrefix: string;
  tokens: AccessTokens;
  /** Largest body, in bytes (`BODY_LIMIT`). */
  bodyLimit: number;
  /** Admits the call or sheds it under load. */
  admission: WebhookAdmission;
}

/**
 * The gate in front of the webhook routes, before the body is read, so that an
 * unauthenticated or non-JSON request costs nothing. Request targets are in origin form
 * here (see `originFormTargets`), and paths are matched as the router matches them.
 * 1. a token in the path (`{prefix}/token/{token}/webhook...`) is taken out of the URL, so
 *    the route is the same with or without it, and kept for the checks;
 * 2. with tokens configured, the request needs one of them in the path, in the `token` query
 *    parameter, or as `Authorization: Bearer`; else 401 (the webhook guard checks again
 *    after routing, whatever path brought the request there); on a per-chatbot URL, one
 *    that opens that chatbot;
 * 3. a POST body must be UTF-8 JSON (`Content-Type: application/json`); else 415;
 * 4. the call is admitted, or, when the service is overloaded, shed: answered at once with
 *    the overload answer (see `WebhookAdmission`);
 * 5. then a client that waits for `100 Continue` gets it, and the body is read (at most
 *    `bodyLimit` bytes; else 413) and parsed (else 400).
 * A refusal sent before the body was read keeps the connection fit for the next request
 * (see `settleUnreadBodies`).
 */
export function webhookGate(options: WebhookGateOptions): RequestHandler {
  const { tokens, bodyLimit, admission } = options;
  const { tokenPath, webhookPath } = webhookPathMatchers(options.pathPrefix);
  return (request: Request, response: Response, next: NextFunction) => {
    const inPath = tokenPath.exec(request.url);
    if (inPath) {
      request.url = `${inPath[1]}${inPath[3]}`;
      let token: string | undefined;
      try {
        token = decodeURIComponent(inPath[2]);
      } catch {
        token = undefined;
      }
      rememberPathToken(request, token);
    }
    const webhook = webhookPath.exec(request.url);
    if (!webhook) {
      // Other routes read their bodies as Node would have them: with `100 Continue` first.
      sendContinue(response);
      next();
      return;
    }
    if (tokens.enabled) {
      const scope = presentedScope(request, tokens);
      if (scope === undefined) {
        next(tokenRequired());
        return;
      }
      const named = webhook[1] === undefined ? undefined : decodedName(webhook[1]);
      if (named !== undefined && !scopeOpens(scope, named)) {
        next(tokenOfAnotherChatbot());
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
    // Under overload the call is answered here, before its body costs anything.
    if (!admission.admit(response)) return;
    // Only now, once nothing in the head of the request is refused, is the body invited.
    sendContinue(response);
    readJsonBody(request, bodyLimit, next);
  };
}
