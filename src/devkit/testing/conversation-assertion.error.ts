import type { Mismatch } from '../simulator/expectations.js';

/**
 * A step of a chained test conversation that is not as expected. Its message names the
 * step (`step 2 of 3 (visitor: "sí")`), shows each mismatch as a small diff (or what the
 * `reply(...)` check threw), the webhook call and reply of that turn, and the transcript of
 * the conversation so far.
 */
export class ConversationAssertionError extends Error {
  override readonly name = 'ConversationAssertionError';

  constructor(
    message: string,
    /** 1-based number of the step in its chain; 0 for the opening (before any step). */
    readonly step: number,
    /** The step as written: `visitor: "sí"`, `the opening`. */
    readonly label: string,
    /** What did not match (for a failed `reply(...)` check: what it threw). */
    readonly mismatches: readonly Mismatch[],
    /** The transcript of the conversation up to and including the failing step. */
    readonly transcript: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
