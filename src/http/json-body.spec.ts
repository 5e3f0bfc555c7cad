import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import type { HttpException } from '@nestjs/common';
import { bodyReadError, jsonContentTypeProblem, readJsonBody } from './json-body.js';

type FakeRequest = IncomingMessage & { body?: unknown };

function request(bytes: Buffer | string, headers: Record<string, string> = {}): FakeRequest {
  const body = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return Object.assign(Readable.from([body]), {
    headers: { 'content-length': String(body.length), ...headers },
  }) as unknown as FakeRequest;
}

function read(
  subject: FakeRequest,
  limit = 1024,
): Promise<{ body?: unknown; error?: HttpException }> {
  return new Promise((resolve) => {
    readJsonBody(subject, limit, (error) => resolve({ body: subject.body, error }));
  });
}

describe('jsonContentTypeProblem', () => {
  it.each([
    'application/json',
    'APPLICATION/JSON',
    'application/json; charset=utf-8',
    'application/json;charset=UTF8',
    'application/vnd.cliengo+json',
  ])('accepts %s', (header) => {
    expect(jsonContentTypeProblem(header)).toBeUndefined();
  });

  it.each([
    [undefined, 'got none'],
    ['text/plain', 'got "text/plain"'],
    ['application/jsonx', 'got "application/jsonx"'],
    ['text/json', 'got "text/json"'],
    ['json', 'got "json"'],
  ])('refuses %s with 415', (header, detail) => {
    const problem = jsonContentTypeProblem(header);
    expect(problem?.getStatus()).toBe(415);
    expect(problem?.message).toContain(detail);
  });

  it('refuses a charset other than UTF-8 with 415, naming it', () => {
    const problem = jsonContentTypeProblem('application/json; charset=utf-16le');
    expect(problem?.getStatus()).toBe(415);
    expect(problem?.message).toBe('The request body must be UTF-8 JSON; got charset "utf-16le"');
  });
});

describe('readJsonBody', () => {
  const payload = { conversationId: 'c1', text: 'ñandú ✓' };
  const text = JSON.stringify(payload);

  it('parses a UTF-8 body into request.body', async () => {
    expect(await read(request(text))).toEqual({ body: payload, error: undefined });
  });

  it('decodes characters split across chunks', async () => {
    const bytes = Buffer.from(text);
    const split = bytes.indexOf(Buffer.from('ñ')) + 1; // between the two bytes of ñ
    const subject = Object.assign(
      Readable.from([bytes.subarray(0, split), bytes.subarray(split)]),
      {
        headers: { 'content-length': String(bytes.length) },
      },
    ) as unknown as FakeRequest;
    expect(await read(subject)).toEqual({ body: payload, error: undefined });
  });

  it('reads a body split anywhere, in two or three chunks, as it reads it whole', async () => {
    // A byte order mark, a two-byte and a three-byte character and an invalid byte: every
    // cut falls once inside each of them.
    const bytes = Buffer.concat([
      Buffer.from(`\uFEFF{"text":"ñ✓a`),
      Buffer.from([0xff]),
      Buffer.from('b"}'),
    ]);
    const whole = (await read(request(bytes))).body;
    expect(whole).toEqual({ text: 'ñ✓a\uFFFDb' });
    for (let cut = 1; cut < bytes.length; cut++) {
      for (const parts of [
        [bytes.subarray(0, cut), bytes.subarray(cut)],
        [bytes.subarray(0, cut), bytes.subarray(cut, cut + 1), bytes.subarray(cut + 1)],
      ]) {
        const subject = Object.assign(Readable.from(parts.filter((part) => part.length > 0)), {
          headers: { 'content-length': String(bytes.length) },
        }) as unknown as FakeRequest;
        expect(await read(subject)).toEqual({ body: whole, error: undefined });
      }
    }
  });

  it('reads invalid UTF-8 as U+FFFD, as Buffer#toString does', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"text":"a'),
      Buffer.from([0xff]),
      Buffer.from('b"}'),
    ]);
    expect((await read(request(bytes))).body).toEqual({ text: 'a\uFFFDb' });
  });

  it('answers 400 when the connection closes before the body ends', async () => {
    const stream = new Readable({ read() {} });
    const subject = Object.assign(stream, {
      headers: { 'content-length': '100' },
    }) as unknown as FakeRequest;
    const pending = read(subject);
    stream.push('{"conversationId":');
    stream.destroy();
    const { error } = await pending;
    expect(error?.getStatus()).toBe(400);
    expect(error?.message).toBe('The request was aborted by the client');
  });

  it('ignores a UTF-8 byte order mark', async () => {
    expect((await read(request(`\uFEFF${text}`))).body).toEqual(payload);
  });

  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decompresses a %s body', async (encoding, compress) => {
    const subject = request(compress(Buffer.from(text)), { 'content-encoding': encoding });
    expect(await read(subject)).toEqual({ body: payload, error: undefined });
  });

  it('answers 415 to an unknown content encoding', async () => {
    const { error } = await read(request(text, { 'content-encoding': 'compress' }));
    expect(error?.getStatus()).toBe(415);
    expect(error?.message).toBe('Unsupported content encoding "compress"');
  });

  it('answers 400 to a corrupt compressed body', async () => {
    const { error } = await read(request(text, { 'content-encoding': 'gzip' }));
    expect(error?.getStatus()).toBe(400);
    expect(error?.message).toMatch(/^The request body cannot be read: /);
  });

  it('answers 400 to a body that is not JSON, with the parser message', async () => {
    const { error, body } = await read(request('{"a":'));
    expect(error?.getStatus()).toBe(400);
    expect(error?.message).toMatch(/^The request body is not valid JSON: /);
    expect(body).toBeUndefined();
  });

  it('answers 400 to an empty body', async () => {
    expect((await read(request(''))).error?.getStatus()).toBe(400);
  });

  it('answers 413 over the limit, before reading when Content-Length says so', async () => {
    const { error } = await read(request(text), text.length - 1);
    expect(error?.getStatus()).toBe(413);
    expect(error?.message).toBe(
      'The request body is larger than the configured limit (BODY_LIMIT)',
    );
  });

  it('answers 413 when a compressed body inflates over the limit', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(10_000) });
    const subject = request(gzipSync(Buffer.from(big)), { 'content-encoding': 'gzip' });
    expect((await read(subject, 1024)).error?.getStatus()).toBe(413);
  });

  it('answers 400 when the body is shorter than its Content-Length', async () => {
    const subject = request(text, { 'content-length': String(text.length + 5) });
    const { error } = await read(subject);
    expect(error?.getStatus()).toBe(400);
  });
});

describe('bodyReadError', () => {
  it('maps body-parser errors by type, also when wrapped', () => {
    const raw = Object.assign(new Error('too big'), { type: 'entity.too.large' });
    expect(bodyReadError(raw)?.getStatus()).toBe(413);
    const charset = Object.assign(new Error('unsupported charset "LATIN1"'), {
      type: 'charset.unsupported',
    });
    expect(bodyReadError(charset)?.message).toBe('unsupported charset "LATIN1"');
  });

  it('leaves other errors alone', () => {
    expect(bodyReadError(new Error('boom'))).toBeUndefined();
    expect(bodyReadError(Object.assign(new Error('x'), { type: 'toString' }))).toBeUndefined();
    expect(bodyReadError(null)).toBeUndefined();
  });
});
