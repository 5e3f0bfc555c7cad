import {
  ANSWER_COUNTRIES,
  ANSWER_LOCALES,
  type AnswerCountry,
  type AnswerLocale,
  type AnswerSettings,
} from '../answers/answer-settings.js';

/**
 * One chatbot a deployment serves (`CHATBOTS`): a Cliengo website's chatbot, by the
 * `websiteId` its requests carry, with a name of your choosing for URLs, logs and metrics.
 * The settings left out are the service's.
 */
export interface ChatbotSettings {
  /**
   * The chatbot's name: in its URLs (`/chatbots/{name}/webhook`), in `@QuestionHandler(3,
   * { chatbot: name })`, in log lines and as the `chatbot` metrics label. 1 to 64 lower-case
   * letters, digits, `-` and `_`, starting with a letter or digit; not `default` or `unknown`.
   */
  name: string;
  /** The Cliengo website id of the chatbot: the `websiteId` of its requests. */
  websiteId: string;
  /**
   * Tokens that open this chatbot's calls only (`ACCESS_TOKENS_{NAME}`); the service-wide
   * `ACCESS_TOKENS` open every chatbot.
   */
  accessTokens?: readonly string[];
  /** The default handler deadline for this chatbot's calls, in milliseconds. */
  handlerTimeoutMs?: number;
  /** The visitors' language, for the answer parsers: `es` or `pt`. */
  answerLocale?: AnswerLocale;
  /** The visitors' country, for ids and phone numbers written without one. */
  answerCountry?: AnswerCountry;
  /** The IANA time zone "today" is counted in, for dates in answers. */
  timeZone?: string;
}

/** How a call for a chatbot the deployment does not serve is answered (`UNKNOWN_CHATBOT`). */
export type UnknownChatbotAnswer = 'pass-through' | '404';

export const UNKNOWN_CHATBOT_ANSWERS: readonly UnknownChatbotAnswer[] = ['pass-through', '404'];

/** The `chatbot` of log lines and metrics when the deployment has no `CHATBOTS`. */
export const DEFAULT_CHATBOT_LABEL = 'default';
/** The `chatbot` of log lines and metrics for a call of a chatbot not served. */
export const UNKNOWN_CHATBOT_LABEL = 'unknown';

/**
 * The `chatbot` of a call's log line and metrics: its chatbot's name, `default` in a
 * deployment without `CHATBOTS`, `unknown` for a call of a chatbot not served.
 */
export function chatbotLabel(call: { chatbot?: string; outcome: string }): string {
  if (call.chatbot !== undefined) return call.chatbot;
  return call.outcome === 'unknown-chatbot' ? UNKNOWN_CHATBOT_LABEL : DEFAULT_CHATBOT_LABEL;
}

/** A chatbot as the service runs it: its settings resolved over the service's. */
export interface Chatbot {
  readonly name: string;
  readonly websiteId: string;
  /** Its default handler deadline, when it has one of its own. */
  readonly handlerTimeoutMs?: number;
  /** What the answer parsers assume in its conversations. */
  readonly answers: Readonly<AnswerSettings>;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const RESERVED = new Set([DEFAULT_CHATBOT_LABEL, UNKNOWN_CHATBOT_LABEL]);

/** What is wrong with a chatbot name, if anything. */
export function chatbotNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !NAME.test(name)) {
    return `the name ${JSON.stringify(name)} must be 1 to 64 lower-case letters, digits, - and _, starting with a letter or digit`;
  }
  if (RESERVED.has(name)) return `the name "${name}" is reserved`;
  return undefined;
}

/** The environment variable of a chatbot's own tokens: `ACCESS_TOKENS_` and its name, upper-cased. */
export function chatbotTokensVariable(name: string): string {
  return `ACCESS_TOKENS_${name.toUpperCase().replace(/-/g, '_')}`;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a list of chatbots, every problem found: each entry's fields, then
 * names, website ids, and variables of tokens used twice.
 */
export function chatbotProblems(chatbots: readonly ChatbotSettings[]): string[] {
  const problems: string[] = [];
  const names = new Map<string, number>();
  const websites = new Map<string, string>();
  const variables = new Map<string, string>();
  chatbots.forEach((chatbot, index) => {
    const where = `chatbot #${index + 1}`;
    if (typeof chatbot !== 'object' || chatbot === null || Array.isArray(chatbot)) {
      problems.push(`${where} must be an object with a name and a websiteId`);
      return;
    }
    const label = typeof chatbot.name === 'string' ? `chatbot "${chatbot.name}"` : where;
    const nameProblem = chatbotNameProblem(chatbot.name);
    if (nameProblem) problems.push(`${where}: ${nameProblem}`);
    else if (names.has(chatbot.name)) problems.push(`two chatbots are named "${chatbot.name}"`);
    else {
      names.set(chatbot.name, index);
      const variable = chatbotTokensVariable(chatbot.name);
      const other = variables.get(variable);
      if (other) {
        problems.push(
          `chatbots "${other}" and "${chatbot.name}" would both take their tokens from ${variable}`,
        );
      } else variables.set(variable, chatbot.name);
    }
    const websiteId = chatbot.websiteId;
    if (typeof websiteId !== 'string' || websiteId.trim() === '') {
      problems.push(`${label}: websiteId must be the website id its requests carry`);
    } else if (websites.has(websiteId)) {
      problems.push(
        `chatbots "${websites.get(websiteId)}" and "${chatbot.name}" have the same websiteId ${websiteId}`,
      );
    } else websites.set(websiteId, chatbot.name);
    const { handlerTimeoutMs: timeout, answerLocale, answerCountry, timeZone } = chatbot;
    if (
      timeout !== undefined &&
      !(Number.isSafeInteger(timeout) && timeout >= 1 && timeout <= 600_000)
    ) {
      problems.push(`${label}: handlerTimeoutMs must be an integer from 1 to 600000`);
    }
    if (answerLocale !== undefined && !ANSWER_LOCALES.includes(answerLocale)) {
      problems.push(`${label}: answerLocale must be one of ${ANSWER_LOCALES.join(', ')}`);
    }
    if (answerCountry !== undefined && !ANSWER_COUNTRIES.includes(answerCountry)) {
      problems.push(`${label}: answerCountry must be one of ${ANSWER_COUNTRIES.join(', ')}`);
    }
    if (timeZone !== undefined && (typeof timeZone !== 'string' || !isTimeZone(timeZone))) {
      problems.push(`${label}: timeZone must be an IANA time zone such as America/Mexico_City`);
    }
    if (chatbot.accessTokens !== undefined && !Array.isArray(chatbot.accessTokens)) {
      problems.push(`${label}: accessTokens must be a list of tokens`);
    }
  });
  return problems;
}
