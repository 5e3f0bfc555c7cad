import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { parse as parseContentType } from 'content-type';
import getRawBody from 'raw-body';

/** `application/json` and the `+json` media types (`application/vnd.cliengo+json`). */
const JSON_MEDIA_TYPE = /^application\/(?:[^/]+\+)?json$/;
const UTF8 = /^utf-?8$/i;

/** The decompressions a body may arrive with (`Content-Encoding`). */
const DECOMPRESSORS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The errors raised while reading a body, by their `type` (set by raw-body, and by
 * body-parser, which reads the bodies of other routes), as the HTTP errors they answer.
 */
const BODY_ERRORS: Record<string, (error: Error) => HttpException> = {
  'entity.parse.failed': (error) =>
    new BadRequestException(`The request body is not valid JSON: ${error.message}`),
  'entity.too.large': () =>
    new PayloadTooLargeException(
      'The request body is larger than the configured limit (BODY_LIMIT)',
    ),
  'request.size.invalid': () =>
    new BadRequestException('The request body is not as long as its Content-Length says'),
  'request.aborted': () => new BadRequestException('The request was aborted by the client'),
  'encoding.unsupported': (error) => new UnsupportedMediaTypeException(error.message),
  'charset.unsupported': (error) => new UnsupportedMediaTypeException(error.message),
};

/**
 * The HTTP error a body-reading failure answers, or undefined when `error` is not one.
 * Nest's express adapter may have wrapped it (in `cause`).
 */
export function bodyReadError(error: unknown): HttpException | undefined {
  const cause = error instanceof HttpException ? error.cause : error;
  const type = (cause as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' && Object.hasOwn(BODY_ERRORS, type)
    ? BODY_ERRORS[type](cause as Error)
    : undefined;
}

/**
 * Why a `Content-Type` header does not announce a UTF-8 JSON body (the only encoding JSON
 * may travel in between systems, RFC 8259 §8.1), or undefined when it does.
 */
export function jsonContentTypeProblem(header: string | undefined): HttpException | undefined {
  const refused = () =>
    new UnsupportedMediaTypeException(
      `The request body must be JSON (Content-Type: application/json); got ${header ? `"${header}"` : 'none'}`,
    );
  if (!header) return refused();
  const parsed = parseContentType(header);
  if (!JSON_MEDIA_TYPE.test(parsed.type)) return refused();
  const charset = parsed.parameters.charset;
  if (charset !== undefined && !UTF8.test(charset)) {
    return new UnsupportedMediaTypeException(
      `The request body must be UTF-8 JSON; got charset "${charset}"`,
    );
  }
  return undefined;
}

/**
 * Reads a JSON request body into `request.body`, then calls `done` (with the HTTP error to
 * answer, if any): at most `limit` bytes, decompressed when it comes gzip, deflate or
 * brotli encoded, a UTF-8 byte order mark ignored.
 *
 * The webhook's own reader, in place of body-parser's: the content type is checked once,
 * by the gate, and the bytes are decoded with `Buffer#toString` instead of a decoder
 * stream, which on the path of every webhook is worth about a tenth of a bare Express
 * app's time per request. raw-body (body-parser's own reader) does the reading.
 */
export function readJsonBody(
  request: IncomingMessage & { body?: unknown },
  limit: number,
  done: (error?: HttpException) => void,
): void {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  let stream: Readable | NodeJS.ReadWriteStream = request;
  let length: string | undefined = request.headers['content-length'];
  if (encoding !== 'identity') {
    const decompressor = Object.hasOwn(DECOMPRESSORS, encoding)
      ? DECOMPRESSORS[encoding]
      : undefined;
    if (!decompressor) {
      done(new UnsupportedMediaTypeException(`Unsupported content encoding "${encoding}"`));
      return;
    }
    stream = request.pipe(decompressor());
    length = undefined;
  }
  getRawBody(stream, { length, limit }, (error, bytes) => {
    if (error) {
      // A broken compressed stream has no type of its own: the body is unreadable.
      done(
        bodyReadError(error) ??
          new BadRequestException(`The request body cannot be read: ${error.message}`),
      );
      return;
    }
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
      request.body = JSON.parse(text);
    } catch (parseError) {
      done(BODY_ERRORS['entity.parse.failed'](parseError as Error));
      return;
    }
    done();
  });
}
