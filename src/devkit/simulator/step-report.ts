import { show } from '../shared/json.js';
import type { Turn } from './events.js';
import { formatMismatch, type Mismatch } from './expectations.js';
import type { FlowStep } from './flow-file.js';
import { summarizeReply } from './renderer.js';

/** A step as written, for messages: `visitor: "30.123.456"`, `a human agent takes over`. */
export function stepLabel(step: FlowStep): string {
  switch (step.kind) {
    case 'visitor':
      return `visitor: ${JSON.stringify(step.text)}`;
    case 'intervene':
      return step.on ? 'a human agent takes over' : 'the agent hands back to the bot';
    case 'check':
      return 'check';
  }
}

/** What a turn did with the webhook and what the bot said, for a failure report. */
export function turnContext(turn: Turn): string[] {
  const lines: string[] = [];
  const exchange = turn.exchange;
  if (!exchange) {
    const skipped = turn.events.find((event) => event.kind === 'webhook-skipped');
    lines.push(`webhook: not called${skipped ? ` (${skipped.reason})` : ''}`);
  } else if (exchange.failure) {
    lines.push(`webhook: POST ${exchange.url} → ${exchange.failure.message}`);
    if (exchange.body !== undefined) lines.push(`body: ${show(exchange.body).slice(0, 1_000)}`);
  } else {
    lines.push(
      `webhook: POST ${exchange.url} → ${exchange.status} in ${exchange.durationMs} ms: ${turn.reply ? summarizeReply(turn.reply) : ''}`,
    );
    lines.push(`reply: ${show(exchange.body)}`);
  }
  if (turn.botLines.length > 0) {
    lines.push(`bot said: ${turn.botLines.map((line) => JSON.stringify(line)).join(', ')}`);
  }
  return lines;
}

/**
 * The report of a step that is not as expected, diff-like: a heading (`✗ <where> · step 2
 * of 3 (visitor: "sí")`), each mismatch, and the turn's context (the webhook call, the
 * reply, what the bot said).
 */
export function formatStepFailure(heading: string, mismatches: Mismatch[], turn: Turn): string {
  return [
    `✗ ${heading}`,
    ...mismatches.flatMap((mismatch) => formatMismatch(mismatch)),
    '  context:',
    ...turnContext(turn).map((line) => `    ${line}`),
  ].join('\n');
}
