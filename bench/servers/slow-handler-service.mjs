// The service as `node dist/service/main.js` runs it (startService from the build), with one handler
// instead of the examples: question 3 waits `SLOW_HANDLER_MS` (50) on a timer, as a handler
// waiting for a backend would, then answers the example handler's LIST reply. A served
// answer therefore carries a reply, and a shed one (`{}`) does not. For bench/overload.mjs.

import { Module } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService } from '../../dist/bootstrap.js';
import { QuestionHandler } from '../../dist/webhook/index.js';
import { BENCH_QUESTION_ID } from '../lib/payloads.mjs';

const raw = process.env.SLOW_HANDLER_MS ?? '50';
const delayMs = Number(raw);
if (!Number.isSafeInteger(delayMs) || delayMs < 0) {
  throw new Error(`SLOW_HANDLER_MS must be a non-negative integer; got "${raw}"`);
}

/** Waits on a timer (no CPU), then answers the LIST reply the other bench servers give. */
class SlowHandler {
  /** @param {import('../../dist/webhook/index.js').Conversation} conversation */
  async handle(conversation) {
    // The signal is aborted at the deadline: the timer is dropped with the call.
    await sleep(delayMs, undefined, { signal: conversation.signal });
    return conversation
      .reply()
      .setCustom('userType', 'advanced')
      .say('Ok', '¿Qué modelo te interesa?')
      .expectList(['Model 3', 'Model Y'])
      .stopChat()
      .goTo(5);
  }
}
QuestionHandler(BENCH_QUESTION_ID)(SlowHandler);

class SlowHandlerModule {}
// Class decorators applied as functions change the class in place and return nothing.
Module({ providers: [SlowHandler] })(SlowHandlerModule);

await startService({ handlers: [SlowHandlerModule] });
