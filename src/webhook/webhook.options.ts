import type { AnswerSettings } from '../answers/answer-settings.js';
import type { ChatbotSettings, UnknownChatbotAnswer } from '../chatbots/chatbot.js';

/** Settings of the webhook machinery. */
export interface WebhookModuleOptions {
  /** Default deadline of a handler, in milliseconds; a handler may set its own. */
  handlerTimeoutMs: number;
  /** Accepted access tokens (`ACCESS_TOKENS`); none: the webhook is open. */
  accessTokens: readonly string[];
  /**
   * What the answer parsers assume when a call does not say: the visitors' language,
   * country and time zone. Default: Spanish, Argentina, Buenos Aires time.
   */
  answers: Partial<AnswerSettings>;
  /** The chatbots served (`CHATBOTS`); none: one chatbot, whatever the requests' `websiteId`. */
  chatbots: readonly ChatbotSettings[];
  /** How a call for a chatbot not served is answered (`UNKNOWN_CHATBOT`). */
  unknownChatbot: UnknownChatbotAnswer;
}

export const DEFAULT_HANDLER_TIMEOUT_MS = 3_000;

/** Injection token of the answer parsers' settings in force (`AnswerSettings`). */
export const ANSWER_SETTINGS = Symbol('ANSWER_SETTINGS');

/** Injection token of the resolved `WebhookModuleOptions`. */
export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');
