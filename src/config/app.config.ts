import type { OverloadResponse } from '../admission/admission.options.js';
import {
  ANSWER_COUNTRIES,
  ANSWER_LOCALES,
  type AnswerCountry,
  type AnswerLocale,
} from '../answers/answer-settings.js';
import {
  chatbotProblems,
  type ChatbotSettings,
  chatbotTokensVariable,
  UNKNOWN_CHATBOT_ANSWERS,
  type UnknownChatbotAnswer,
} from '../chatbots/chatbot.js';
import { MIN_TOKEN_LENGTH, tokenProblem } from '../security/access-tokens.js';
import { DEFAULT_HANDLER_TIMEOUT_MS } from '../webhook/webhook.options.js';
import { ConfigError } from './config.error.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Express's `trust proxy` setting: off, a number of hops, or trusted addresses/subnets. */
export type TrustProxy = boolean | number | string[];

/** The service's settings, read from environment variables at boot. */
export interface AppConfig {
  /** PORT: the HTTP port. */
  port: number;
  /** HOST: the address to listen on. */
  host: string;
  /** PATH_PREFIX: a prefix for every route, e.g. `/cliengo`; empty for none. */
  pathPrefix: string;
  /** HANDLER_TIMEOUT_MS: the default handler deadline. */
  handlerTimeoutMs: number;
  /** BODY_LIMIT: the largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** LOG_LEVEL: the lowest level logged. */
  logLevel: LogLevel;
  /** LOG_PERSONAL_DATA: log visitor texts, lead name/email/phone and IPs. */
  logPersonalData: boolean;
  /** LOG_BUFFER_BYTES: unwritten log lines held at most; more are dropped and counted. */
  logBufferBytes: number;
  /** TRUST_PROXY: which proxies to trust for the client address (Express `trust proxy`). */
  trustProxy: TrustProxy;
  /** DOCS_ENABLED: serve the OpenAPI spec and Swagger UI under /docs. */
  docsEnabled: boolean;
  /** METRICS_ENABLED: serve Prometheus metrics at /metrics. */
  metricsEnabled: boolean;
  /** ACCESS_TOKENS: accepted webhook tokens (several at once, for rotation); none: open. */
  accessTokens: string[];
  /**
   * CHATBOTS: the chatbots served, each by its website id, with a name and settings of its
   * own (tokens from `ACCESS_TOKENS_{NAME}`); none: one chatbot, whatever the `websiteId`.
   */
  chatbots: ChatbotSettings[];
  /** UNKNOWN_CHATBOT: how a call for a chatbot not served is answered. */
  unknownChatbot: UnknownChatbotAnswer;
  /** KEEP_ALIVE_TIMEOUT_MS: how long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** HEADERS_TIMEOUT_MS: the longest a client may take to send a request's headers. */
  headersTimeoutMs: number;
  /** REQUEST_TIMEOUT_MS: the longest a client may take to send a whole request, body included. */
  requestTimeoutMs: number;
  /** MAX_CONNECTIONS: connections open at once; more are closed as they come. */
  maxConnections: number;
  /** MAX_IN_FLIGHT: webhook calls answered at once; more are shed. 0: no bound. */
  maxInFlight: number;
  /** MAX_EVENT_LOOP_LAG_MS: sustained event-loop lag above which webhook calls are shed. 0: never. */
  maxEventLoopLagMs: number;
  /** OVERLOAD_RESPONSE: how a shed call is answered. */
  overloadResponse: OverloadResponse;
  /** ANSWER_LOCALE: the visitors' language, for the answer parsers: es or pt. */
  answerLocale: AnswerLocale;
  /** ANSWER_COUNTRY: the visitors' country, for ids and phone numbers written without one. */
  answerCountry: AnswerCountry;
  /** TIME_ZONE: the IANA time zone "today" is counted in, for dates in answers. */
  timeZone: string;
  /** SHUTDOWN_TIMEOUT_MS: the longest a graceful shutdown takes, from the signal. */
  shutdownTimeoutMs: number;
  /** SHUTDOWN_DRAIN_MS: how long readiness answers 503 before the listener closes (SIGTERM). */
  shutdownDrainMs: number;
}

type Env = Record<string, string | undefined>;

export { MIN_TOKEN_LENGTH };
const PREFIX = /^(\/[A-Za-z0-9._~-]+)*$/;
const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS = /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/;

function raw(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const text = raw(env, variable);
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(variable, `must be an integer from ${min} to ${max}; got "${text}"`);
  }
  return value;
}

function boolean(env: Env, variable: string, fallback: boolean): boolean {
  const text = raw(env, variable)?.toLowerCase();
  if (text === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(variable, `must be true or false; got "${env[variable]}"`);
}

function pathPrefix(env: Env): string {
  const text = raw(env, 'PATH_PREFIX');
  if (text === undefined || text === '/') return '';
  const prefix = `/${text.replace(/^\/+|\/+$/g, '')}`;
  if (!PREFIX.test(prefix)) {
    throw new ConfigError('PATH_PREFIX', `must be a URL path such as /cliengo; got "${text}"`);
  }
  return prefix;
}

function overloadResponse(env: Env): OverloadResponse {
  const text = raw(env, 'OVERLOAD_RESPONSE')?.toLowerCase() ?? 'pass-through';
  if (text !== 'pass-through' && text !== '503') {
    throw new ConfigError('OVERLOAD_RESPONSE', `must be pass-through or 503; got "${text}"`);
  }
  return text;
}

function oneOf<T extends string>(env: Env, variable: string, values: readonly T[], fallback: T): T {
  const text = raw(env, variable);
  if (text === undefined) return fallback;
  const value = values.find((known) => known.toLowerCase() === text.toLowerCase());
  if (!value) {
    throw new ConfigError(variable, `must be one of ${values.join(', ')}; got "${text}"`);
  }
  return value;
}

function timeZone(env: Env): string {
  const text = raw(env, 'TIME_ZONE') ?? 'America/Argentina/Buenos_Aires';
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return text;
  } catch {
    throw new ConfigError(
      'TIME_ZONE',
      `must be an IANA time zone such as America/Argentina/Buenos_Aires or America/Mexico_City; got "${text}"`,
    );
  }
}

function logLevel(env: Env): LogLevel {
  const text = raw(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(text)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}; got "${text}"`);
  }
  return text as LogLevel;
}

function trustProxy(env: Env): TrustProxy {
  const text = raw(env, 'TRUST_PROXY');
  if (text === undefined) return false;
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (/^\d+$/.test(text)) return integer(env, 'TRUST_PROXY', 0, 0, 100);
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !PROXY_KEYWORDS.has(entry) && !ADDRESS.test(entry));
  if (bad.length > 0) {
    throw new ConfigError(
      'TRUST_PROXY',
      `must be true, false, a number of hops, or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal; not understood: ${bad.join(', ')}`,
    );
  }
  return entries;
}

function accessTokens(env: Env, variable = 'ACCESS_TOKENS'): string[] {
  const text = raw(env, variable);
  if (text === undefined) return [];
  const tokens = text
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  tokens.forEach((token, index) => {
    // The message names the position, never the token itself.
    const problem = tokenProblem(token);
    if (problem) throw new ConfigError(variable, `token #${index + 1} ${problem}`);
  });
  return [...new Set(tokens)];
}

const CHATBOT_KEYS = new Set([
  'name',
  'websiteId',
  'handlerTimeoutMs',
  'answerLocale',
  'answerCountry',
  'timeZone',
]);
const TOKENS_VARIABLE = /^ACCESS_TOKENS_/;

/** CHATBOTS, a JSON list, each chatbot's tokens taken from `ACCESS_TOKENS_{NAME}`. */
function chatbots(env: Env): ChatbotSettings[] {
  const text = raw(env, 'CHATBOTS');
  const variables = new Set(
    Object.keys(env).filter((key) => TOKENS_VARIABLE.test(key) && raw(env, key) !== undefined),
  );
  let list: unknown = [];
  if (text !== undefined) {
    try {
      list = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(
        'CHATBOTS',
        `must be a JSON list of chatbots: ${(error as Error).message}`,
      );
    }
  }
  if (!Array.isArray(list)) {
    throw new ConfigError(
      'CHATBOTS',
      'must be a JSON list of chatbots, such as [{"name":"autos","websiteId":"..."}]',
    );
  }
  const result = list.map((entry: unknown, index): ChatbotSettings => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry as never;
    const fields = entry as Record<string, unknown>;
    if ('accessTokens' in fields) {
      throw new ConfigError(
        'CHATBOTS',
        `chatbot #${index + 1}: tokens do not go in CHATBOTS; set ${typeof fields.name === 'string' ? chatbotTokensVariable(fields.name) : 'ACCESS_TOKENS_{NAME}'} (from a secret)`,
      );
    }
    const unknown = Object.keys(fields).filter((key) => !CHATBOT_KEYS.has(key));
    if (unknown.length > 0) {
      throw new ConfigError(
        'CHATBOTS',
        `chatbot #${index + 1} has unknown keys ${unknown.join(', ')} (known: ${[...CHATBOT_KEYS].join(', ')})`,
      );
    }
    const settings = { ...fields } as unknown as ChatbotSettings;
    if (typeof fields.answerLocale === 'string') {
      settings.answerLocale = fields.answerLocale.toLowerCase() as ChatbotSettings['answerLocale'];
    }
    if (typeof fields.answerCountry === 'string') {
      settings.answerCountry =
        fields.answerCountry.toUpperCase() as ChatbotSettings['answerCountry'];
    }
    return settings;
  });
  const problems = chatbotProblems(result);
  if (problems.length > 0) throw new ConfigError('CHATBOTS', `is wrong: ${problems.join('; ')}`);
  for (const chatbot of result) {
    const variable = chatbotTokensVariable(chatbot.name);
    variables.delete(variable);
    const tokens = accessTokens(env, variable);
    if (tokens.length > 0) chatbot.accessTokens = tokens;
  }
  if (variables.size > 0) {
    throw new ConfigError(
      [...variables].join(', '),
      `names no chatbot of CHATBOTS (${result.length === 0 ? 'none is configured' : result.map((chatbot) => chatbotTokensVariable(chatbot.name)).join(', ')} would)`,
    );
  }
  return result;
}

function unknownChatbot(env: Env): UnknownChatbotAnswer {
  return oneOf(env, 'UNKNOWN_CHATBOT', UNKNOWN_CHATBOT_ANSWERS, 'pass-through');
}

/** Reads and checks the settings; throws a `ConfigError` naming the first bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const handlerTimeoutMs = integer(
    env,
    'HANDLER_TIMEOUT_MS',
    DEFAULT_HANDLER_TIMEOUT_MS,
    1,
    600_000,
  );
  const headersTimeoutMs = integer(env, 'HEADERS_TIMEOUT_MS', 10_000, 100, 600_000);
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(
      'REQUEST_TIMEOUT_MS',
      `must not be shorter than HEADERS_TIMEOUT_MS (${headersTimeoutMs}); got "${requestTimeoutMs}"`,
    );
  }
  const shutdownTimeoutMs = integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000);
  const shutdownDrainMs = integer(
    env,
    'SHUTDOWN_DRAIN_MS',
    Math.min(5_000, Math.floor(shutdownTimeoutMs / 2)),
    0,
    600_000,
  );
  if (shutdownDrainMs > 0 && shutdownDrainMs >= shutdownTimeoutMs) {
    throw new ConfigError(
      'SHUTDOWN_DRAIN_MS',
      `must be shorter than SHUTDOWN_TIMEOUT_MS (${shutdownTimeoutMs}), which it is part of; got "${shutdownDrainMs}"`,
    );
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: raw(env, 'HOST') ?? '0.0.0.0',
    pathPrefix: pathPrefix(env),
    handlerTimeoutMs,
    bodyLimitBytes: integer(env, 'BODY_LIMIT', 2 * 1024 * 1024, 1_024, 100 * 1024 * 1024),
    logLevel: logLevel(env),
    logPersonalData: boolean(env, 'LOG_PERSONAL_DATA', false),
    logBufferBytes: integer(
      env,
      'LOG_BUFFER_BYTES',
      16 * 1024 * 1024,
      256 * 1024,
      1024 * 1024 * 1024,
    ),
    trustProxy: trustProxy(env),
    docsEnabled: boolean(env, 'DOCS_ENABLED', true),
    metricsEnabled: boolean(env, 'METRICS_ENABLED', true),
    accessTokens: accessTokens(env),
    chatbots: chatbots(env),
    unknownChatbot: unknownChatbot(env),
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 65_000, 1_000, 600_000),
    headersTimeoutMs,
    requestTimeoutMs,
    maxConnections: integer(env, 'MAX_CONNECTIONS', 4_096, 1, 1_000_000),
    maxInFlight: integer(env, 'MAX_IN_FLIGHT', 1_000, 0, 1_000_000),
    maxEventLoopLagMs: integer(env, 'MAX_EVENT_LOOP_LAG_MS', 50, 0, 60_000),
    overloadResponse: overloadResponse(env),
    answerLocale: oneOf(env, 'ANSWER_LOCALE', ANSWER_LOCALES, 'es'),
    answerCountry: oneOf(env, 'ANSWER_COUNTRY', ANSWER_COUNTRIES, 'AR'),
    timeZone: timeZone(env),
    shutdownTimeoutMs,
    shutdownDrainMs,
  };
}
