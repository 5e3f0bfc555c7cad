import { createInterface } from 'node:readline';
import { show } from '../shared/json.js';
import { customPath } from './conversation-state.js';
import type { Turn } from './events.js';
import { renderTurn } from './renderer.js';
import type { CliengoSimulator } from './simulator.js';
import { plainStyle, type Style } from './style.js';

/** An interactive session's settings. */
export interface InteractiveOptions {
  /** Makes a fresh simulator (at the start and on `/restart`). */
  createSimulator: () => CliengoSimulator;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal: show a prompt, let the terminal echo what is typed. Else lines are echoed. */
  terminal: boolean;
  style?: Style;
  verbose?: boolean;
  /** Shown in the header: where the script came from. */
  scriptName: string;
}

const HELP = [
  'Type as the visitor. Commands:',
  '  /memory              the chatbot memory and where the script stands',
  '  /request             the last request sent (JSON)',
  '  /reply               the last reply received (JSON)',
  '  /intervene [on|off]  a human agent takes over / hands back (forced texts are then ignored)',
  '  /idle                the visitor went idle: the bot asks whether someone is there',
  '  /goto <id>           make a question active and ask it',
  '  /set <key> <value>   write memory: name, email, phone, or a custom key',
  '  /verbose [on|off]    print each request and reply body',
  '  /restart             a new conversation',
  '  /help, /quit',
  '  (start a message with // to send a text that begins with /)',
];

function onOff(argument: string | undefined, current: boolean): boolean | undefined {
  if (argument === undefined || argument === '') return !current;
  if (['on', 'true', 'yes', '1'].includes(argument)) return true;
  if (['off', 'false', 'no', '0'].includes(argument)) return false;
  return undefined;
}

/**
 * Runs a conversation in the terminal: the user types as the visitor; bot lines, webhook
 * outcomes and memory changes are printed as they happen. Ends on `/quit` or at the end
 * of the input (piped stdin). Resolves with the exit code.
 */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
  const style = options.style ?? plainStyle;
  let verbose = options.verbose ?? false;
  let simulator = options.createSimulator();
  let lastTurn: Turn | undefined;
  const print = (line = '') => options.output.write(`${line}\n`);
  const show_ = (turn: Turn) => {
    lastTurn = turn;
    renderTurn(turn, {
      chatbotName: simulator.script.chatbotName,
      style,
      verbose,
      echoVisitor: !options.terminal,
    }).forEach((line) => print(line));
  };
  const header = () => {
    print(style.strong(`Cliengo simulator → ${simulator.target}`));
    print(
      style.dim(
        `  script ${options.scriptName} (${simulator.script.questions.length} questions) · channel ${simulator.channel} · ${simulator.mode === 'global' ? 'global URL' : 'per-question URLs'} · conversation ${simulator.conversationId}`,
      ),
    );
    print(style.dim('  Type as the visitor; /help for commands, /quit to leave.'));
    print();
  };

  const memoryReport = () => {
    const status = simulator.status();
    const { memory } = status;
    print(style.strong(`memory of conversation ${simulator.conversationId}`));
    print(`  name: ${show(memory.name)}`);
    print(`  email: ${show(memory.email)}`);
    print(
      `  phone: ${memory.phone ? `${show(memory.phone.national_format)} / ${show(memory.phone.international_format)}` : show(undefined)}`,
    );
    const keys = Object.keys(memory.custom);
    print(`  custom:${keys.length === 0 ? ' {}' : ''}`);
    for (const key of keys)
      print(`    ${customPath(key).slice('custom.'.length)}: ${show(memory.custom[key])}`);
    const expecting = status.expecting
      ? `${status.expecting.type}${status.expecting.options ? ` (${status.expecting.options.join(' | ')})` : ''}`
      : 'nothing';
    print(
      `flow: active question ${show(status.activeQuestion)} · next message read as ${expecting} · retry_count ${simulator.currentRequest().flow?.retry_count ?? 0}`,
    );
    print(
      `state: ${[
        status.ended ? 'script ended' : status.stopped ? 'stopped (stopChat)' : 'running',
        status.intervened ? 'intervened (human agent)' : undefined,
      ]
        .filter(Boolean)
        .join(' · ')}`,
    );
  };

  /** Runs a command; false to quit. */
  const command = (line: string): boolean => {
    const [name, ...rest] = line.slice(1).trim().split(/\s+/);
    const argument = rest.join(' ');
    switch (name.toLowerCase()) {
      case 'quit':
      case 'exit':
      case 'q':
        return false;
      case 'help':
      case '?':
        HELP.forEach((text) => print(style.dim(text)));
        break;
      case 'memory':
      case 'mem':
        memoryReport();
        break;
      case 'request':
        print(JSON.stringify(simulator.lastRequest ?? simulator.currentRequest(), null, 2));
        if (!simulator.lastRequest)
          print(style.dim('(nothing sent yet: this is what would be sent now)'));
        break;
      case 'reply': {
        const body = lastTurn?.exchange?.body;
        print(
          body === undefined
            ? style.dim('(no reply in the last step)')
            : JSON.stringify(body, null, 2),
        );
        break;
      }
      case 'intervene': {
        const on = onOff(rest[0], simulator.status().intervened);
        if (on === undefined) print(style.bad('usage: /intervene [on|off]'));
        else show_(simulator.setIntervened(on));
        break;
      }
      case 'idle':
        show_(simulator.areYouThere());
        break;
      case 'goto': {
        const id = /^\d+$/.test(argument) ? Number(argument) : Number.NaN;
        if (!Number.isSafeInteger(id)) print(style.bad('usage: /goto <question id>'));
        else show_(simulator.goTo(id));
        break;
      }
      case 'set': {
        const [key, ...value] = rest;
        if (!key || value.length === 0)
          print(style.bad('usage: /set <name|email|phone|custom key> <value>'));
        else show_(simulator.setMemory(key, value.join(' ')));
        break;
      }
      case 'verbose': {
        const on = onOff(rest[0], verbose);
        if (on === undefined) print(style.bad('usage: /verbose [on|off]'));
        else {
          verbose = on;
          print(style.dim(`(verbose ${on ? 'on' : 'off'})`));
        }
        break;
      }
      case 'restart':
        simulator = options.createSimulator();
        print(style.dim('(a new conversation)'));
        header();
        show_(simulator.start());
        break;
      default:
        print(style.bad(`unknown command /${name}; /help lists them`));
    }
    return true;
  };

  const readline = createInterface({
    input: options.input,
    output: options.terminal ? options.output : undefined,
    terminal: options.terminal,
    prompt: `${style.visitor('visitor ›')} `,
  });
  let quit = false;
  readline.on('SIGINT', () => {
    quit = true;
    readline.close();
  });
  header();
  show_(simulator.start());
  if (options.terminal) readline.prompt();
  for await (const raw of readline) {
    const line = raw.trim();
    if (line.startsWith('/') && !line.startsWith('//')) {
      if (!options.terminal) print(`${style.visitor('visitor ›')} ${line}`);
      if (!command(line)) {
        quit = true;
        break;
      }
    } else if (line !== '') {
      show_(await simulator.visitorSays(line.startsWith('//') ? line.slice(1) : line));
    }
    if (options.terminal) readline.prompt();
  }
  readline.close();
  print(style.dim(quit ? '(bye)' : '(end of input)'));
  return 0;
}
