import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { chatbotLabel } from '../chatbots/chatbot.js';
import { outcomeOf, type RequestLocals } from '../http/request-locals.js';
import { redactTokens } from '../logging/redact-tokens.js';
import { errorName, isErrorLike } from '../logging/thrown-value.js';
import { TOKEN_PATH_SEGMENT } from '../security/presented-tokens.js';
import type { DispatchResult } from '../webhook/webhook.dispatcher.js';
import type { WebhookOutcome } from '../webhook/webhook-outcome.js';

/** The attributes of the service's own, under `cliengo.*`. */
export const WEBHOOK_SPAN_ATTRIBUTES = {
  questionId: 'cliengo.question_id',
  handler: 'cliengo.handler',
  outcome: 'cliengo.outcome',
  chatbot: 'cliengo.chatbot',
  conversationId: 'cliengo.conversation_id',
  requestId: 'cliengo.request_id',
  shedReason: 'cliengo.shed_reason',
  faultReply: 'cliengo.fault_reply',
} as const;

/** Outcomes that are a fault of the handler: the span's status is `ERROR`. */
const FAULTS = new Set<WebhookOutcome | undefined>(['error', 'invalid-reply', 'timeout']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The route template of a webhook request target (origin form, the token still in the
 * path), as the router matches it: in any letter case, with or without a trailing slash;
 * undefined for any other target. `{prefix}/chatbots/:chatbot/webhook/questions/:questionId`:
 * no token, no name, no id in it, whatever the request said.
 */
export function webhookRoute(pathPrefix: string): (target: string) => string | undefined {
  const route = new RegExp(
    `^${escapeRegExp(pathPrefix)}(?:/${TOKEN_PATH_SEGMENT}/[^/?#]*)?(/chatbots/[^/?#]+)?/webhook(/questions/[^/?#]+)?/?(?:[?#]|$)`,
    'i',
  );
  return (target) => {
    const match = route.exec(target);
    if (!match) return undefined;
    return `${pathPrefix}${match[1] ? '/chatbots/:chatbot' : ''}/webhook${match[2] ? '/questions/:questionId' : ''}`;
  };
}

/** What class of fault a call ended with, for `error.type`. */
function errorType(outcome: WebhookOutcome, result: DispatchResult | undefined): string {
  if (outcome !== 'error') return outcome;
  const error = result?.error;
  if (isErrorLike(error)) return errorName(error);
  return error === null ? 'null' : typeof error;
}

/** Sets what the call came to on its span, and ends it. */
function endSpan(span: Span, response: Response, locals: RequestLocals): void {
  const status = response.statusCode;
  span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
  const outcome = outcomeOf(locals);
  const result = locals.webhook?.result;
  if (result) {
    span.setAttribute(WEBHOOK_SPAN_ATTRIBUTES.chatbot, chatbotLabel(result));
    span.setAttribute(WEBHOOK_SPAN_ATTRIBUTES.conversationId, result.conversationId);
    if (result.questionId !== null) {
      span.setAttribute(WEBHOOK_SPAN_ATTRIBUTES.questionId, result.questionId);
    }
    if (result.handler !== null) span.setAttribute(WEBHOOK_SPAN_ATTRIBUTES.handler, result.handler);
    if (result.faultReply) span.setAttribute(WEBHOOK_SPAN_ATTRIBUTES.faultReply, result.faultReply);
  }
  if (outcome) span.setAttribute(WEBHOOK_SPAN_ATTRIBUTES.outcome, outcome);
  const shedReason = locals.shed ?? result?.shedReason;
  if (shedReason) span.setAttribute(WEBHOOK_SPAN_ATTRIBUTES.shedReason, shedReason);
  if (outcome && FAULTS.has(outcome)) {
    // What was thrown is on the call's log line (same trace id): its message may quote
    // personal data, so the span says only what kind of fault it was.
    span.setAttribute(ATTR_ERROR_TYPE, errorType(outcome, result));
    span.setStatus({ code: SpanStatusCode.ERROR, message: `webhook ${outcome}` });
  } else if (status >= 500) {
    span.setAttribute(ATTR_ERROR_TYPE, String(status));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The two middleware of the webhook spans, around the webhook gate. */
export interface WebhookSpanMiddleware {
  /** Before the gate: starts the span of a webhook call, at its arrival. */
  start: RequestHandler;
  /** After the gate (the body read): runs the rest of the call in the span's context. */
  enter: RequestHandler;
}

/** The context of each webhook call's span, from its arrival to the routes. */
const SPAN_CONTEXT = Symbol('webhook span context');
type TracedLocals = RequestLocals & { [SPAN_CONTEXT]?: Context };

/**
 * Express middleware: one span per webhook call, of kind `SERVER`, named by its route
 * (`POST /webhook/questions/:questionId`), a child of the context the gateway propagated
 * (`traceparent`, `tracestate`, `baggage`). From the end of the body on (routing, pipes,
 * the handler and all its asynchronous work) the call runs in the span's context, so that
 * the handler's outgoing calls are children of it. The span carries the HTTP method,
 * route, path (tokens redacted), scheme and status, and the service's `cliengo.*`
 * attributes (question id, handler, outcome, chatbot, conversation id, request id, shed
 * reason, fault reply); no personal data (no texts, no lead, no addresses), no query
 * string. Its status is `ERROR`
 * on the outcomes `error`, `invalid-reply` and `timeout`, and on a 5xx. It ends once the
 * call is over, as the request's log line is written: for a client that went away, once its
 * handler has been stopped. Other requests are not traced.
 */
export function webhookSpans(tracer: Tracer, pathPrefix: string): WebhookSpanMiddleware {
  const routeOf = webhookRoute(pathPrefix);
  const start = (request: Request, response: Response, next: NextFunction) => {
    const url = request.url;
    const route = routeOf(url);
    if (route === undefined) {
      next();
      return;
    }
    const locals = response.locals as TracedLocals;
    const query = url.indexOf('?');
    const attributes: Attributes = {
      [ATTR_HTTP_REQUEST_METHOD]: request.method,
      [ATTR_HTTP_ROUTE]: route,
      [ATTR_URL_PATH]: redactTokens(query === -1 ? url : url.slice(0, query)),
      [ATTR_URL_SCHEME]: request.protocol,
      [ATTR_NETWORK_PROTOCOL_VERSION]: request.httpVersion,
      [WEBHOOK_SPAN_ATTRIBUTES.requestId]: locals.requestId,
    };
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes },
      parent,
    );
    if (span.isRecording()) {
      const { traceId, spanId } = span.spanContext();
      locals.trace = { traceId, spanId };
    }
    locals[SPAN_CONTEXT] = trace.setSpan(parent, span);
    const end = () => endSpan(span, response, locals);
    response.once('close', () => (locals.call ? locals.call.whenIdle(end) : end()));
    next();
  };
  // The gate goes on from the body's last event, which comes from the connection (opened
  // before the span): the context is entered there, rather than bound to every listener of
  // the request's events.
  const enter = (_request: Request, response: Response, next: NextFunction) => {
    const active = (response.locals as TracedLocals)[SPAN_CONTEXT];
    if (active === undefined) next();
    else context.with(active, next);
  };
  return { start, enter };
}
