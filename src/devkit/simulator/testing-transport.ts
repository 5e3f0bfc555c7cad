import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import type { UrlMode, WebhookExchange, WebhookTransport } from './webhook-client.js';

/** What a scripted fake service answers: a body (status 200), or a full answer. */
export type FakeAnswer =
  | Record<string, unknown>
  | { status: number; body?: unknown }
  | { failure: NonNullable<WebhookExchange['failure']> };

/** One call the fake received. */
export interface FakeCall {
  request: WebhookRequestDto;
  questionId: number | undefined;
}

/**
 * A transport that answers from a function instead of HTTP, for tests of the simulator and
 * of conversation files without a running service.
 */
export class FakeTransport implements WebhookTransport {
  readonly calls: FakeCall[] = [];

  constructor(
    private readonly answer: (call: FakeCall) => FakeAnswer = () => ({}),
    readonly mode: UrlMode = 'global',
  ) {}

  describe(): string {
    return `fake service (${this.mode})`;
  }

  post(request: WebhookRequestDto, questionId: number | undefined): Promise<WebhookExchange> {
    const call = { request: structuredClone(request), questionId };
    this.calls.push(call);
    const answer = this.answer(call);
    const path = questionId === undefined ? '/webhook' : `/webhook/questions/${questionId}`;
    const exchange: WebhookExchange = {
      url: `http://fake${path}`,
      path,
      questionId,
      request,
      durationMs: 1,
    };
    if ('failure' in answer && typeof answer.failure === 'object') {
      exchange.failure = answer.failure as WebhookExchange['failure'];
    } else if ('status' in answer && typeof answer.status === 'number') {
      exchange.status = answer.status;
      exchange.body = answer.body;
      if (answer.status !== 200) {
        exchange.failure = { kind: 'http-status', message: `HTTP ${answer.status}` };
      }
    } else {
      exchange.status = 200;
      exchange.body = structuredClone(answer);
    }
    return Promise.resolve(exchange);
  }
}
