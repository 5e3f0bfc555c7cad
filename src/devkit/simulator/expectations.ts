import { jsonEqual, show } from '../shared/json.js';
import { diffTexts, type SequenceLine } from '../shared/text-matcher.js';
import type { AppliedReply, Turn } from './events.js';
import {
  type ExpectedValue,
  REPLY_KEYS,
  type StepExpectation,
  type WebhookExpectation,
} from './flow-file.js';
import type { SimulatorStatus } from './simulator.js';

/** One thing that is not as expected, written as a small diff. */
export interface Mismatch {
  /** What was checked: `bot lines`, `memory custom.plan`, `webhook response_type`... */
  subject: string;
  /** `-` what was expected, `+` what was found, ` ` context that matched. */
  lines: SequenceLine[];
}

function differ(subject: string, expected: string, actual: string): Mismatch {
  return {
    subject,
    lines: [
      { mark: '-', text: expected },
      { mark: '+', text: actual },
    ],
  };
}

function compare(out: Mismatch[], subject: string, expected: unknown, actual: unknown): void {
  if (!jsonEqual(expected, actual)) out.push(differ(subject, show(expected), show(actual)));
}

function texts(
  out: Mismatch[],
  subject: string,
  expected: StepExpectation['bot'],
  actual: string[],
): void {
  if (!expected) return;
  const lines = diffTexts(expected, actual);
  if (lines) {
    out.push({
      subject,
      lines: lines.length > 0 ? lines : [{ mark: ' ', text: '(none)' }],
    });
  }
}

function phoneMatches(expected: string | null, phone: AppliedReply['phone']): boolean {
  if (expected === null) return !phone?.national_format && !phone?.international_format;
  return phone?.national_format === expected || phone?.international_format === expected;
}

function phoneText(phone: AppliedReply['phone']): string {
  if (!phone?.national_format && !phone?.international_format) return '(not set)';
  return show(phone);
}

function customValues(
  out: Mismatch[],
  prefix: string,
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
): void {
  for (const [key, value] of Object.entries(expected)) {
    const present = Object.hasOwn(actual, key) ? actual[key] : undefined;
    if (value === null) {
      if (present !== undefined && present !== null) {
        out.push(differ(`${prefix}.${key}`, '(not set)', show(present)));
      }
      continue;
    }
    compare(out, `${prefix}.${key}`, value, present);
  }
}

function webhookStatus(expected: WebhookExpectation, turn: Turn, out: Mismatch[]): void {
  const exchange = turn.exchange;
  if (expected.called !== undefined && expected.called !== (exchange !== undefined)) {
    out.push(
      differ(
        'webhook called',
        String(expected.called),
        exchange ? `true (${exchange.path})` : 'false',
      ),
    );
  }
  if (expected.status === undefined) return;
  if (!exchange) {
    out.push(differ('webhook status', show(expected.status), '(the webhook was not called)'));
    return;
  }
  const actual =
    exchange.failure?.kind === 'timeout' || exchange.failure?.kind === 'unreachable'
      ? exchange.failure.kind
      : exchange.status;
  if (actual !== expected.status) {
    out.push(
      differ(
        'webhook status',
        show(expected.status),
        `${show(actual)}${exchange.failure ? ` (${exchange.failure.message})` : ''}`,
      ),
    );
  }
}

function webhookReply(expected: WebhookExpectation, turn: Turn, out: Mismatch[]): void {
  if (!REPLY_KEYS.some((key) => expected[key] !== undefined)) return;
  const reply = turn.reply;
  if (!reply) {
    const why = !turn.exchange
      ? 'the webhook was not called'
      : `the call failed: ${turn.exchange.failure?.message ?? 'no reply'}`;
    out.push(differ('webhook reply', 'a reply to check', `(none: ${why})`));
    return;
  }
  if (expected.passThrough !== undefined && expected.passThrough !== reply.passThrough) {
    out.push(
      differ(
        'webhook reply',
        expected.passThrough ? '{} (pass-through)' : 'a reply that is not {}',
        show(turn.rawReply),
      ),
    );
  }
  texts(out, 'webhook response.text', expected.texts, reply.texts);
  if (expected.responseType !== undefined) {
    compare(
      out,
      'webhook response.response_type',
      expected.responseType,
      reply.responseType ?? null,
    );
  }
  if (expected.options !== undefined) {
    compare(out, 'webhook response.response_options', expected.options, reply.options ?? null);
  }
  if (expected.stopChat !== undefined) {
    compare(out, 'webhook response.stopChat', expected.stopChat, reply.stopChat);
  }
  if (expected.flow !== undefined) {
    compare(out, 'webhook response.flow', expected.flow, reply.flow ?? null);
  }
  if (expected.custom) customValues(out, 'webhook custom', expected.custom, reply.custom);
  for (const key of ['name', 'email'] as const) {
    const value: ExpectedValue | undefined = expected[key];
    if (value !== undefined) compare(out, `webhook ${key}.value`, value, reply[key] ?? null);
  }
  if (expected.phone !== undefined && !phoneMatches(expected.phone, reply.phone)) {
    out.push(differ('webhook phone', show(expected.phone), phoneText(reply.phone)));
  }
}

/**
 * Problems with the webhook call that fail a step even when it states no expectation on
 * it: the call failed (non-200, not JSON, timeout, unreachable) or the reply breaks the
 * response contract. A step that expects a failure says so with `webhook.status`.
 */
function unexpectedFailures(
  expected: WebhookExpectation | undefined,
  turn: Turn,
  out: Mismatch[],
): void {
  const exchange = turn.exchange;
  if (!exchange) return;
  if (exchange.failure && expected?.status === undefined) {
    out.push(
      differ(
        'webhook',
        'HTTP 200 with a JSON reply (set "webhook": { "status": ... } to expect a failure)',
        `${exchange.failure.message}${exchange.body !== undefined ? `: ${show(exchange.body).slice(0, 500)}` : ''}`,
      ),
    );
  }
  const problems = turn.events.find((event) => event.kind === 'webhook')?.contractProblems;
  if (problems) {
    out.push({
      subject: 'webhook reply breaks the response contract',
      lines: Object.entries(problems).map(([path, messages]) => ({
        mark: '+',
        text: `${path}: ${messages.join('; ')}`,
      })),
    });
  }
}

/** Checks a step's expectations against its turn and the simulator's state after it. */
export function checkStep(
  expected: StepExpectation | undefined,
  turn: Turn,
  status: SimulatorStatus,
): Mismatch[] {
  const out: Mismatch[] = [];
  unexpectedFailures(expected?.webhook, turn, out);
  if (!expected) return out;
  if (expected.webhook) {
    webhookStatus(expected.webhook, turn, out);
    webhookReply(expected.webhook, turn, out);
  }
  texts(out, 'bot lines (said in this step)', expected.bot, turn.botLines);
  if (expected.options !== undefined) {
    compare(out, 'LIST options shown', expected.options, turn.options ?? null);
  }
  const memory = status.memory;
  if (expected.memory) {
    for (const key of ['name', 'email'] as const) {
      const value = expected.memory[key];
      if (value !== undefined) compare(out, `memory ${key}`, value, memory[key] ?? null);
    }
    const phone = expected.memory.phone;
    if (phone !== undefined && !phoneMatches(phone, memory.phone)) {
      out.push(differ('memory phone', show(phone), phoneText(memory.phone)));
    }
    if (expected.memory.custom)
      customValues(out, 'memory custom', expected.memory.custom, memory.custom);
  }
  if (expected.activeQuestion !== undefined) {
    compare(out, 'active question', expected.activeQuestion, status.activeQuestion ?? null);
  }
  if (expected.expecting !== undefined) {
    const actual = status.expecting
      ? {
          type: status.expecting.type,
          ...(expected.expecting?.options !== undefined && status.expecting.options
            ? { options: [...status.expecting.options] }
            : {}),
        }
      : null;
    compare(out, 'next message read as', expected.expecting, actual);
  }
  if (expected.stopChat !== undefined) {
    compare(out, 'script stopped (stopChat)', expected.stopChat, status.stopped);
  }
  if (expected.ended !== undefined) compare(out, 'script ended', expected.ended, status.ended);
  return out;
}

/** A mismatch as text, indented under its subject. */
export function formatMismatch(mismatch: Mismatch, indent = '  '): string[] {
  return [
    `${indent}${mismatch.subject}:`,
    ...mismatch.lines.map((line) => `${indent}  ${line.mark} ${line.text}`),
  ];
}
