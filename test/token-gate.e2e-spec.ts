import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CapturedLogs } from './support/captured-logs.js';
import { documentedRequest } from './support/documented-examples.js';
import { RawConnection, rawPost } from './support/raw-http.js';
import { createTestApp } from './support/test-app.js';

/**
 * The access token holds whatever spelling of the path or form of the request line reaches
 * a webhook route, and never reaches a log line or an error body.
 */

const TOKEN = 'current-token-0123456789';
const body = () => JSON.stringify(documentedRequest());

async function listening(app: NestExpressApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

/** Sends one raw POST on a fresh connection and returns its status. */
async function statusOf(port: number, target: string, headers: Record<string, string> = {}) {
  const connection = await RawConnection.open(port);
  try {
    connection.write(rawPost(target, body(), { Connection: 'close', ...headers }));
    return (await connection.response())?.status;
  } finally {
    connection.close();
  }
}

describe('the access token, whatever the path or request line', () => {
  let app: NestExpressApplication;
  let port: number;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    app = await createTestApp({ config: { accessTokens: [TOKEN] }, logs });
    port = await listening(app);
  });
  afterAll(() => app.close());

  it.each([
    ['upper-case path', '/WEBHOOK'],
    ['mixed-case per-question path', '/Webhook/Questions/3'],
    ['trailing slash', '/webhook/'],
    ['per-question path with a trailing slash', '/webhook/questions/3/'],
    ['absolute-form request line', 'http://service.test/webhook'],
    ['absolute-form, upper-case path', 'HTTP://service.test/WEBHOOK/questions/3'],
    ['absolute-form with a wrong token in the path', 'http://x/token/nope-nope-nope-nope/webhook'],
    ['a token segment in upper case with a wrong token', '/TOKEN/nope-nope-nope-nope/webhook'],
  ])('refuses a request without a valid token: %s', async (_case, target) => {
    expect(await statusOf(port, target)).toBe(401);
  });

  it.each([
    ['upper-case path, token in the query', `/WEBHOOK?token=${TOKEN}`],
    ['absolute form, token in the path', `http://service.test/token/${TOKEN}/webhook`],
    ['token segment in another case', `/Token/${TOKEN}/Webhook/Questions/3`],
  ])('answers with a valid token: %s', async (_case, target) => {
    expect(await statusOf(port, target)).toBe(200);
  });

  it('never lets a token reach a log line or an error body, whatever its spelling', async () => {
    logs.clear();
    const variants = [
      `/token/${TOKEN}/nope`,
      `/Token/${TOKEN}/nope`,
      `/TOKEN/${TOKEN}/webhook/nope`,
      `/nope?TOKEN=${TOKEN}`,
      `/nope?x=1&Token=${TOKEN}`,
      `/nope?%74oken=${TOKEN}`,
      `http://service.test/token/${TOKEN}/nope`,
    ];
    const bodies: string[] = [];
    for (const target of variants) {
      const connection = await RawConnection.open(port);
      connection.write(rawPost(target, body(), { Connection: 'close' }));
      const response = await connection.response();
      connection.close();
      expect(response?.status).toBe(404);
      bodies.push(response!.body);
    }
    // The lines are written when each response has been sent: wait for the last one.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const written = JSON.stringify(logs.lines);
    expect(logs.lines.filter((line) => line.res !== undefined)).toHaveLength(variants.length);
    expect(written).not.toContain(TOKEN);
    expect(bodies.join('\n')).not.toContain(TOKEN);
    expect(written).toContain('Cannot POST /token/[redacted]/nope');
    expect(written).toContain('?TOKEN=[redacted]');
  });
});

describe('the access token under PATH_PREFIX', () => {
  let app: NestExpressApplication;
  let port: number;

  beforeAll(async () => {
    app = await createTestApp({ config: { accessTokens: [TOKEN], pathPrefix: '/cliengo' } });
    port = await listening(app);
  });
  afterAll(() => app.close());

  it.each([
    ['upper-case prefix', '/CLIENGO/webhook'],
    ['mixed-case webhook', '/cliengo/Webhook'],
    ['both, per question', '/Cliengo/WEBHOOK/questions/3'],
    ['absolute form', 'http://service.test/CLIENGO/webhook'],
  ])('refuses a request without a valid token: %s', async (_case, target) => {
    expect(await statusOf(port, target)).toBe(401);
  });

  it('answers a valid token under a prefix spelled in another case', async () => {
    expect(await statusOf(port, `/CLIENGO/token/${TOKEN}/webhook`)).toBe(200);
  });
});
