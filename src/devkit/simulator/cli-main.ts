import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTRACT_LIMITS } from '../../contract/contract.limits.js';
import { runInteractive } from './interactive.js';
import { DEFAULT_SCRIPT, exampleFlowFiles, examplesDirectory } from './example-flows.js';
import { loadFlowFile, loadScriptOrFlow } from './flow-file.js';
import { runFlow } from './runner.js';
import { DefinitionError } from './script.js';
import { CliengoSimulator } from './simulator.js';
import { chooseStyle } from './style.js';
import {
  DEFAULT_TIMEOUT_MS,
  OptionError,
  type TokenPlacement,
  type UrlMode,
  WebhookClient,
} from './webhook-client.js';

/** The streams and environment the CLI works with (the process's, or test doubles). */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

/** Exit codes: 0 all good, 1 a conversation did not go as expected, 2 bad usage or file. */
export const EXIT = { ok: 0, mismatch: 1, usage: 2 } as const;

const USAGE = `Plays Cliengo against a running webhook service.

Usage:
  simulate [options]                  interactive: you type as the visitor
  simulate [options] <file>...        scripted: play conversation files unattended
  simulate [options] --examples       scripted: play the example conversation files

Options:
  -u, --url <url>              the service's base URL (default $SIMULATOR_URL or
                               http://localhost:3000); may contain {token} where the
                               token goes in the path
  -t, --token <token>          access token (default $SIMULATOR_TOKEN), sent as
                               "Authorization: Bearer <token>"
      --token-in-query <name>  send the token as the query parameter <name> instead
      --token-in-path          send the token in the path: <url>/token/<token>/webhook
      --per-question           post to <url>/webhook/questions/<id> (the URL set on each
                               question) instead of the global <url>/webhook
      --chatbot <name>         post to the chatbot's own URLs in a deployment serving
                               several chatbots: <url>/chatbots/<name>/webhook (with
                               --per-question .../webhook/questions/<id>); its requests
                               carry no websiteId unless --website-id gives one
      --website-id <id>        the websiteId the requests carry: on the global URL of a
                               deployment serving several chatbots, it picks the chatbot
      --timeout <ms>           how long to wait for a reply (default ${DEFAULT_TIMEOUT_MS})
  -s, --script <file>          interactive: the chatbot script, or a conversation file
                               whose script to use (default: the example chatbot)
      --start <id>             interactive: the question to start at
      --channel <name>         interactive: WEB (default), WHATSAPP, FACEBOOK, INSTAGRAM...
      --intervened             interactive: start with a human agent in control
      --visitor-first          interactive: the visitor writes first (WhatsApp-like)
  -v, --verbose                print each request and reply body
  -q, --quiet                  scripted: print only failures and the summary
      --color, --no-color      force colours on or off (default: on for a terminal)
  -h, --help                   this help

Exit codes: 0 success, 1 a conversation did not go as expected, 2 bad usage or file.
Conversation files: JSON (or YAML with the "yaml" package); see src/devkit/flows.`;

class UsageError extends Error {}

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) <= 0) {
    throw new UsageError(`--${name} must be a positive whole number; got "${value}"`);
  }
  return Number(value);
}

function websiteIdOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '' || value.length > CONTRACT_LIMITS.idLength) {
    throw new UsageError(
      `--website-id must be a website id of 1 to ${CONTRACT_LIMITS.idLength} characters; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string', short: 'u' },
      token: { type: 'string', short: 't' },
      'token-in-query': { type: 'string' },
      'token-in-path': { type: 'boolean' },
      'per-question': { type: 'boolean' },
      chatbot: { type: 'string' },
      'website-id': { type: 'string' },
      timeout: { type: 'string' },
      script: { type: 'string', short: 's' },
      start: { type: 'string' },
      channel: { type: 'string' },
      intervened: { type: 'boolean' },
      'visitor-first': { type: 'boolean' },
      examples: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      quiet: { type: 'boolean', short: 'q' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * The simulator's command line: parses `argv` (without `node` and the script), runs an
 * interactive session or plays conversation files, and resolves with the exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (line = '') => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    err(`simulate: ${(error as Error).message}`);
    err('Run with --help for the options.');
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.help) {
    out(USAGE);
    return EXIT.ok;
  }
  const colour = values['no-color'] ? false : values.color ? true : undefined;
  const style = chooseStyle(io.stdout, colour, io.env);
  try {
    const url = values.url ?? io.env.SIMULATOR_URL ?? 'http://localhost:3000';
    const token = values.token ?? io.env.SIMULATOR_TOKEN;
    if (values['token-in-query'] !== undefined && values['token-in-path']) {
      throw new UsageError('give either --token-in-query or --token-in-path, not both');
    }
    const tokenIn: TokenPlacement | undefined =
      values['token-in-query'] !== undefined
        ? 'query'
        : values['token-in-path']
          ? 'path'
          : undefined;
    const mode: UrlMode | undefined = values['per-question'] ? 'per-question' : undefined;
    const timeoutMs = integerOption(values.timeout, 'timeout');
    const websiteId = websiteIdOption(values['website-id']);
    const client = (fileMode?: UrlMode) =>
      new WebhookClient({
        url,
        mode: mode ?? fileMode ?? 'global',
        chatbot: values.chatbot,
        token,
        tokenIn,
        tokenQueryParam: values['token-in-query'],
        timeoutMs,
      });
    client(); // checks the URL and token options before anything runs

    const files = [...positionals, ...(values.examples ? exampleFlowFiles() : [])];
    if (files.length > 0) {
      const interactiveOnly = [
        'script',
        'start',
        'channel',
        'intervened',
        'visitor-first',
      ] as const;
      const misplaced = interactiveOnly.filter((name) => values[name] !== undefined);
      if (misplaced.length > 0) {
        throw new UsageError(
          `${misplaced.map((name) => `--${name}`).join(', ')} only apply to interactive sessions; conversation files set these themselves`,
        );
      }
      const flows = [];
      for (const file of files) flows.push(await loadFlowFile(file));
      let steps = 0;
      for (const flow of flows) {
        const result = await runFlow(flow, {
          transport: client(flow.settings.mode),
          websiteId,
          style,
          verbose: values.verbose,
          write: values.quiet ? undefined : (line) => out(line),
        });
        steps += result.stepsRun;
        if (!result.ok) {
          if (values.quiet) err(result.failure?.message ?? 'failed');
          err(style.bad(`✗ ${result.source}: step ${result.failure?.step} did not go as expected`));
          return EXIT.mismatch;
        }
        if (!values.quiet) out();
      }
      out(style.good(`✓ ${flows.length} conversation file(s), ${steps} steps, all as expected`));
      return EXIT.ok;
    }

    const scriptFile = values.script ?? join(examplesDirectory(), DEFAULT_SCRIPT);
    const { script, settings } = await loadScriptOrFlow(scriptFile);
    const startAt = integerOption(values.start, 'start') ?? settings.startAt;
    const createSimulator = () =>
      new CliengoSimulator({
        script,
        transport: client(settings.mode),
        websiteId,
        channel: values.channel ?? settings.channel,
        startAt,
        opening: values['visitor-first'] ? 'visitor' : settings.opening,
        intervened: values.intervened ?? settings.intervened,
        memory: settings.memory,
        lead: settings.lead,
        countryCode: settings.countryCode,
      });
    createSimulator(); // checks --start against the script
    return await runInteractive({
      createSimulator,
      input: io.stdin,
      output: io.stdout,
      terminal: io.stdin.isTTY === true && io.stdout.isTTY === true,
      style,
      verbose: values.verbose,
      scriptName: basename(scriptFile),
    });
  } catch (error) {
    if (error instanceof UsageError || error instanceof OptionError) {
      err(`simulate: ${error.message}`);
      if (error instanceof UsageError) err('Run with --help for the options.');
      return EXIT.usage;
    }
    if (error instanceof DefinitionError) {
      err(error.message);
      return EXIT.usage;
    }
    throw error;
  }
}
