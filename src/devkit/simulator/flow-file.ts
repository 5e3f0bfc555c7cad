import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Channel } from '../../contract/channel.js';
import { RESPONSE_TYPES, type ResponseType } from '../../contract/response-type.js';
import { Checker, join } from '../shared/checker.js';
import { isRecord } from '../shared/json.js';
import { matcherProblem, type TextMatcher } from '../shared/text-matcher.js';
import type { LeadMemory } from './conversation-state.js';
import { type ChatbotScript, DefinitionError, readScript } from './script.js';
import type { UrlMode } from './webhook-client.js';

/** A scalar memory value, or `null` for "not set". */
export type ExpectedValue = string | number | boolean | null;

/** What the webhook's reply in a step must hold. Every key is optional. */
export interface WebhookExpectation {
  /** Whether the webhook was called at all (per-question mode skips some questions). */
  called?: boolean;
  /** The HTTP status, or how the call failed. Default: 200 with a valid reply. */
  status?: number | 'timeout' | 'unreachable';
  /** The reply is `{}`. */
  passThrough?: boolean;
  /** `response.text`, every text in order; `[]` for none. */
  texts?: TextMatcher[];
  /** `response.response_type`; `null` for none. */
  responseType?: ResponseType | null;
  /** `response.response_options`, in order; `null` for none. */
  options?: string[] | null;
  /** `response.stopChat`. */
  stopChat?: boolean;
  /** `response.flow`; `null` for no jump. */
  flow?: number | null;
  /**
   * `custom` keys the reply writes (others may be written too), with any JSON value;
   * `null`: no value (not written, or cleared with `null`).
   */
  custom?: Record<string, unknown>;
  name?: string | null;
  email?: string | null;
  /** Matches either phone format. */
  phone?: string | null;
}

/** What the chatbot memory must hold after a step. Every key is optional. */
export interface MemoryExpectation {
  name?: string | null;
  email?: string | null;
  /** Matches either phone format. */
  phone?: string | null;
  /** These `custom` keys (others may exist); `null`: the key is not set. */
  custom?: Record<string, unknown>;
}

/** What must be true after a step. Every key is optional; the step fails on any mismatch. */
export interface StepExpectation {
  /** Every line the bot said in this step, in order (LIST options are `options`). */
  bot?: TextMatcher[];
  /** The LIST options shown in this step; `null` for none. */
  options?: string[] | null;
  webhook?: WebhookExpectation;
  memory?: MemoryExpectation;
  /** `flow.last_question_id` after the step; `null` for none. */
  activeQuestion?: number | null;
  /** What the next message will be read as; `null` when no question waits for an answer. */
  expecting?: { type: ResponseType; options?: string[] } | null;
  /** The script is stopped (a reply's stopChat) until the visitor talks again. */
  stopChat?: boolean;
  /** The script has no more questions. */
  ended?: boolean;
}

/** One step of a conversation file. */
export type FlowStep =
  | { kind: 'visitor'; text: string; expect?: StepExpectation; note?: string }
  | { kind: 'intervene'; on: boolean; expect?: StepExpectation; note?: string }
  | { kind: 'check'; expect: StepExpectation; note?: string };

/** Settings a conversation file may give; the CLI and `runFlow` options override them. */
export interface FlowSettings {
  channel?: Channel;
  mode?: UrlMode;
  startAt?: number;
  opening?: 'bot' | 'visitor';
  intervened?: boolean;
  conversationId?: string;
  memory?: Record<string, unknown>;
  lead?: LeadMemory;
  countryCode?: string;
}

/** A conversation file: a script, settings, and the steps to play with their expectations. */
export interface FlowDefinition {
  name: string;
  description?: string;
  /** Where it was read from (for messages). */
  source: string;
  script: ChatbotScript;
  settings: FlowSettings;
  steps: FlowStep[];
}

const FLOW_KEYS = [
  '$schema',
  'name',
  'description',
  'script',
  'channel',
  'mode',
  'startAt',
  'opening',
  'intervened',
  'conversationId',
  'memory',
  'lead',
  'countryCode',
  'steps',
];
const STEP_KEYS = ['visitor', 'intervene', 'expect', 'note'];
const EXPECT_KEYS = [
  'bot',
  'options',
  'webhook',
  'memory',
  'activeQuestion',
  'expecting',
  'stopChat',
  'ended',
];
/** The expectations on what a reply did (beside `called` and `status`). */
export const REPLY_KEYS: ReadonlyArray<keyof WebhookExpectation> = [
  'passThrough',
  'texts',
  'responseType',
  'options',
  'stopChat',
  'flow',
  'custom',
  'name',
  'email',
  'phone',
];
const WEBHOOK_KEYS: string[] = ['called', 'status', ...REPLY_KEYS];
const MEMORY_KEYS = ['name', 'email', 'phone', 'custom'];
const LEAD_KEYS = ['name', 'email', 'phone'];

function readMatchers(check: Checker, value: unknown, path: string): TextMatcher[] | undefined {
  const list = check.array(value, path);
  if (!list) return undefined;
  list.forEach((item, index) => {
    const problem = matcherProblem(item);
    if (problem) check.report(join(path, index), problem);
  });
  return list as TextMatcher[];
}

function nullable<T>(
  value: unknown,
  read: (value: unknown) => T | undefined,
): T | null | undefined {
  return value === null ? null : read(value);
}

/** An object of any JSON values under any keys. */
function readValues(
  check: Checker,
  value: unknown,
  path: string,
): Record<string, unknown> | undefined {
  return check.object(value, path, Object.keys(isRecord(value) ? value : {}));
}

function readWebhook(check: Checker, value: unknown, path: string): WebhookExpectation | undefined {
  const raw = check.object(value, path, WEBHOOK_KEYS);
  if (!raw) return undefined;
  const out: WebhookExpectation = {};
  const at = (key: string) => join(path, key);
  if (raw.called !== undefined) out.called = check.boolean(raw.called, at('called'));
  if (raw.status !== undefined) {
    if (raw.status === 'timeout' || raw.status === 'unreachable') out.status = raw.status;
    else if (Number.isInteger(raw.status)) out.status = raw.status as number;
    else check.report(at('status'), 'must be an HTTP status, "timeout" or "unreachable"');
  }
  if (raw.passThrough !== undefined) {
    out.passThrough = check.boolean(raw.passThrough, at('passThrough'));
  }
  if (raw.texts !== undefined) out.texts = readMatchers(check, raw.texts, at('texts'));
  if (raw.responseType !== undefined) {
    out.responseType = nullable(raw.responseType, (v) =>
      check.oneOf(v, at('responseType'), RESPONSE_TYPES),
    );
  }
  if (raw.options !== undefined) {
    out.options = nullable(raw.options, (v) => check.texts(v, at('options')));
  }
  if (raw.stopChat !== undefined) out.stopChat = check.boolean(raw.stopChat, at('stopChat'));
  if (raw.flow !== undefined) {
    out.flow = nullable(raw.flow, (v) => check.integer(v, at('flow')));
  }
  if (raw.custom !== undefined) out.custom = readValues(check, raw.custom, at('custom'));
  for (const key of ['name', 'email', 'phone'] as const) {
    if (raw[key] !== undefined) out[key] = nullable(raw[key], (v) => check.string(v, at(key)));
  }
  return out;
}

function readMemory(check: Checker, value: unknown, path: string): MemoryExpectation | undefined {
  const raw = check.object(value, path, MEMORY_KEYS);
  if (!raw) return undefined;
  const out: MemoryExpectation = {};
  for (const key of ['name', 'email', 'phone'] as const) {
    if (raw[key] !== undefined) {
      out[key] = nullable(raw[key], (v) => check.string(v, join(path, key)));
    }
  }
  if (raw.custom !== undefined) {
    const custom = readValues(check, raw.custom, join(path, 'custom'));
    if (custom) out.custom = custom;
  }
  return out;
}

function readExpectation(
  check: Checker,
  value: unknown,
  path: string,
): StepExpectation | undefined {
  const raw = check.object(value, path, EXPECT_KEYS);
  if (!raw) return undefined;
  const out: StepExpectation = {};
  const at = (key: string) => join(path, key);
  if (raw.bot !== undefined) out.bot = readMatchers(check, raw.bot, at('bot'));
  if (raw.options !== undefined) {
    out.options = nullable(raw.options, (v) => check.texts(v, at('options')));
  }
  if (raw.webhook !== undefined) out.webhook = readWebhook(check, raw.webhook, at('webhook'));
  if (raw.memory !== undefined) out.memory = readMemory(check, raw.memory, at('memory'));
  if (raw.activeQuestion !== undefined) {
    out.activeQuestion = nullable(raw.activeQuestion, (v) =>
      check.integer(v, at('activeQuestion')),
    );
  }
  if (raw.expecting !== undefined) {
    out.expecting = nullable(raw.expecting, (v) => {
      const expecting = check.object(v, at('expecting'), ['type', 'options']);
      if (!expecting) return undefined;
      const type = check.oneOf(expecting.type, join(at('expecting'), 'type'), RESPONSE_TYPES);
      const options =
        expecting.options === undefined
          ? undefined
          : check.texts(expecting.options, join(at('expecting'), 'options'));
      return type ? { type, ...(options ? { options } : {}) } : undefined;
    });
  }
  if (raw.stopChat !== undefined) out.stopChat = check.boolean(raw.stopChat, at('stopChat'));
  if (raw.ended !== undefined) out.ended = check.boolean(raw.ended, at('ended'));
  return out;
}

function readStep(check: Checker, value: unknown, path: string): FlowStep | undefined {
  const raw = check.object(value, path, STEP_KEYS);
  if (!raw) return undefined;
  const note = raw.note === undefined ? undefined : check.string(raw.note, join(path, 'note'));
  const expect =
    raw.expect === undefined ? undefined : readExpectation(check, raw.expect, join(path, 'expect'));
  const actions = ['visitor', 'intervene'].filter((key) => raw[key] !== undefined);
  if (actions.length > 1) {
    check.report(path, 'a step does one thing: "visitor" or "intervene", not both');
    return undefined;
  }
  const extra = { ...(expect ? { expect } : {}), ...(note ? { note } : {}) };
  if (raw.visitor !== undefined) {
    if (typeof raw.visitor !== 'string') {
      check.report(join(path, 'visitor'), "must be the visitor's message (a string)");
      return undefined;
    }
    return { kind: 'visitor', text: raw.visitor, ...extra };
  }
  if (raw.intervene !== undefined) {
    const on = check.boolean(raw.intervene, join(path, 'intervene'));
    return on === undefined ? undefined : { kind: 'intervene', on, ...extra };
  }
  if (!expect) {
    check.report(path, 'a step needs "visitor", "intervene" or "expect"');
    return undefined;
  }
  return { kind: 'check', expect, ...(note ? { note } : {}) };
}

function readLead(check: Checker, value: unknown, path: string): LeadMemory | undefined {
  const raw = check.object(value, path, LEAD_KEYS);
  if (!raw) return undefined;
  const lead: LeadMemory = {};
  if (raw.name !== undefined) lead.name = check.string(raw.name, join(path, 'name'));
  if (raw.email !== undefined) lead.email = check.string(raw.email, join(path, 'email'));
  if (raw.phone !== undefined) {
    const phone = check.string(raw.phone, join(path, 'phone'));
    if (phone) lead.phone = { national_format: phone, international_format: phone };
  }
  return lead;
}

/**
 * Parses a file's text as JSON, or as YAML for `.yaml`/`.yml` (needs the `yaml` package);
 * text that does not parse is a `DefinitionError` naming the file.
 */
export function parseDefinition(text: string, file: string): unknown {
  const extension = extname(file).toLowerCase();
  if (extension === '.yaml' || extension === '.yml') {
    let yaml: { parse(text: string): unknown };
    try {
      yaml = createRequire(import.meta.url)('yaml') as { parse(text: string): unknown };
    } catch {
      throw new DefinitionError(file, [
        'reading YAML needs the "yaml" package (npm install --save-dev yaml); or write the file as JSON',
      ]);
    }
    try {
      return yaml.parse(text);
    } catch (error) {
      throw new DefinitionError(file, [`is not valid YAML: ${(error as Error).message}`]);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DefinitionError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
}

/** `parseDefinition`, as a promise. */
export function parseDefinitionText(text: string, file: string): Promise<unknown> {
  return Promise.resolve().then(() => parseDefinition(text, file));
}

/** Reads and parses a JSON or YAML file; a missing file is a `DefinitionError`. */
export async function readDefinitionFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DefinitionError(file, [
      code === 'ENOENT' ? 'no such file' : `cannot be read: ${(error as Error).message}`,
    ]);
  }
  return parseDefinitionText(text, file);
}

/**
 * Checks a conversation definition (parsed JSON/YAML) whole and returns it typed; every
 * problem is reported at once, with its path, in a `DefinitionError`. A `script` given as
 * a string is a file path, resolved against `baseDir`.
 */
export async function parseFlow(
  value: unknown,
  source: string,
  baseDir = process.cwd(),
  stepsRequired = true,
): Promise<FlowDefinition> {
  const check = new Checker();
  const raw = check.object(value, '', FLOW_KEYS);
  if (!raw) throw new DefinitionError(source, check.problems);
  if (raw.$schema !== undefined) check.string(raw.$schema, '$schema');
  const name = raw.name === undefined ? undefined : check.string(raw.name, 'name');
  if (raw.description !== undefined && typeof raw.description !== 'string') {
    check.report('description', 'must be a string');
  }
  let script: ChatbotScript | undefined;
  if (typeof raw.script === 'string') {
    const scriptFile = resolve(baseDir, raw.script);
    const scriptCheck = new Checker();
    script = readScript(scriptCheck, await readDefinitionFile(scriptFile), '');
    if (scriptCheck.problems.length > 0)
      throw new DefinitionError(scriptFile, scriptCheck.problems);
  } else if (raw.script !== undefined) {
    script = readScript(check, raw.script, 'script');
  } else {
    check.report('script', 'is required: the chatbot script, inline or as a file path');
  }
  const settings: FlowSettings = {};
  if (raw.channel !== undefined) settings.channel = check.string(raw.channel, 'channel');
  if (raw.mode !== undefined) {
    settings.mode = check.oneOf(raw.mode, 'mode', ['global', 'per-question'] as const);
  }
  if (raw.startAt !== undefined) settings.startAt = check.integer(raw.startAt, 'startAt');
  if (raw.opening !== undefined) {
    settings.opening = check.oneOf(raw.opening, 'opening', ['bot', 'visitor'] as const);
  }
  if (raw.intervened !== undefined)
    settings.intervened = check.boolean(raw.intervened, 'intervened');
  if (raw.conversationId !== undefined) {
    settings.conversationId = check.string(raw.conversationId, 'conversationId');
  }
  if (raw.memory !== undefined) {
    settings.memory = check.object(
      raw.memory,
      'memory',
      Object.keys(isRecord(raw.memory) ? raw.memory : {}),
    );
  }
  if (raw.lead !== undefined) settings.lead = readLead(check, raw.lead, 'lead');
  if (raw.countryCode !== undefined) {
    const code = check.string(raw.countryCode, 'countryCode');
    if (code && !/^\d{1,4}$/.test(code))
      check.report('countryCode', 'must be 1 to 4 digits, e.g. "54"');
    settings.countryCode = code;
  }
  if (
    script &&
    settings.startAt !== undefined &&
    !script.questions.some((q) => q.id === settings.startAt)
  ) {
    check.report('startAt', `the script has no question ${settings.startAt}`);
  }
  const list =
    raw.steps === undefined && !stepsRequired ? [] : (check.array(raw.steps, 'steps') ?? []);
  if (Array.isArray(raw.steps) && list.length === 0 && stepsRequired) {
    check.report('steps', 'must have at least one step');
  }
  const steps = list
    .map((item, index) => readStep(check, item, join('steps', index)))
    .filter((step): step is FlowStep => step !== undefined);
  if (check.problems.length > 0 || !script) throw new DefinitionError(source, check.problems);
  return {
    name: name ?? basename(source),
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    source,
    script,
    settings,
    steps,
  };
}

/** Reads a conversation file (JSON, or YAML with the `yaml` package). */
export async function loadFlowFile(file: string): Promise<FlowDefinition> {
  const path = resolve(file);
  return parseFlow(await readDefinitionFile(path), file, dirname(path));
}

/**
 * Reads a file that holds a chatbot script, or a conversation file (its script and
 * settings are used); for interactive sessions.
 */
export async function loadScriptOrFlow(
  file: string,
): Promise<{ script: ChatbotScript; settings: FlowSettings }> {
  const path = resolve(file);
  const value = await readDefinitionFile(path);
  if (isRecord(value) && value.steps === undefined && value.questions !== undefined) {
    const check = new Checker();
    const script = readScript(check, value, '');
    if (!script || check.problems.length > 0) throw new DefinitionError(file, check.problems);
    return { script, settings: {} };
  }
  const flow = await parseFlow(value, file, dirname(path), false);
  return { script: flow.script, settings: flow.settings };
}
