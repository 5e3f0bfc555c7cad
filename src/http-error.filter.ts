import { STATUS_CODES } from 'node:http';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorBodyDto as ErrorBody } from './contract/error-body.dto.js';
import { bodyReadError } from './http/json-body.js';
import type { RequestLocals } from './http/request-locals.js';
import { redactTokens } from './logging/redact-tokens.js';
import type { WebhookMetrics } from './metrics/webhook.metrics.js';

function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function bodyOf(error: unknown): ErrorBody {
  const exception = bodyReadError(error) ?? error;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    // A body of its own (e.g. a failed health check's report) is sent as it is.
    if (typeof response === 'object' && response !== null && !('message' in response)) {
      return { ...response, statusCode: status } as ErrorBody;
    }
    if (typeof response === 'object' && response !== null) {
      const { message, fields } = response as { message?: unknown; fields?: ErrorBody['fields'] };
      const text = Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message;
      return {
        statusCode: status,
        error: reason(status),
        // Messages may quote the request's URL (Nest's "Cannot POST /token/..."): no token in
        // the answer, nor in the log line that records it.
        message: redactTokens(text),
        ...(fields ? { fields } : {}),
      };
    }
    return { statusCode: status, error: reason(status), message: redactTokens(String(response)) };
  }
  return {
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    error: reason(HttpStatus.INTERNAL_SERVER_ERROR),
    message: 'Internal server error',
  };
}

/**
 * Answers every error with a JSON `ErrorBody`: HTTP exceptions as they are, body-parser
 * failures (bad JSON, too large, bad encoding) with their proper status, and anything else
 * as a 500 that reveals nothing of the internals (it is logged instead). Each is counted as
 * a rejected request and left for the request's log line.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  readonly #logger = new Logger('HttpError');

  constructor(private readonly metrics?: WebhookMetrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = bodyOf(exception);
    // A fault: what was thrown is logged. An HTTP exception of 5xx is an answer given on
    // purpose (readiness 503 during a shutdown), not a fault: its request's line says it.
    if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      this.#logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    // An answer has gone already (the shutdown's, say): this error is not what the client got.
    if (response.headersSent) return;
    this.metrics?.recordRejection(body.statusCode);
    (response.locals as RequestLocals).error = body;
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.statusCode).json(body);
  }
}
