import { WEBHOOK_MESSAGES } from './webhook.messages.js';

/** The handler registry is wrong: the service must not start. Lists every problem found. */
export class HandlerRegistrationError extends Error {
  override readonly name = 'HandlerRegistrationError';

  constructor(readonly problems: string[]) {
    super(WEBHOOK_MESSAGES.registrationFailed(problems));
  }
}
