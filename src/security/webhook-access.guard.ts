import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokens, scopeOpens } from './access-tokens.js';
import { presentedScope, tokenOfAnotherChatbot, tokenRequired } from './presented-tokens.js';

/**
 * The access token, enforced where routing has decided that a request is a webhook call:
 * whatever path spelling or request-target form brought it here. The gate in front of the
 * routes refuses most requests without a token before their body is read; this guard is
 * the check that cannot be bypassed by a path the gate does not recognise. On a per-chatbot
 * URL the token must open that chatbot: be one of its own, or a service-wide one.
 */
@Injectable()
export class WebhookAccessGuard implements CanActivate {
  constructor(private readonly tokens: AccessTokens) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.tokens.enabled) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const scope = presentedScope(request, this.tokens);
    if (scope === undefined) throw tokenRequired();
    // A per-chatbot URL: the token must open that chatbot. On the global URL the body says
    // which chatbot the call is for: the controller checks it then.
    const named = (request.params as Record<string, string | undefined> | undefined)?.chatbot;
    if (named !== undefined && !scopeOpens(scope, named.toLowerCase())) {
      throw tokenOfAnotherChatbot();
    }
    return true;
  }
}
