import { gzipSync } from 'node:zlib';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DRAIN_LIMIT_BYTES } from '../src/http/early-response.js';
import { documentedRequest } from './support/documented-examples.js';
import { RawConnection, rawPost } from './support/raw-http.js';
import { createTestApp } from './support/test-app.js';

/**
 * What a connection is fit for after each kind of answer: a refusal sent before the body
 * was read must not leave the rest of the body on a pooled connection (the next request
 * would wait behind it), nor make the service read an unbounded body; `100 Continue` is
 * sent only once the gate has accepted the request; other methods get 405.
 */

const TOKEN = 'current-token-0123456789';
const LIMIT = 4_096;
const valid = () => JSON.stringify(documentedRequest());

let app: NestExpressApplication;
let port: number;

beforeAll(async () => {
  app = await createTestApp({ config: { accessTokens: [TOKEN], bodyLimitBytes: LIMIT } });
  await app.listen(0, '127.0.0.1');
  port = (app.getHttpServer().address() as AddressInfo).port;
});
afterAll(() => app.close());

const authorized = `/token/${TOKEN}/webhook`;

function head(target: string, headers: Record<string, string>): string {
  return `${[`POST ${target} HTTP/1.1`, 'Host: service.test', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n')}\r\n\r\n`;
}

function chunk(data: string | Buffer): Buffer {
  const bytes = Buffer.from(data);
  return Buffer.concat([
    Buffer.from(`${bytes.length.toString(16)}\r\n`),
    bytes,
    Buffer.from('\r\n'),
  ]);
}

describe('a refusal sent before the body was read', () => {
  it('closes the connection after a 413 for a chunked body, and the next connection is answered', async () => {
    const connection = await RawConnection.open(port);
    connection.write(
      head(authorized, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }),
    );
    connection.write(chunk(`{"channel":"WEB","x":"${'a'.repeat(LIMIT)}`));
    const refused = await connection.response();
    expect(refused?.status).toBe(413);
    expect(refused?.headers.connection).toBe('close');
    expect(await connection.whenClosed()).toBe(true);
  });

  it('keeps a keep-alive client working: a 413 for a 3 MB body, then a valid request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const call = http.request(
          {
            host: '127.0.0.1',
            port,
            path: authorized,
            method: 'POST',
            agent,
            headers: { 'Content-Type': 'application/json' },
            timeout: 5_000,
          },
          (response) => {
            let text = '';
            response.on('data', (part) => (text += part));
            response.on('end', () => resolve({ status: response.statusCode!, text }));
          },
        );
        call.on('timeout', () => call.destroy(new Error('timed out')));
        call.on('error', reject);
        call.end(body);
      });
    try {
      const refused = await post(`{"x":"${'a'.repeat(3 * 1024 * 1024)}"}`).catch(
        (error: NodeJS.ErrnoException) => ({ status: 0, text: error.code ?? '' }),
      );
      expect([413, 0]).toContain(refused.status);
      const started = Date.now();
      const answered = await post(valid());
      expect(answered.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      agent.destroy();
    }
  });

  it('closes the connection after a corrupt gzip body of several chunks', async () => {
    const gzipped = gzipSync(Buffer.from(`{"channel":"WEB","pad":"${'x'.repeat(200_000)}"}`));
    const corrupt = Buffer.concat([gzipped.subarray(0, 10), Buffer.alloc(100_000, 0xff)]);
    const connection = await RawConnection.open(port);
    connection.write(
      head(authorized, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Transfer-Encoding': 'chunked',
      }),
    );
    connection.write(chunk(corrupt.subarray(0, 30)));
    connection.write(chunk(corrupt.subarray(30)));
    const refused = await connection.response();
    expect(refused?.status).toBe(400);
    expect(refused?.headers.connection).toBe('close');
    expect(await connection.whenClosed()).toBe(true);
  });

  it('reads and drops a short unread body, so the same connection answers the next request', async () => {
    const connection = await RawConnection.open(port);
    // 401 before the body is read: the rest is drained, the connection kept.
    connection.write(rawPost('/webhook', valid()));
    const refused = await connection.response();
    expect(refused?.status).toBe(401);
    expect(refused?.headers.connection).not.toBe('close');
    connection.write(rawPost(authorized, valid()));
    const answered = await connection.response();
    expect(answered?.status).toBe(200);
    expect(JSON.parse(answered!.body).response.response_type).toBe('LIST');
    connection.close();
  });

  it('does not read a long body it refuses: it closes the connection instead', async () => {
    const connection = await RawConnection.open(port);
    const declared = 512 * 1024 * 1024;
    connection.write(
      head('/webhook', { 'Content-Type': 'application/json', 'Content-Length': String(declared) }),
    );
    connection.write(Buffer.alloc(DRAIN_LIMIT_BYTES, 0x20));
    const refused = await connection.response();
    expect(refused?.status).toBe(401);
    expect(refused?.headers.connection).toBe('close');
    expect(await connection.whenClosed()).toBe(true);
  });
});

describe('Expect: 100-continue', () => {
  it('sends no 100 Continue to a request the gate refuses', async () => {
    const connection = await RawConnection.open(port);
    connection.write(
      head('/webhook', {
        'Content-Type': 'application/json',
        'Content-Length': '5000000',
        Expect: '100-continue',
      }),
    );
    const refused = await connection.response();
    expect(refused?.status).toBe(401);
    expect(await connection.whenClosed()).toBe(true);
  });

  it('sends 100 Continue once the request is accepted, then answers the body', async () => {
    const body = valid();
    const connection = await RawConnection.open(port);
    connection.write(
      head(authorized, {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        Expect: '100-continue',
      }),
    );
    const interim = await connection.response();
    expect(interim?.status).toBe(100);
    connection.write(body);
    const answered = await connection.response();
    expect(answered?.status).toBe(200);
    connection.close();
  });

  it('sends no 100 Continue for a body of the wrong media type', async () => {
    const connection = await RawConnection.open(port);
    connection.write(
      head(authorized, {
        'Content-Type': 'text/plain',
        'Content-Length': '10',
        Expect: '100-continue',
      }),
    );
    expect((await connection.response())?.status).toBe(415);
    connection.close();
  });
});

describe('other methods on the webhook routes', () => {
  it.each([
    ['GET', authorized],
    ['PUT', `/token/${TOKEN}/webhook/questions/3`],
    ['DELETE', `/webhook?token=${TOKEN}`],
  ])('answers %s %s with 405 and Allow: POST', async (method, target) => {
    const connection = await RawConnection.open(port);
    connection.write(`${method} ${target} HTTP/1.1\r\nHost: service.test\r\n\r\n`);
    const response = await connection.response();
    expect(response?.status).toBe(405);
    expect(response?.headers.allow).toBe('POST');
    expect(JSON.parse(response!.body)).toMatchObject({
      statusCode: 405,
      error: 'Method Not Allowed',
    });
    connection.close();
  });

  it('still asks for the token first', async () => {
    const connection = await RawConnection.open(port);
    connection.write('GET /webhook HTTP/1.1\r\nHost: service.test\r\n\r\n');
    expect((await connection.response())?.status).toBe(401);
    connection.close();
  });
});

describe('slow clients and connection count', () => {
  let slowApp: NestExpressApplication;
  let slowPort: number;
  const HEADERS_TIMEOUT_MS = 400;
  const REQUEST_TIMEOUT_MS = 800;

  beforeAll(async () => {
    slowApp = await createTestApp({
      config: {
        headersTimeoutMs: HEADERS_TIMEOUT_MS,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: 5_000,
        maxConnections: 4,
      },
    });
    await slowApp.listen(0, '127.0.0.1');
    slowPort = (slowApp.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => slowApp.close());

  it('cuts off a client that does not finish its headers in time, with 408', async () => {
    const connection = await RawConnection.open(slowPort);
    const started = Date.now();
    connection.write('POST /webhook HTTP/1.1\r\nHost: service.test\r\n');
    const response = await connection.response(3_000);
    expect(response?.status).toBe(408);
    expect(await connection.whenClosed()).toBe(true);
    expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 500);
  });

  it('cuts off a client that sends its body too slowly', async () => {
    const connection = await RawConnection.open(slowPort);
    const started = Date.now();
    connection.write(
      head('/webhook', { 'Content-Type': 'application/json', 'Content-Length': '1000' }),
    );
    const trickle = setInterval(() => connection.write(' '), 50);
    try {
      expect(await connection.whenClosed(3_000)).toBe(true);
    } finally {
      clearInterval(trickle);
    }
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + 500);
  });

  it('keeps an idle keep-alive connection past the headers timeout, up to the keep-alive timeout', async () => {
    const connection = await RawConnection.open(slowPort);
    connection.write(rawPost('/webhook', valid()));
    expect((await connection.response())?.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, HEADERS_TIMEOUT_MS * 2.5));
    expect(connection.closed).toBe(false);
    connection.write(rawPost('/webhook', valid()));
    expect((await connection.response())?.status).toBe(200);
    connection.close();
  });

  it('closes connections beyond MAX_CONNECTIONS as they come', async () => {
    const held = await Promise.all([1, 2, 3, 4].map(() => RawConnection.open(slowPort)));
    // Let the server count them before the next one comes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const extra = await RawConnection.open(slowPort);
    try {
      expect(await extra.whenClosed(1_000)).toBe(true);
      held[0].write(rawPost('/webhook', valid()));
      expect((await held[0].response())?.status).toBe(200);
    } finally {
      for (const connection of [...held, extra]) connection.close();
    }
  });
});
