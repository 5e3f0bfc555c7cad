/**
 * The package's main entry, `cliengo-fulfillment`: the module for your Nest app, the
 * one-call bootstrap and the app setup, and everything handler and dialog authors use
 * (decorators, reply builder, conversation, answer parsers, dialogs, contract types).
 * The test kit is the `cliengo-fulfillment/testing` entry; the simulator,
 * `cliengo-fulfillment/simulator` and the `cliengo-simulate` command.
 */
export * from './webhook/index.js';
export {
  CLIENGO_SETTINGS,
  CliengoFulfillmentModule,
  type CliengoFulfillmentAsyncOptions,
  type CliengoFulfillmentOptions,
  type CliengoSettings,
  defaultSettings,
  type HandlerModule,
  settingsFromEnv,
} from './cliengo-fulfillment.module.js';
export { startService, type StartServiceOptions } from './bootstrap.js';
export { configureApp, type AppSetupOptions } from './app.setup.js';
export { startTracing, type StartTracingOptions, type Tracing } from './tracing/tracing.js';
export { ConfigError } from './config/config.error.js';
export type { LogLevel, TrustProxy } from './config/app.config.js';
export type { OverloadResponse } from './admission/admission.options.js';
export type { Chatbot, ChatbotSettings, UnknownChatbotAnswer } from './chatbots/chatbot.js';
export type { UnservedReason } from './chatbots/chatbots.js';
export { ExpressServerAdapter } from './http/express-server.adapter.js';
export * from './contract/index.js';
