import { chatbotNameProblem } from '../../chatbots/chatbot.js';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';

/** Which URL Cliengo posts to: the global one, or the URL set on each question. */
export type UrlMode = 'global' | 'per-question';

/** Where an access token travels. */
export type TokenPlacement = 'header' | 'query' | 'path';

/** Where and how to reach the service. */
export interface WebhookClientOptions {
  /**
   * The service's base URL, e.g. `http://localhost:3000` (with the service's path prefix,
   * if any). It may contain `{token}` where the access token goes in the path.
   */
  url: string;
  /** `global` posts to `<url>/webhook`; `per-question` to `<url>/webhook/questions/<id>`. */
  mode?: UrlMode;
  /**
   * The chatbot whose own URLs to post to, in a deployment serving several chatbots:
   * `<url>/chatbots/<name>/webhook` (and `/chatbots/<name>/webhook/questions/<id>`) instead
   * of `<url>/webhook`. A chatbot name: 1 to 64 lower-case letters, digits, `-` and `_`.
   */
  chatbot?: string;
  /** An access token. */
  token?: string;
  /**
   * Where the token travels: `header` (default) as `Authorization: Bearer <token>`;
   * `query` as the query parameter `tokenQueryParam`; `path` as `<url>/token/<token>/webhook`
   * (`<url>/token/<token>/chatbots/<name>/webhook` with a `chatbot`; or wherever the URL's
   * `{token}` placeholder is).
   */
  tokenIn?: TokenPlacement;
  /** The query parameter that carries the token with `tokenIn: 'query'`. Default: `token`. */
  tokenQueryParam?: string;
  /** How long to wait for the reply, in milliseconds. Default: 10000. */
  timeoutMs?: number;
  /** The fetch implementation (tests). Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** How a webhook call failed, from Cliengo's side. */
export type WebhookFailureKind = 'timeout' | 'unreachable' | 'http-status' | 'not-json';

/** One webhook call and what came back. */
export interface WebhookExchange {
  /** The URL posted to, with the token masked. */
  url: string;
  /** The path and query of that URL, for short summaries. */
  path: string;
  questionId: number | undefined;
  request: WebhookRequestDto;
  /** The HTTP status, when the service answered. */
  status?: number;
  statusText?: string;
  durationMs: number;
  /** The parsed body (JSON), or its text when it is not JSON. */
  body?: unknown;
  /** Set when the call failed: then Cliengo goes on with its own script. */
  failure?: { kind: WebhookFailureKind; message: string };
}

/** The chatbot a transport posts to the own URLs of (`/chatbots/{name}/webhook`). */
export interface TargetChatbot {
  readonly name: string;
  /** Its website id, when the transport knows it (the test kit does; an HTTP client does not). */
  readonly websiteId?: string;
}

/** Something that delivers webhook requests: the HTTP client, or a fake in tests. */
export interface WebhookTransport {
  readonly mode: UrlMode;
  /**
   * The chatbot whose own URLs it posts to, if any: the simulator's requests then carry that
   * chatbot's website id, or none when the transport does not know it (unless the simulator
   * is given a `websiteId`). Optional: without it, the transport posts to the global URLs.
   */
  readonly chatbot?: TargetChatbot;
  /** Where requests go, for display (token masked). */
  describe(): string;
  post(request: WebhookRequestDto, questionId: number | undefined): Promise<WebhookExchange>;
  /**
   * A transport that can serve either URL style and was not bound to one returns the one
   * for `mode` (`runFlow` uses it to follow a conversation file's `mode`); a transport bound
   * to a URL style returns itself. Optional: without it, a transport is used as it is.
   */
  forMode?(mode: UrlMode): WebhookTransport;
}

/** A setting of the simulator that cannot work (bad URL, token without a place...). */
export class OptionError extends TypeError {
  override readonly name = 'OptionError';
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const MASK = '***';

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Posts webhook requests to a running service over HTTP, the way Cliengo does. */
export class WebhookClient implements WebhookTransport {
  readonly mode: UrlMode;
  readonly timeoutMs: number;
  readonly chatbot: TargetChatbot | undefined;
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #placement: TokenPlacement | 'none';
  readonly #queryParam: string;
  readonly #fetch: typeof fetch;

  constructor(options: WebhookClientOptions) {
    this.mode = options.mode ?? 'global';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#token = options.token === '' ? undefined : options.token;
    this.#queryParam = options.tokenQueryParam ?? 'token';
    this.#fetch = options.fetch ?? fetch;
    if (options.chatbot !== undefined) {
      const problem = chatbotNameProblem(options.chatbot);
      if (problem) throw new OptionError(problem.replace(/^the name/, 'the chatbot name'));
    }
    this.chatbot = options.chatbot === undefined ? undefined : { name: options.chatbot };
    let base = options.url.trim().replace(/\/+$/, '');
    if (!Number.isSafeInteger(this.timeoutMs) || this.timeoutMs <= 0) {
      throw new OptionError('the timeout must be a positive whole number of milliseconds');
    }
    const placeholder = base.includes('{token}');
    const placement = placeholder ? 'path' : (options.tokenIn ?? 'header');
    if (options.tokenIn !== undefined && options.tokenIn !== placement) {
      throw new OptionError(
        `the URL has a {token} placeholder, so the token goes in the path, not in the ${options.tokenIn}`,
      );
    }
    if (this.#token === undefined && (placeholder || options.tokenIn !== undefined)) {
      throw new OptionError(`the token goes in the ${placement}, but no token was given`);
    }
    if (placement === 'path' && !placeholder) base += '/token/{token}';
    this.#base = base;
    this.#placement = this.#token === undefined ? 'none' : placement;
    if (this.#placement === 'query' && !/^[\w.~-]+$/.test(this.#queryParam)) {
      throw new OptionError(`"${this.#queryParam}" is not a usable query parameter name`);
    }
    let parsed: URL;
    try {
      parsed = new URL(base.replaceAll('{token}', 'token'));
    } catch {
      throw new OptionError(`"${options.url}" is not a URL (e.g. http://localhost:3000)`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new OptionError(`"${options.url}" must be an http:// or https:// URL`);
    }
    if (parsed.search || parsed.hash) {
      throw new OptionError(`"${options.url}" must be a base URL, without a query or a fragment`);
    }
  }

  /** How the token travels: in the path, in the query, in the header, or not at all. */
  get tokenPlacement(): TokenPlacement | 'none' {
    return this.#placement;
  }

  /** The URL for a question (`undefined`: the global URL); with the token, or masked. */
  urlFor(questionId: number | undefined, masked = false): string {
    const token = masked ? MASK : encodeURIComponent(this.#token ?? '');
    const base = this.#base.replaceAll('{token}', token);
    const webhook = this.chatbot ? `/chatbots/${this.chatbot.name}/webhook` : '/webhook';
    const path =
      this.mode === 'per-question' && questionId !== undefined
        ? `${webhook}/questions/${questionId}`
        : webhook;
    const url = new URL(base + path);
    if (this.#placement === 'query') {
      url.searchParams.set(this.#queryParam, masked ? MASK : (this.#token ?? ''));
    }
    return masked ? decodeURI(url.toString()) : url.toString();
  }

  describe(): string {
    const where =
      this.mode === 'per-question'
        ? this.urlFor(0, true).replace('/questions/0', '/questions/{id}')
        : this.urlFor(undefined, true);
    const token = {
      none: '',
      header: ' (token in the Authorization header)',
      query: ` (token in the query parameter "${this.#queryParam}")`,
      path: ' (token in the path)',
    }[this.#placement];
    return `${where}${token}`;
  }

  async post(request: WebhookRequestDto, questionId: number | undefined): Promise<WebhookExchange> {
    const masked = this.urlFor(questionId, true);
    const target = new URL(this.urlFor(questionId));
    const shown = new URL(masked);
    const exchange: WebhookExchange = {
      url: masked,
      path: decodeURI(shown.pathname + shown.search),
      questionId,
      request,
      durationMs: 0,
    };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': 'cliengo-simulator',
    };
    if (this.tokenPlacement === 'header') headers.authorization = `Bearer ${this.#token}`;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await this.#fetch(target, {
        method: 'POST',
        headers,
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'manual',
      });
      const text = await response.text();
      exchange.durationMs = elapsed();
      exchange.status = response.status;
      exchange.statusText = response.statusText;
      try {
        exchange.body = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        exchange.body = text;
        if (response.status === 200) {
          exchange.failure = { kind: 'not-json', message: 'the reply is not JSON' };
        }
      }
      if (response.status !== 200) {
        exchange.failure = {
          kind: 'http-status',
          message: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        };
      }
    } catch (error) {
      exchange.durationMs = elapsed();
      const timedOut = (error as Error | undefined)?.name === 'TimeoutError';
      exchange.failure = timedOut
        ? { kind: 'timeout', message: `no reply within ${this.timeoutMs} ms` }
        : { kind: 'unreachable', message: `could not reach the service (${reasonOf(error)})` };
    }
    return exchange;
  }
}
