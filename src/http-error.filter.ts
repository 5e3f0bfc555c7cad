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
import type { WebhookLogLocals } from './logging/http-logger.js';
import type { WebhookMetrics } from './metrics/webhook.metrics.js';

/** The errors the JSON body parser raises, by their `type`. */
const BODY_PARSER_ERRORS: Record<string, { status: number; message: (error: Error) => string }> = {
  'entity.parse.failed': {
    status: HttpStatus.BAD_REQUEST,
    message: (error) => `The request body is not valid JSON: ${error.message}`,
  },
  'entity.too.large': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    message: () => 'The request body is larger than the configured limit (BODY_LIMIT)',
  },
  'encoding.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    message: (error) => error.message,
  },
  'charset.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    message: (error) => error.message,
  },
  'request.aborted': {
    status: HttpStatus.BAD_REQUEST,
    message: () => 'The request was aborted by the client',
  },
};

function reason(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** A body-parser failure, raw or as Nest's express adapter wraps it (in `cause`). */
function bodyParserError(exception: unknown): ErrorBody | undefined {
  const error = exception instanceof HttpException ? exception.cause : exception;
  const type = (error as { type?: unknown } | null | undefined)?.type;
  const known = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
  if (!known) return undefined;
  return {
    statusCode: known.status,
    error: reason(known.status),
    message: known.message(error as Error),
  };
}

function bodyOf(exception: unknown): ErrorBody {
  const parserBody = bodyParserError(exception);
  if (parserBody) return parserBody;
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
        message: text,
        ...(fields ? { fields } : {}),
      };
    }
    return { statusCode: status, error: reason(status), message: String(response) };
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
    if (body.statusCode >= 500) {
      this.#logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    this.metrics?.recordRejection(body.statusCode);
    (response.locals as WebhookLogLocals).error = body;
    if (response.headersSent) return;
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.statusCode).json(body);
  }
}
