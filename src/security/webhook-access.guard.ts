import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokens } from './access-tokens.js';
import { carriesValidToken, tokenRequired } from './presented-tokens.js';

/**
 * The access token, enforced where routing has decided that a request is a webhook call:
 * whatever path spelling or request-target form brought it here. The gate in front of the
 * routes refuses most requests without a token before their body is read; this guard is
 * the check that cannot be bypassed by a path the gate does not recognise.
 */
@Injectable()
export class WebhookAccessGuard implements CanActivate {
  constructor(private readonly tokens: AccessTokens) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.tokens.enabled) return true;
    if (carriesValidToken(context.switchToHttp().getRequest<Request>(), this.tokens)) return true;
    throw tokenRequired();
  }
}
