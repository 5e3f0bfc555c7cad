/** The reason `conversation.signal` is aborted with when a handler overruns its deadline. */
export class HandlerTimeoutError extends Error {
  override readonly name = 'TimeoutError';

  constructor(
    readonly handler: string,
    readonly timeoutMs: number,
  ) {
    super(`${handler} did not answer within ${timeoutMs} ms`);
  }
}
