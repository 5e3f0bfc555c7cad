import type { IncomingMessage, ServerResponse } from 'node:http';
import { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ExpressServerAdapter } from '../src/http/express-server.adapter.js';
import { documentedRequest } from './support/documented-examples.js';
import { createTestApp } from './support/test-app.js';

describe('the HTTP server (ExpressServerAdapter)', () => {
  let app: NestExpressApplication;
  let base: string;
  /** For each request, whether it and its response were on Express's prototypes on arrival. */
  const arrivals: Array<{ request: boolean; response: boolean }> = [];

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    const express = app.getHttpAdapter().getInstance();
    const server = app.getHttpServer();
    // Runs before Express's own listener, which would otherwise move them onto its prototypes.
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      arrivals.push({
        request: Object.getPrototypeOf(request) === express.request,
        response: Object.getPrototypeOf(response) === express.response,
      });
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  it('makes requests and responses on Express prototypes from the start, and answers as usual', async () => {
    const webhook = await fetch(`${base}/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(documentedRequest()),
    });
    expect(webhook.status).toBe(200);
    expect(webhook.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/);
    expect(await webhook.json()).toMatchObject({ response: { response_type: 'LIST' } });

    const notFound = await fetch(`${base}/nowhere`);
    expect(notFound.status).toBe(404);

    expect(arrivals).toEqual([
      { request: true, response: true },
      { request: true, response: true },
    ]);
  });

  it('serves HTTPS when given httpsOptions', () => {
    const adapter = new ExpressServerAdapter();
    adapter.initHttpServer({ httpsOptions: {} });
    expect(adapter.getHttpServer()).toBeInstanceOf(HttpsServer);
  });

  it.each(['return503OnClosing', 'forceCloseConnections'] as const)(
    'refuses %s at boot, naming it',
    (option) => {
      expect(() => new ExpressServerAdapter().initHttpServer({ [option]: true })).toThrow(option);
    },
  );
});
