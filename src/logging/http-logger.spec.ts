import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { pino } from 'pino';
import { loadConfig } from '../config/app.config.js';
import type { RequestLocals } from '../http/request-locals.js';
import type { DispatchResult } from '../webhook/webhook.dispatcher.js';
import { createHttpLogger } from './http-logger.js';

type Line = Record<string, unknown>;

/** A request through the logger, answered 200 with `reply` as the dispatch's reply. */
function logCall(level: 'info' | 'debug', reply: unknown): Line[] {
  const lines: Line[] = [];
  const logger = pino(
    { level, base: undefined },
    { write: (chunk: string) => lines.push(JSON.parse(chunk) as Line) },
  );
  const middleware = createHttpLogger(loadConfig({}), logger);
  const request = { headers: {}, method: 'POST', url: '/webhook' } as unknown as Request;
  const response = Object.assign(new EventEmitter(), {
    locals: {},
    statusCode: 200,
    writableFinished: true,
    setHeader: () => undefined,
  }) as unknown as Response;
  middleware(request, response, (() => undefined) as NextFunction);
  const result = {
    reply,
    outcome: 'replied',
    conversationId: 'c-1',
    questionId: 3,
    handler: 'CarModelsHandler',
    durationMs: 1,
    queuedMs: 0,
  } as DispatchResult;
  (response.locals as RequestLocals).webhook = { result, request: {} as never };
  response.emit('close');
  return lines;
}

describe('the request log at debug and below', () => {
  const reply = {
    custom: { sucursal: 'Palermo' },
    response: {
      text: ['¿En qué sucursal?'],
      response_type: 'LIST',
      response_options: ['Palermo', 'Belgrano', 'Centro'],
      flow: 44,
      stopChat: true,
    },
  };

  it('writes the shape of the reply at debug, before the request line', () => {
    const lines = logCall('debug', reply);
    expect(lines.map((line) => line.msg)).toEqual([
      'reply texts=1 type=LIST options=3 flow=44 customKeys=[sucursal] stopChat=true',
      'webhook replied',
    ]);
    expect(lines[0]).toMatchObject({
      level: 20,
      requestId: expect.any(String),
      reply: {
        texts: 1,
        type: 'LIST',
        options: 3,
        flow: 44,
        customKeys: ['sucursal'],
        stopChat: true,
      },
    });
    expect(lines[0].requestId).toBe(lines[1].requestId);
    expect(JSON.stringify(lines[0])).not.toMatch(/Palermo|Belgrano|sucursal\?/);
  });

  it('does nothing with the reply at info', () => {
    // A reply that throws when anything reads it: at info it is never looked at.
    const untouchable = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the reply was read');
        },
        ownKeys: () => {
          throw new Error('the reply was read');
        },
      },
    );
    const lines = logCall('info', untouchable);
    expect(lines.map((line) => line.msg)).toEqual(['webhook replied']);
    expect(() => logCall('debug', untouchable)).toThrow('the reply was read');
  });
});
