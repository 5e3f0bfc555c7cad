/** Dialogs: multi-step conversations owned by the webhook. */
export * from './cliengo-dialog.interface.js';
export { Dialog, type DialogOptions } from './dialog.decorator.js';
export * from './dialog-directive.js';
export { DIALOG_KEY_PREFIX, dialogStateKey, type DialogState } from './dialog-state.js';
export * from './dialog-step.js';
