import {
  documentedRequestExample,
  documentedResponseExample,
} from '../../src/contract/contract.examples.js';
import type { WebhookRequestDto } from '../../src/contract/webhook-request.dto.js';
import type { WebhookResponseDto } from '../../src/contract/webhook-response.dto.js';

/** A fresh copy of the documentation's request example, with `changes` merged on top. */
export function documentedRequest(changes: Record<string, unknown> = {}): WebhookRequestDto {
  return { ...documentedRequestExample(), ...changes };
}

/** A fresh copy of the documentation's response example. */
export function documentedResponse(): WebhookResponseDto {
  return documentedResponseExample();
}
