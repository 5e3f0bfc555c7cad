import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  BadRequestException,
  HttpException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { parse as parseContentType } from 'content-type';

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

const notJson = (error: Error) =>
  new BadRequestException(`The request body is not valid JSON: ${error.message}`);
const tooLarge = () =>
  new PayloadTooLargeException('The request body is larger than the configured limit (BODY_LIMIT)');
const wrongLength = () =>
  new BadRequestException('The request body is not as long as its Content-Length says');
const aborted = () => new BadRequestException('The request was aborted by the client');

/**
 * The errors body-parser (which reads the bodies of other routes) raises, by their `type`,
 * as the HTTP errors they answer: the same as the webhook's own reader answers.
 */
const BODY_ERRORS: Record<string, (error: Error) => HttpException> = {
  'entity.parse.failed': notJson,
  'entity.too.large': tooLarge,
  'request.size.invalid': wrongLength,
  'request.aborted': aborted,
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

/** `text` without a leading byte order mark, as `TextDecoder` reads it. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads a JSON request body into `request.body`, then calls `done` (with the HTTP error to
 * answer, if any): at most `limit` bytes (a `Content-Length` over it is refused before
 * reading), decompressed when it comes gzip, deflate or brotli encoded, a UTF-8 byte order
 * mark ignored, invalid UTF-8 read as U+FFFD (as `Buffer#toString` would).
 *
 * The webhook's own reader, in place of body-parser and raw-body: the content type is
 * parsed once, by the gate; a body that comes in one chunk is decoded once, and one that
 * comes in several is decoded as it arrives by a streaming `TextDecoder`, where raw-body
 * decodes through iconv-lite (about three times slower for UTF-8 on the Node versions we
 * run). On a 500-entry conversation that is about a fifth of the service's time per
 * request.
 */
export function readJsonBody(
  request: IncomingMessage & { body?: unknown },
  limit: number,
  done: (error?: HttpException) => void,
): void {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase();
  const declared = request.headers['content-length'];
  let expected = declared === undefined ? undefined : Number(declared);
  let stream: Readable = request;
  if (encoding !== 'identity') {
    const decompressor = Object.hasOwn(DECOMPRESSORS, encoding)
      ? DECOMPRESSORS[encoding]
      : undefined;
    if (!decompressor) {
      done(new UnsupportedMediaTypeException(`Unsupported content encoding "${encoding}"`));
      return;
    }
    stream = request.pipe(decompressor()) as unknown as Readable;
    expected = undefined;
  } else if (expected !== undefined && expected > limit) {
    done(tooLarge());
    return;
  }

  // Most bodies arrive in one chunk, decoded at the end in one call; a streaming decoder
  // is made only for a body that comes in several.
  let first: Buffer | undefined;
  let decoder: TextDecoder | undefined;
  let text = '';
  let received = 0;
  let settled = false;
  const settle = (error?: HttpException) => {
    if (settled) return;
    settled = true;
    stream.off('data', onData).off('end', onEnd).off('error', onError);
    request.off('close', onClose).off('error', onError);
    if (error) {
      // Stop reading: what is left of a refused body is not worth the bandwidth.
      request.unpipe();
      stream.pause();
    }
    done(error);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) {
      settle(tooLarge());
    } else if (decoder) {
      text += decoder.decode(chunk, { stream: true });
    } else if (first) {
      decoder = new TextDecoder();
      text = decoder.decode(first, { stream: true }) + decoder.decode(chunk, { stream: true });
      first = undefined;
    } else {
      first = chunk;
    }
  };
  const onEnd = () => {
    if (decoder) text += decoder.decode();
    else if (first) text = withoutBom(first.toString('utf8'));
    if (expected !== undefined && received !== expected) {
      settle(wrongLength());
      return;
    }
    try {
      request.body = JSON.parse(text);
    } catch (parseError) {
      settle(notJson(parseError as Error));
      return;
    }
    settle();
  };
  // A broken compressed stream, or a connection reset.
  const onError = (error: Error) =>
    settle(new BadRequestException(`The request body cannot be read: ${error.message}`));
  const onClose = () => {
    if (!request.readableEnded) settle(aborted());
  };
  stream.on('data', onData).on('end', onEnd).on('error', onError);
  if (stream !== request) request.on('error', onError);
  request.on('close', onClose);
}
