/** The surface handler authors use. */
export * from '../answers/index.js';
export * from '../dialogs/index.js';
export type { JsonValue } from '../contract/json-value.js';
export * from './cliengo-handler.interface.js';
export * from './conversation.context.js';
export * from './handler.decorator.js';
export * from './handler-fault.js';
export * from './handler-timeout.error.js';
export * from './memory.reader.js';
export {
  type MemoryValue,
  type PhoneInput,
  reply,
  ReplyBuilder,
  type SimpleResponseType,
} from './reply.builder.js';
export * from './reply-contract.error.js';
export * from './webhook-outcome.js';
export * from './webhook.module.js';
export * from './webhook.options.js';
