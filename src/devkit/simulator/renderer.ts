import { DIALOG_KEY_PREFIX, readDialogState } from '../../dialogs/dialog-state.js';
import { show } from '../shared/json.js';
import { customPath, type MemoryChange } from './conversation-state.js';
import type { AppliedReply, MemoryOrigin, SimEvent, Turn } from './events.js';
import { plainStyle, type Style } from './style.js';
import type { WebhookExchange } from './webhook-client.js';

/** How events are written out. */
export interface RenderOptions {
  /** The bot's name, shown before its lines. */
  chatbotName: string;
  style?: Style;
  /** Also print each request and reply body as JSON. */
  verbose?: boolean;
  /** The visitor's line is printed (scripted runs, piped input); a terminal shows it already. */
  echoVisitor?: boolean;
}

const INDENT = '    ';
/** How a dialog's state key starts in a memory path (`customPath` quotes it: it has a colon). */
const DIALOG_STATE_PATH = `custom["${DIALOG_KEY_PREFIX}`;

const ORIGINS: Record<MemoryOrigin, string> = {
  answer: 'memory ← answer:',
  detected: 'memory ← detected:',
  webhook: 'memory ← webhook:',
  command: 'memory ← /set:',
};

/** What a reply sets, in a few words: `custom.plan · 2 texts · LIST (2 options) · flow → 5`. */
export function summarizeReply(reply: AppliedReply): string {
  if (reply.passThrough) return '{} (pass-through)';
  const parts: string[] = [];
  if (reply.name !== undefined) parts.push('name');
  if (reply.email !== undefined) parts.push('email');
  if (reply.phone) parts.push('phone');
  for (const [key, value] of Object.entries(reply.custom)) {
    parts.push(value === null ? `${customPath(key)} cleared` : customPath(key));
  }
  if (reply.texts.length > 0) {
    parts.push(`${reply.texts.length} text${reply.texts.length === 1 ? '' : 's'}`);
  }
  if (reply.responseType === 'LIST') parts.push(`LIST (${reply.options?.length ?? 0} options)`);
  else if (reply.responseType) parts.push(`expects ${reply.responseType}`);
  if (reply.stopChat) parts.push('stopChat');
  if (reply.flow !== undefined) parts.push(`flow → ${reply.flow}`);
  return parts.length > 0 ? parts.join(' · ') : 'nothing Cliengo reads';
}

function errorDetail(body: unknown): string[] {
  if (typeof body === 'string') return body.trim() ? [JSON.stringify(body.slice(0, 300))] : [];
  if (typeof body !== 'object' || body === null) return [];
  const { message, fields } = body as { message?: unknown; fields?: unknown };
  const lines: string[] = [];
  if (typeof message === 'string') lines.push(message);
  if (typeof fields === 'object' && fields !== null) {
    for (const [path, problems] of Object.entries(fields as Record<string, unknown>)) {
      lines.push(`  ${path}: ${Array.isArray(problems) ? problems.join('; ') : show(problems)}`);
    }
  }
  return lines.length > 0 ? lines : [show(body).slice(0, 300)];
}

function webhookLines(
  exchange: WebhookExchange,
  reply: AppliedReply | undefined,
  problems: Record<string, string[]> | undefined,
  style: Style,
): string[] {
  const questionId = exchange.request.flow?.last_question_id;
  // A per-question URL names its question already.
  const question =
    exchange.questionId !== undefined
      ? ''
      : questionId !== null && questionId !== undefined
        ? ` (question ${questionId})`
        : ' (no question yet)';
  const head = `webhook POST ${exchange.path}${question}`;
  if (exchange.failure) {
    const status =
      exchange.failure.kind === 'timeout'
        ? ''
        : exchange.status !== undefined
          ? ` in ${exchange.durationMs} ms`
          : ` after ${exchange.durationMs} ms`;
    const lines = [
      style.bad(`✗ ${head} → ${exchange.failure.message}${status}`),
      ...errorDetail(exchange.body).map((line) => style.bad(`  ${line}`)),
      style.dim('  the chatbot goes on with its own script, as with {}'),
    ];
    return lines;
  }
  const lines = [
    `${style.good('⇄')} ${head} → ${exchange.status} in ${exchange.durationMs} ms: ${reply ? summarizeReply(reply) : ''}`,
  ];
  if (problems) {
    lines.push(
      style.warn('⚠ the reply breaks the response contract (applied as far as readable):'),
    );
    for (const [path, messages] of Object.entries(problems)) {
      lines.push(style.warn(`  ${path}: ${messages.join('; ')}`));
    }
  }
  return lines;
}

/** A dialog's state, told in a few words: where it stands, what it knows. */
function dialogStateSummary(value: unknown): string {
  const read = readDialogState(value);
  if (read.kind !== 'state') return show(value);
  const { state } = read;
  const values = Object.keys(state.values);
  return [
    state.done ? 'done' : state.step ? `asked ${JSON.stringify(state.step)}` : 'no step asked',
    ...(state.tries ? [`${state.tries} answer(s) not understood`] : []),
    `values: ${values.length > 0 ? values.join(', ') : 'none'}`,
    ...(state.items ? [`${state.items.length} item(s) offered`] : []),
    `v${state.v}`,
  ].join(' · ');
}

function memoryLines(
  origin: MemoryOrigin,
  changes: MemoryChange[],
  style: Style,
  verbose: boolean,
): string[] {
  const label = ORIGINS[origin];
  return changes.map((change, index) => {
    const prefix = index === 0 ? label : ' '.repeat(label.length);
    // A dialog's state is summed up; --verbose shows it whole.
    const told = !verbose && change.path.startsWith(DIALOG_STATE_PATH) ? dialogStateSummary : show;
    const value =
      change.before === undefined
        ? `${change.path} = ${style.strong(told(change.after))}`
        : change.after === undefined
          ? `${change.path}: ${told(change.before)} → ${style.strong('(cleared)')}`
          : `${change.path}: ${told(change.before)} → ${style.strong(told(change.after))}`;
    return `${style.dim(prefix)} ${value}`;
  });
}

/** The lines that show one event; bot lines are not indented, the rest are. */
export function renderEvent(event: SimEvent, options: RenderOptions): string[] {
  const style = options.style ?? plainStyle;
  const info = (line: string) => `${INDENT}${line}`;
  switch (event.kind) {
    case 'visitor':
      return options.echoVisitor ? [`${style.visitor('visitor ›')} ${event.text}`] : [];
    case 'bot':
      return [`${style.bot(`${options.chatbotName} ›`)} ${event.text}`];
    case 'options':
      return event.options.map(
        (option, index) =>
          `${' '.repeat(options.chatbotName.length + 3)}${style.bot(`${index + 1}.`)} ${option}`,
      );
    case 'answer':
      return [
        info(
          event.accepted
            ? style.dim(
                `answer to question ${event.questionId} (${event.type}): ${show(event.value)}`,
              )
            : style.warn(
                `answer to question ${event.questionId} (${event.type}) not accepted: ${event.reason}`,
              ),
        ),
      ];
    case 'memory':
      return memoryLines(event.origin, event.changes, style, options.verbose ?? false).map(info);
    case 'webhook': {
      const lines = webhookLines(event.exchange, event.reply, event.contractProblems, style).map(
        info,
      );
      if (options.verbose) {
        lines.unshift(
          ...JSON.stringify(event.exchange.request, null, 2)
            .split('\n')
            .map((line) => info(style.dim(`  ${line}`))),
        );
        lines.unshift(info(style.dim('request:')));
        if (event.exchange.body !== undefined) {
          lines.push(info(style.dim('reply:')));
          lines.push(
            ...JSON.stringify(event.exchange.body, null, 2)
              .split('\n')
              .map((line) => info(style.dim(`  ${line}`))),
          );
        }
      }
      return lines;
    }
    case 'webhook-skipped':
      return [info(style.dim(`no webhook call: ${event.reason}`))];
    case 'ignored-texts':
      return [
        info(
          style.warn(
            `intervened: ${event.texts.length} forced text(s) ignored: ${event.texts.map((text) => show(text)).join(', ')}`,
          ),
        ),
      ];
    case 'jump':
      return [
        info(
          `flow: the active question is now ${event.to}${event.from !== undefined ? ` (was ${event.from})` : ''}${event.inScript ? '' : ' — not in the script'}`,
        ),
      ];
    case 'stop':
      return [info('stopChat: the script waits until the visitor talks again')];
    case 'script-end':
      return [info(style.dim('(end of the script)'))];
    case 'note':
      return [info(style.dim(`(${event.text})`))];
    case 'warning':
      return [info(style.warn(`⚠ ${event.text}`))];
  }
}

/** The lines that show a whole turn. */
export function renderTurn(turn: Turn, options: RenderOptions): string[] {
  return turn.events.flatMap((event) => renderEvent(event, options));
}
