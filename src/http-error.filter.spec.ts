import { jest } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { HttpErrorFilter } from './http-error.filter.js';

function hostAnswering() {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    locals: {},
    setHeader: () => undefined,
    status(status: number) {
      sent.status = status;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('HttpErrorFilter', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs what was thrown by a fault, answered 500 without its details', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = hostAnswering();
    new HttpErrorFilter().catch(new TypeError('x is undefined'), host);
    expect(sent).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' },
    });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('TypeError: x is undefined'));
  });

  it('logs no error for a 503 answered on purpose (readiness during a shutdown)', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { host, sent } = hostAnswering();
    new HttpErrorFilter().catch(new ServiceUnavailableException({ status: 'error' }), host);
    expect(sent.status).toBe(503);
    expect(logged).not.toHaveBeenCalled();
  });
});
