/** The answer types a webhook reply may ask the chatbot to expect (documented values only). */
export const RESPONSE_TYPES = ['TEXT', 'LIST', 'NAME', 'EMAIL', 'PHONE'] as const;

export type ResponseType = (typeof RESPONSE_TYPES)[number];
