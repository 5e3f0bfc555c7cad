import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type DestinationStream, type Logger, pino, stdTimeFunctions } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import { outcomeOf, type RequestLocals } from '../http/request-locals.js';
import { chatbotLabel } from '../chatbots/chatbot.js';
import { Conversation } from '../webhook/conversation.context.js';
import type { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import type { FaultReplyOutcome } from '../webhook/handler-fault.js';
import type { WebhookOutcome } from '../webhook/webhook-outcome.js';
import { BatchedDestination } from './batched-destination.js';
import { serializeError } from './error-serializer.js';
import { stdoutSink } from './stdout-sink.js';
import { lineScrubber, redactTokens } from './redact-tokens.js';
import { describeReplyShape, replyShape } from './reply-shape.js';

const REQUEST_ID = /^[\w.:@-]{1,128}$/;
/** Paths polled by probes and scrapers: answered, never logged. */
const QUIET_PATHS = /\/(health\/(live|ready)|metrics)(\?|$)/;

/** Adds the webhook's fields (and personal data when allowed) to a log line, in place. */
function addWebhookFields(
  line: Record<string, unknown>,
  locals: RequestLocals,
  personal: boolean,
): void {
  const webhook = locals.webhook;
  if (webhook) {
    const result = webhook.result;
    line.conversationId = result.conversationId;
    line.chatbot = chatbotLabel(result);
    line.questionId = result.questionId;
    line.handler = result.handler;
    line.outcome = result.outcome;
    line.durationMs = result.durationMs;
    line.queuedMs = result.queuedMs;
    if (result.shedReason) line.shedReason = result.shedReason;
    if (result.unserved) {
      // What the call asked for, to find the misconfigured URL (website ids are no personal data).
      line.unserved = result.unserved;
      line.websiteId = webhook.request.websiteId ?? null;
    }
    // Whatever was thrown, `undefined` included: an `error` outcome always says what.
    if (result.error !== undefined || result.outcome === 'error') {
      line.err = serializeError(result.error);
    }
    if (result.fields) line.replyFields = result.fields;
    if (result.faultReply) {
      line.faultReply = result.faultReply;
      if (result.faultReply === 'threw' || result.faultReplyError !== undefined) {
        line.faultReplyErr = serializeError(result.faultReplyError);
      }
      if (result.faultReplyFields) line.faultReplyFields = result.faultReplyFields;
    }
    if (personal) {
      const request = webhook.request;
      const conversation = new Conversation(request, undefined);
      line.visitorMessage = conversation.visitorMessage;
      line.lead = conversation.lead;
      line.visitorIp = request.visitorData?.visitorIp;
    }
  }
  if (locals.shed) {
    line.outcome = 'shed';
    line.shedReason = locals.shed;
  }
  if (locals.shutdown) line.outcome = 'shutdown';
  if (locals.error) {
    line.rejection = { message: locals.error.message, fields: locals.error.fields };
  }
}

/**
 * The debug line of a reply that was sent: its shape (counts, type, jump, memory keys, stop),
 * never its texts or values.
 */
function writeReplyShape(
  logger: Logger,
  requestId: string,
  locals: RequestLocals,
  reply: WebhookResponseDto,
): void {
  const shape = replyShape(reply);
  const line: Record<string, unknown> = { requestId };
  addTraceIds(line, locals);
  line.reply = shape;
  logger.debug(line, `reply ${describeReplyShape(shape)}`);
}

/** The ids of the request's span (when tracing records it), to join the line to its trace. */
function addTraceIds(line: Record<string, unknown>, locals: RequestLocals): void {
  const ids = locals.trace;
  if (ids !== undefined) {
    line.traceId = ids.traceId;
    line.spanId = ids.spanId;
  }
}

/** Standard output as the service writes to it: in batches, with a bounded buffer. */
export function stdoutLogDestination(config: AppConfig): BatchedDestination {
  return new BatchedDestination(stdoutSink(config.logBufferBytes));
}

/**
 * The service's pino logger: JSON lines on stdout (or `destination`), written in batches
 * (see `BatchedDestination`), with any configured access token scrubbed from every line.
 */
export function createLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const scrub = lineScrubber([
    ...config.accessTokens,
    ...config.chatbots.flatMap((chatbot) => chatbot.accessTokens ?? []),
  ]);
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, faultReplyErr: serializeError },
      ...(scrub ? { hooks: { streamWrite: scrub } } : {}),
    },
    destination ?? stdoutLogDestination(config),
  );
}

type Level = 'info' | 'warn' | 'error';

/** Outcomes that leave a visitor with Cliengo's own script rather than the handler's answer. */
const WARNINGS = new Set<WebhookOutcome | undefined>([
  'timeout',
  'shed',
  'client-gone',
  // A URL set in Cliengo for a chatbot this deployment does not serve: to be fixed there.
  'unknown-chatbot',
  'shutdown',
]);

/** What became of fault replies that are themselves a fault of the handler's code. */
const BROKEN_FAULT_REPLIES = new Set<FaultReplyOutcome | undefined>(['invalid', 'threw', 'async']);

function levelOf(
  status: number,
  outcome: WebhookOutcome | undefined,
  faultReply: FaultReplyOutcome | undefined,
): Level {
  if (outcome === 'error' || outcome === 'invalid-reply') return 'error';
  // A timeout whose fault reply could not be sent: a bug in onFault.
  if (BROKEN_FAULT_REPLIES.has(faultReply)) return 'error';
  if (WARNINGS.has(outcome)) return 'warn';
  if (status >= 500) return 'error';
  return status >= 400 ? 'warn' : 'info';
}

/**
 * One JSON line per request, written when the response is sent (for a webhook call whose
 * client went away, once its handler has been stopped): request id (the gateway's
 * `X-Request-Id` when it sends a sane one, else a new UUID, echoed back in the response),
 * the ids of its trace and span when tracing is on (see `startTracing`), method, URL (tokens
 * redacted), status, duration, and for webhooks the conversation id,
 * question id, handler, outcome, what became of a fault reply and queueing time. Personal data (visitor texts, lead, IPs)
 * only with `logPersonalData`. Health probes and metric scrapes are not logged. At level
 * `debug`, a webhook reply sent also gets a line of its own with its shape (see
 * `ReplyShape`); below `debug` nothing of it is computed.
 *
 * This middleware comes first: it also leaves the request's id and arrival time on
 * `res.locals` (see `RequestLocals`) for the layers after it.
 *
 * Written on pino directly rather than through pino-http: one `logger.info` per request
 * and no child logger, since the line is on the path of every webhook.
 */
export function createHttpLogger(config: AppConfig, logger: Logger): RequestHandler {
  const personal = config.logPersonalData;
  const replyShapes = logger.isLevelEnabled('debug');
  return (request: Request, response: Response, next: NextFunction) => {
    const started = performance.now();
    const incoming = request.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    const locals = response.locals as RequestLocals;
    locals.requestId = requestId;
    locals.arrivedAt = started;
    if (QUIET_PATHS.test(request.url)) {
      next();
      return;
    }
    const method = request.method;
    const url = redactTokens(request.url);
    const write = () => {
      const status = response.statusCode;
      // The reply in the result is the one sent when the call was answered 200.
      if (replyShapes && locals.webhook && status === 200 && response.writableFinished) {
        writeReplyShape(logger, requestId, locals, locals.webhook.result.reply);
      }
      const outcome = outcomeOf(locals);
      const level = levelOf(status, outcome, locals.webhook?.result.faultReply);
      if (!logger.isLevelEnabled(level)) return;
      const line: Record<string, unknown> = { requestId };
      addTraceIds(line, locals);
      line.req = personal ? { method, url, remoteAddress: request.ip } : { method, url };
      addWebhookFields(line, locals, personal);
      line.res = { statusCode: status };
      line.responseTime = Math.round(performance.now() - started);
      if (!response.writableFinished) line.aborted = true;
      logger[level](
        line,
        outcome
          ? `webhook ${outcome}`
          : response.writableFinished
            ? 'request completed'
            : 'request aborted',
      );
    };
    // A client that goes away mid-dispatch closes the response first; the line waits for
    // the dispatch to be stopped, so it says how the call ended.
    response.on('close', () => (locals.call ? locals.call.whenIdle(write) : write()));
    next();
  };
}
