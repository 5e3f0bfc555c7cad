/**
 * Thrown by the reply builder where a handler writes something the response contract
 * refuses (a LIST without options, an empty text, two different jumps...). The stack
 * points at the offending line; the dispatcher turns it into a pass-through answer.
 */
export class ReplyContractError extends Error {
  override readonly name = 'ReplyContractError';
}
