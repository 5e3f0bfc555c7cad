/**
 * Compile-only: `npm run typecheck` builds this file, nothing runs it. It shows a typed
 * caller and a typed reply written against the client types generated from the spec, and
 * proves with `@ts-expect-error` that wrong fields and enum values do not compile.
 */
import type { components, paths } from '../openapi/openapi-types.js';

type WebhookRequest = paths['/webhook']['post']['requestBody']['content']['application/json'];
type WebhookReply = paths['/webhook']['post']['responses'][200]['content']['application/json'];
type ErrorBody = components['schemas']['ErrorBodyDto'];

/** A typed caller, as a gateway test or another service would write it. */
export async function callWebhook(baseUrl: string, body: WebhookRequest): Promise<WebhookReply> {
  const response = await fetch(`${baseUrl}/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 400) {
    const error = (await response.json()) as ErrorBody;
    throw new Error(`${error.message}: ${Object.keys(error.fields ?? {}).join(', ')}`);
  }
  return (await response.json()) as WebhookReply;
}

export const request: WebhookRequest = {
  channel: 'WHATSAPP',
  conversationId: '5f0cbe62162e0dec1910d197',
  chat_log: [{ sender: 'visitor', text: 'Hola' }],
  collected_data: { custom: { plan: 'premium', edad: 42, sin_nombre: null } },
  flow: { last_question_id: 3, retry_count: 0 },
};

export const reply: WebhookReply = {
  custom: { userType: 'advanced', visits: 3, vip: true },
  response: {
    text: ['Ok', '¿Qué modelo te interesa?'],
    response_type: 'LIST',
    response_options: ['Model 3', 'Model Y'],
    stopChat: true,
    flow: 5,
  },
};

export const wrongEnum: WebhookReply = {
  // @ts-expect-error MEETING is not a documented response_type
  response: { response_type: 'MEETING' },
};

export const wrongField: WebhookReply = {
  // @ts-expect-error `respose` is not a reply field
  respose: { text: ['typo'] },
};

export const wrongType: WebhookReply = {
  // @ts-expect-error `flow` is a question id, not a string
  response: { flow: 'five' },
};

/** Any JSON value may be written to memory; null clears a key. */
export const structuredCustom: WebhookReply = {
  custom: { slots: [{ id: 'a1', label: 'Lunes 10:00' }], cbu: null, '': 'x' },
};

export const wrongCustomShape: WebhookReply = {
  // @ts-expect-error custom is an object of keys, not a list
  custom: ['not', 'an', 'object'],
};

// @ts-expect-error conversationId is required
export const missingConversation: WebhookRequest = { channel: 'WEB' };

export const wrongRequestType: WebhookRequest = {
  channel: 'WEB',
  conversationId: 'c1',
  // @ts-expect-error chat_log is a list of messages
  chat_log: 'hola',
};
