/**
 * The handler test kit: realistic requests (`webhookRequest()`), the real dispatch path
 * in-process (`HandlerTestKit`), and fluent reply assertions (`expectReply`).
 */
export * from './dispatched-reply.js';
export * from './handler-test-kit.js';
export * from './reply-expectation.js';
export * from './webhook-request.builder.js';
export type { TextMatcher } from '../shared/text-matcher.js';
