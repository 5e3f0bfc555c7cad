import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import { OptionError, WebhookClient } from './webhook-client.js';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

const request: WebhookRequestDto = { channel: 'WEB', conversationId: 'c1' };
const TOKEN = 'sim-secret-token-0123456789';

describe('WebhookClient', () => {
  let server: Server;
  let base: string;
  const received: Received[] = [];
  let respond: (response: ServerResponse) => void;

  beforeAll(async () => {
    server = createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        received.push({
          method: incoming.method,
          url: incoming.url,
          headers: incoming.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        });
        respond(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.splice(0);
    respond = (response) => {
      response.setHeader('content-type', 'application/json');
      response.end('{"response":{"text":["hola"]}}');
    };
  });

  it('posts the request as JSON to the global URL and reads the JSON reply', async () => {
    const client = new WebhookClient({ url: `${base}/` });

    const exchange = await client.post(request, undefined);

    expect(received[0]).toMatchObject({ method: 'POST', url: '/webhook', body: request });
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].headers.authorization).toBeUndefined();
    expect(exchange).toMatchObject({
      status: 200,
      body: { response: { text: ['hola'] } },
      path: '/webhook',
      url: `${base}/webhook`,
    });
    expect(exchange.failure).toBeUndefined();
  });

  it('posts to the per-question URL in per-question mode', async () => {
    const client = new WebhookClient({ url: base, mode: 'per-question' });

    await client.post(request, 7);

    expect(received[0].url).toBe('/webhook/questions/7');
    expect(client.describe()).toBe(`${base}/webhook/questions/{id}`);
  });

  it("posts to a chatbot's own URLs, global and per question", async () => {
    const global = new WebhookClient({ url: base, chatbot: 'autos' });
    const perQuestion = new WebhookClient({ url: base, chatbot: 'motos', mode: 'per-question' });

    const exchange = await global.post(request, 3);
    await perQuestion.post(request, 7);

    expect(received.map((call) => call.url)).toEqual([
      '/chatbots/autos/webhook',
      '/chatbots/motos/webhook/questions/7',
    ]);
    expect(exchange.path).toBe('/chatbots/autos/webhook');
    expect(global.chatbot).toEqual({ name: 'autos' });
    expect(global.describe()).toBe(`${base}/chatbots/autos/webhook`);
    expect(perQuestion.describe()).toBe(`${base}/chatbots/motos/webhook/questions/{id}`);
  });

  it("puts the token in the path before a chatbot's URL, masked where it is shown", async () => {
    const client = new WebhookClient({
      url: base,
      chatbot: 'autos',
      mode: 'per-question',
      token: TOKEN,
      tokenIn: 'path',
    });

    const exchange = await client.post(request, 3);

    expect(received[0].url).toBe(`/token/${TOKEN}/chatbots/autos/webhook/questions/3`);
    expect(exchange.path).toBe('/token/***/chatbots/autos/webhook/questions/3');
    expect(client.describe()).toBe(
      `${base}/token/***/chatbots/autos/webhook/questions/{id} (token in the path)`,
    );
  });

  it.each(['Autos', 'autos/motos', '', 'default', 'a'.repeat(65)])(
    'refuses %j as a chatbot name',
    (chatbot) => {
      expect(() => new WebhookClient({ url: base, chatbot })).toThrow(OptionError);
      expect(() => new WebhookClient({ url: base, chatbot })).toThrow(/^the chatbot name /);
    },
  );

  it('sends the token as a Bearer header by default', async () => {
    const client = new WebhookClient({ url: base, token: TOKEN });

    const exchange = await client.post(request, undefined);

    expect(received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(exchange.url).not.toContain(TOKEN);
    expect(client.describe()).toBe(`${base}/webhook (token in the Authorization header)`);
  });

  it('sends the token as a query parameter, masked in what is shown', async () => {
    const client = new WebhookClient({
      url: base,
      token: TOKEN,
      tokenIn: 'query',
      tokenQueryParam: 'key',
      mode: 'per-question',
    });

    const exchange = await client.post(request, 3);

    expect(received[0].url).toBe(`/webhook/questions/3?key=${TOKEN}`);
    expect(received[0].headers.authorization).toBeUndefined();
    expect(exchange.path).toBe('/webhook/questions/3?key=***');
    expect(exchange.url).not.toContain(TOKEN);
  });

  it('sends the token in the path, as /token/{token}/webhook or where the URL says', async () => {
    await new WebhookClient({ url: `${base}/cliengo`, token: TOKEN, tokenIn: 'path' }).post(
      request,
      undefined,
    );
    await new WebhookClient({ url: `${base}/t/{token}`, token: 'a b/c' }).post(request, undefined);

    expect(received.map((item) => item.url)).toEqual([
      `/cliengo/token/${TOKEN}/webhook`,
      '/t/a%20b%2Fc/webhook',
    ]);
  });

  it('reports a non-200 answer with its body', async () => {
    respond = (response) => {
      response.statusCode = 401;
      response.setHeader('content-type', 'application/json');
      response.end('{"statusCode":401,"message":"A valid access token is required"}');
    };

    const exchange = await new WebhookClient({ url: base }).post(request, undefined);

    expect(exchange.status).toBe(401);
    expect(exchange.failure).toEqual({ kind: 'http-status', message: 'HTTP 401 Unauthorized' });
    expect(exchange.body).toEqual({ statusCode: 401, message: 'A valid access token is required' });
  });

  it('reports a 200 answer that is not JSON', async () => {
    respond = (response) => response.end('OK');

    const exchange = await new WebhookClient({ url: base }).post(request, undefined);

    expect(exchange.failure).toEqual({ kind: 'not-json', message: 'the reply is not JSON' });
    expect(exchange.body).toBe('OK');
  });

  it('gives up after the timeout', async () => {
    respond = () => undefined; // never answers

    const exchange = await new WebhookClient({ url: base, timeoutMs: 100 }).post(
      request,
      undefined,
    );

    expect(exchange.failure).toEqual({ kind: 'timeout', message: 'no reply within 100 ms' });
    expect(exchange.durationMs).toBeGreaterThanOrEqual(90);
  });

  it('reports a service it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const exchange = await new WebhookClient({ url: `http://127.0.0.1:${port}` }).post(
      request,
      undefined,
    );

    expect(exchange.failure).toEqual({
      kind: 'unreachable',
      message: 'could not reach the service (ECONNREFUSED)',
    });
  });

  it.each([
    [{ url: 'localhost:3000' }, /must be an http/],
    [{ url: 'not a url' }, /is not a URL/],
    [{ url: 'http://x/?a=1' }, /without a query/],
    [{ url: 'http://x/{token}' }, /no token was given/],
    [{ url: 'http://x', tokenIn: 'query' as const }, /no token was given/],
    [{ url: 'http://x/{token}', token: TOKEN, tokenIn: 'query' as const }, /goes in the path/],
    [
      { url: 'http://x', token: TOKEN, tokenIn: 'query' as const, tokenQueryParam: 'a b' },
      /query parameter/,
    ],
    [{ url: 'http://x', timeoutMs: 0 }, /timeout/],
  ])('refuses unusable options %j', (options, message) => {
    expect(() => new WebhookClient(options)).toThrow(OptionError);
    expect(() => new WebhookClient(options)).toThrow(message);
  });
});
