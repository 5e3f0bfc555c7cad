/**
 * The handler test kit: realistic requests (`webhookRequest()`), the real dispatch path
 * in-process (`HandlerTestKit`), fluent reply assertions (`expectReply`), and whole
 * conversations in-process (`kit.conversation(...)`, `kit.playFlowFile(...)`): the
 * simulator playing Cliengo over the kit (`KitTransport`); each of them as one of several
 * chatbots (`kit.chatbot(name)`).
 */
export * from './conversation-assertion.error.js';
export * from './conversation-script.js';
export * from './conversation-steps.js';
export * from './conversation-test.js';
export * from './conversation-turn.js';
export * from './dispatched-reply.js';
export * from './handler-test-kit.js';
export * from './invalid-test-request.error.js';
export { KitChatbot } from './kit-chatbot.js';
export * from './kit-transport.js';
export * from './reply-expectation.js';
export * from './webhook-request.builder.js';
export type { ChatbotSettings, UnknownChatbotAnswer } from '../../chatbots/chatbot.js';
export type { UnservedReason } from '../../chatbots/chatbots.js';
export type { TextMatcher } from '../shared/text-matcher.js';
export type { LeadMemory, MemoryView } from '../simulator/conversation-state.js';
export type { Mismatch } from '../simulator/expectations.js';
export type {
  FlowDefinition,
  MemoryExpectation,
  StepExpectation,
  WebhookExpectation,
} from '../simulator/flow-file.js';
export type { FlowResult, StepFailure } from '../simulator/runner.js';
export type { ChatbotScript } from '../simulator/script.js';
export type { SimulatorStatus } from '../simulator/simulator.js';
export type {
  TargetChatbot,
  UrlMode,
  WebhookExchange,
  WebhookTransport,
} from '../simulator/webhook-client.js';
