import type { AnswerSettings } from '../answers/answer-settings.js';
import { ConfigError } from '../config/config.error.js';
import { tokenProblem } from '../security/access-tokens.js';
import {
  type Chatbot,
  chatbotProblems,
  type ChatbotSettings,
  chatbotTokensVariable,
  UNKNOWN_CHATBOT_ANSWERS,
  type UnknownChatbotAnswer,
} from './chatbot.js';

/**
 * Why a call is for no chatbot the deployment serves:
 * - `unknown-name`: the per-chatbot URL names a chatbot not configured;
 * - `unknown-website`: on the global URL, the request's `websiteId` is no chatbot's;
 * - `no-website`: on the global URL, the request has no `websiteId` (and chatbots are configured);
 * - `website-mismatch`: on a per-chatbot URL, the request's `websiteId` is not that chatbot's.
 */
export type UnservedReason = 'unknown-name' | 'unknown-website' | 'no-website' | 'website-mismatch';

/** The message of the 404 answered, with `UNKNOWN_CHATBOT=404`, to a call for no chatbot served. */
export const UNSERVED_MESSAGES: Readonly<Record<UnservedReason, string>> = Object.freeze({
  'unknown-name': 'This deployment serves no chatbot of that name',
  'unknown-website': "This deployment serves no chatbot of the request's websiteId",
  'no-website': 'The request has no websiteId, and this deployment serves several chatbots',
  'website-mismatch': "The request's websiteId is not the one of the chatbot in the URL",
});

/** Which chatbot a call is for: a served one (none when the deployment names none), or why not. */
export type ChatbotRoute =
  | { readonly served: true; readonly chatbot: Chatbot | undefined }
  | { readonly served: false; readonly reason: UnservedReason };

const UNNAMED: ChatbotRoute = Object.freeze({ served: true, chatbot: undefined });

/** The settings the chatbots are made from. */
export interface ChatbotsOptions {
  chatbots: readonly ChatbotSettings[];
  /** The service-wide tokens (`ACCESS_TOKENS`). */
  accessTokens: readonly string[];
  unknownChatbot: UnknownChatbotAnswer;
  /** The service's answer settings, which each chatbot's own override. */
  answers: Readonly<AnswerSettings>;
}

/** Problems with the tokens: bad ones, ones in two places, chatbots nothing would open. */
function tokenProblems(options: ChatbotsOptions): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const note = (token: string, where: string) => {
    const bad = tokenProblem(token);
    if (bad) problems.push(`a token of ${where} ${bad}`);
    const first = seen.get(token);
    if (first && first !== where) {
      problems.push(`one token is both in ${first} and in ${where}: give each its own`);
    }
    if (!first) seen.set(token, where);
  };
  for (const token of options.accessTokens) note(token, 'ACCESS_TOKENS');
  const closed = options.accessTokens.length > 0;
  const open: string[] = [];
  let anyOwn = false;
  for (const chatbot of options.chatbots) {
    const own = chatbot.accessTokens ?? [];
    for (const token of own) note(token, chatbotTokensVariable(chatbot.name));
    if (own.length > 0) anyOwn = true;
    else open.push(chatbot.name);
  }
  if (!closed && anyOwn && open.length > 0) {
    problems.push(
      `some chatbots have access tokens and ${open.map((name) => `"${name}"`).join(', ')} none, nor is ACCESS_TOKENS set: give ${open.length === 1 ? 'it' : 'each'} tokens of its own (${open.map(chatbotTokensVariable).join(', ')}) or set ACCESS_TOKENS`,
    );
  }
  return problems;
}

/**
 * The chatbots the deployment serves (`CHATBOTS`), by name and by website id, checked once
 * at boot: a bad list stops the boot with every problem named. Without chatbots, the
 * deployment serves one chatbot, unnamed, whatever the requests' `websiteId`: the service
 * as it is without this setting.
 */
export class Chatbots {
  readonly #byName = new Map<string, Chatbot>();
  readonly #byWebsite = new Map<string, Chatbot>();
  readonly #tokens = new Map<string, readonly string[]>();
  /** How a call for a chatbot not served is answered. */
  readonly unknownAnswer: UnknownChatbotAnswer;

  constructor(options: ChatbotsOptions) {
    const problems = chatbotProblems(options.chatbots);
    if (problems.length === 0) problems.push(...tokenProblems(options));
    if (!UNKNOWN_CHATBOT_ANSWERS.includes(options.unknownChatbot)) {
      problems.push(`UNKNOWN_CHATBOT must be one of ${UNKNOWN_CHATBOT_ANSWERS.join(', ')}`);
    }
    if (problems.length > 0) throw new ConfigError('CHATBOTS', `is wrong: ${problems.join('; ')}`);
    this.unknownAnswer = options.unknownChatbot;
    for (const settings of options.chatbots) {
      const chatbot: Chatbot = Object.freeze({
        name: settings.name,
        websiteId: settings.websiteId.trim(),
        handlerTimeoutMs: settings.handlerTimeoutMs,
        answers: Object.freeze({
          locale: settings.answerLocale ?? options.answers.locale,
          country: settings.answerCountry ?? options.answers.country,
          timeZone: settings.timeZone ?? options.answers.timeZone,
        }),
      });
      this.#byName.set(chatbot.name, chatbot);
      this.#byWebsite.set(chatbot.websiteId, chatbot);
      if (settings.accessTokens?.length) this.#tokens.set(chatbot.name, settings.accessTokens);
    }
  }

  /** Whether the deployment names its chatbots (`CHATBOTS` is set). */
  get configured(): boolean {
    return this.#byName.size > 0;
  }

  /** The chatbots' names, in the order configured. */
  names(): string[] {
    return [...this.#byName.keys()];
  }

  /** A chatbot by its name. */
  named(name: string): Chatbot | undefined {
    return this.#byName.get(name);
  }

  /** Each chatbot's own access tokens, by name. */
  tokens(): ReadonlyMap<string, readonly string[]> {
    return this.#tokens;
  }

  /**
   * The chatbot a call is for: on a per-chatbot URL the one it names (the request's
   * `websiteId`, when it has one, must be that chatbot's); on the global URL the one whose
   * website id the request carries. Without chatbots configured, the global URL serves every
   * call and per-chatbot URLs none.
   */
  route(pathName: string | undefined, websiteId: string | null | undefined): ChatbotRoute {
    const website = websiteId?.trim() || undefined;
    if (pathName !== undefined) {
      const chatbot = this.#byName.get(pathName.toLowerCase());
      if (!chatbot) return { served: false, reason: 'unknown-name' };
      if (website !== undefined && website !== chatbot.websiteId) {
        return { served: false, reason: 'website-mismatch' };
      }
      return { served: true, chatbot };
    }
    if (!this.configured) return UNNAMED;
    if (website === undefined) return { served: false, reason: 'no-website' };
    const chatbot = this.#byWebsite.get(website);
    return chatbot ? { served: true, chatbot } : { served: false, reason: 'unknown-website' };
  }
}
