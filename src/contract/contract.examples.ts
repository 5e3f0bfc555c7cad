import { readFileSync } from 'node:fs';
import type { WebhookRequestDto } from './webhook-request.dto.js';
import type { WebhookResponseDto } from './webhook-response.dto.js';

function example<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./examples/${name}`, import.meta.url), 'utf8')) as T;
}

/**
 * The Cliengo documentation's request example, as valid JSON (its email address replaced
 * by an example.com one). A fresh copy on every call.
 */
export function documentedRequestExample(): WebhookRequestDto {
  return example<WebhookRequestDto>('documented-request.json');
}

/**
 * The Cliengo documentation's response example, as valid JSON (the published one has
 * single quotes and trailing commas). A fresh copy on every call.
 */
export function documentedResponseExample(): WebhookResponseDto {
  return example<WebhookResponseDto>('documented-response.json');
}
