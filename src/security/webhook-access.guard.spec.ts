import type { ExecutionContext } from '@nestjs/common';
import { UnauthorizedException } from '@nestjs/common';
import { AccessTokens } from './access-tokens.js';
import { rememberPathToken } from './presented-tokens.js';
import { WebhookAccessGuard } from './webhook-access.guard.js';

const TOKEN = 'current-token-0123456789';

function contextOf(request: object): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

function incoming(url: string, headers: Record<string, string> = {}) {
  return { url, headers };
}

describe('WebhookAccessGuard', () => {
  const guard = new WebhookAccessGuard(new AccessTokens([TOKEN]));

  it('refuses a request routed to the webhook without a token, whatever the gate did', () => {
    // The gate in front never saw it as a webhook call: nothing was checked or kept.
    expect(() => guard.canActivate(contextOf(incoming('/WEBHOOK')))).toThrow(UnauthorizedException);
    expect(() =>
      guard.canActivate(contextOf(incoming('/webhook?token=wrong-token-0123456789'))),
    ).toThrow(UnauthorizedException);
  });

  it('accepts the token in the query, as a bearer, or taken out of the path', () => {
    expect(guard.canActivate(contextOf(incoming(`/Webhook?token=${TOKEN}`)))).toBe(true);
    expect(
      guard.canActivate(contextOf(incoming('/webhook', { authorization: `Bearer ${TOKEN}` }))),
    ).toBe(true);
    const fromPath = incoming('/webhook');
    rememberPathToken(fromPath as never, TOKEN);
    expect(guard.canActivate(contextOf(fromPath))).toBe(true);
  });

  it('lets everything through when no token is configured', () => {
    expect(
      new WebhookAccessGuard(new AccessTokens([])).canActivate(contextOf(incoming('/x'))),
    ).toBe(true);
  });
});
