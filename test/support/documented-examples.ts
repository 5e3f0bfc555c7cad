import { readFileSync } from 'node:fs';
import type { WebhookRequestDto } from '../../src/contract/webhook-request.dto.js';
import type { WebhookResponseDto } from '../../src/contract/webhook-response.dto.js';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** A fresh copy of the documentation's request example, with `changes` merged on top. */
export function documentedRequest(changes: Record<string, unknown> = {}): WebhookRequestDto {
  return { ...fixture<WebhookRequestDto>('documented-request.json'), ...changes };
}

/** A fresh copy of the documentation's response example. */
export function documentedResponse(): WebhookResponseDto {
  return fixture<WebhookResponseDto>('documented-response.json');
}
