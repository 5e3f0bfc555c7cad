/**
 * The Cliengo simulator's programmatic API: play a conversation file against a running
 * service (`runFlowFile`), or drive a simulated conversation step by step
 * (`CliengoSimulator` with a `WebhookClient`).
 */
export * from './answers.js';
export * from './cli-main.js';
export * from './conversation-state.js';
export * from './events.js';
export * from './example-flows.js';
export * from './expectations.js';
export * from './flow-file.js';
export * from './renderer.js';
export * from './runner.js';
export * from './script.js';
export * from './simulator.js';
export * from './style.js';
export * from './testing-transport.js';
export * from './webhook-client.js';
