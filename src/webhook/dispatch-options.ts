import type { Chatbot } from '../chatbots/chatbot.js';
import type { CancelReason } from './webhook-outcome.js';

/** The handler a dispatch runs, and for what. */
export interface RunningHandler {
  handler: string;
  chatbot?: string;
  questionId: number | null;
  conversationId: string;
}

/**
 * The call a dispatch serves, as the HTTP layer tracks it: a way to cut the dispatch short
 * (the client went away, the service is stopping), and where the dispatch says which
 * handler runs (for the reports of faults while calls are in flight).
 */
export interface DispatchCancellation {
  /** Why the call was cancelled, once it is. */
  readonly cancelled: CancelReason | undefined;
  /** Set by the dispatch while its handler runs; called once if the call is cancelled. */
  onCancel: ((reason: CancelReason) => void) | undefined;
  /** Set by the dispatch when it starts the handler. */
  running?: RunningHandler;
}

/** What the HTTP layer tells the dispatcher about the call it hands over. */
export interface DispatchOptions {
  /**
   * When the request arrived (`performance.now()`): the deadline counts from it, so time
   * spent reading and checking the body, or waiting, is taken from the handler's.
   * Default: when the dispatch starts.
   */
  arrivedAt?: number;
  /** Cuts the dispatch short: the handler's signal is aborted and the answer is `{}`. */
  cancellation?: DispatchCancellation;
  /**
   * The chatbot the call is for (see `Chatbots.route`): its handlers, its deadline, its
   * answer settings. Left out: the deployment names no chatbots.
   */
  chatbot?: Chatbot;
}
