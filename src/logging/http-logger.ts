import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type DestinationStream, type Logger, pino, stdTimeFunctions } from 'pino';
import type { AppConfig } from '../config/app.config.js';
import type { ErrorBodyDto } from '../contract/error-body.dto.js';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { Conversation } from '../webhook/conversation.context.js';
import type { DispatchResult } from '../webhook/webhook.dispatcher.js';
import { type BatchSink, BatchedDestination } from './batched-destination.js';
import { lineScrubber, redactTokens } from './redact-tokens.js';

/** What the webhook controller leaves on `res.locals` for the request's log line. */
export interface WebhookLogLocals {
  webhook?: { result: DispatchResult; request: WebhookRequestDto };
  /** The error body sent, for requests answered with an error status. */
  error?: ErrorBodyDto;
}

const REQUEST_ID = /^[\w.:@-]{1,128}$/;
/** Paths polled by probes and scrapers: answered, never logged. */
const QUIET_PATHS = /\/(health\/(live|ready)|metrics)(\?|$)/;

/** What pino's `err` serializer should see: an Error (type, message, stack). */
function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(
    `non-Error value thrown: ${typeof error === 'string' ? error : JSON.stringify(error)}`,
  );
}

/** Adds the webhook's fields (and personal data when allowed) to a log line, in place. */
function addWebhookFields(
  line: Record<string, unknown>,
  locals: WebhookLogLocals,
  personal: boolean,
): void {
  const webhook = locals.webhook;
  if (webhook) {
    const result = webhook.result;
    line.conversationId = result.conversationId;
    line.questionId = result.questionId;
    line.handler = result.handler;
    line.outcome = result.outcome;
    line.durationMs = result.durationMs;
    if (result.error !== undefined) line.err = asError(result.error);
    if (result.fields) line.replyFields = result.fields;
    if (personal) {
      const request = webhook.request;
      const conversation = new Conversation(request, undefined, () => AbortSignal.abort());
      line.visitorMessage = conversation.visitorMessage;
      line.lead = conversation.lead;
      line.visitorIp = request.visitorData?.visitorIp;
    }
  }
  if (locals.error) {
    line.rejection = { message: locals.error.message, fields: locals.error.fields };
  }
}

/**
 * pino's asynchronous destination (sonic-boom) on standard output, in buffer mode: it is
 * given batches of bytes (its types only speak of strings).
 */
function stdoutBatchSink(): BatchSink {
  const sonic = pino.destination({ dest: 1, sync: false, contentMode: 'buffer' });
  return {
    write: (chunk) => sonic.write(chunk as unknown as string),
    flushSync: () => sonic.flushSync(),
  };
}

/**
 * The service's pino logger: JSON lines on stdout (or `destination`), written in batches
 * (see `BatchedDestination`), with any configured access token scrubbed from every line.
 */
export function createLogger(config: AppConfig, destination?: DestinationStream): Logger {
  const scrub = lineScrubber(config.accessTokens);
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      ...(scrub ? { hooks: { streamWrite: scrub } } : {}),
    },
    destination ?? new BatchedDestination(stdoutBatchSink()),
  );
}

type Level = 'info' | 'warn' | 'error';

function levelOf(status: number, outcome: string | undefined): Level {
  if (status >= 500 || outcome === 'error' || outcome === 'invalid-reply') return 'error';
  if (outcome === 'timeout' || status >= 400) return 'warn';
  return 'info';
}

/**
 * One JSON line per request, written when the response is sent: request id (the gateway's
 * `X-Request-Id` when it sends a sane one, else a new UUID, echoed back in the response),
 * method, URL (tokens redacted), status, duration, and for webhooks the conversation id,
 * question id, handler and outcome. Personal data (visitor texts, lead, IPs) only with
 * `logPersonalData`. Health probes and metric scrapes are not logged.
 *
 * Written on pino directly rather than through pino-http: one `logger.info` per request
 * and no child logger, since the line is on the path of every webhook.
 */
export function createHttpLogger(config: AppConfig, logger: Logger): RequestHandler {
  const personal = config.logPersonalData;
  return (request: Request, response: Response, next: NextFunction) => {
    const started = performance.now();
    const incoming = request.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    if (QUIET_PATHS.test(request.url)) {
      next();
      return;
    }
    const method = request.method;
    const url = redactTokens(request.url);
    response.on('close', () => {
      const locals = response.locals as WebhookLogLocals;
      const status = response.statusCode;
      const outcome = locals.webhook?.result.outcome;
      const level = levelOf(status, outcome);
      if (!logger.isLevelEnabled(level)) return;
      const line: Record<string, unknown> = {
        requestId,
        req: personal ? { method, url, remoteAddress: request.ip } : { method, url },
      };
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
    });
    next();
  };
}
