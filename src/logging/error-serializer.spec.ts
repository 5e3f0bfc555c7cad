import { describe, expect, it } from '@jest/globals';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import { serializeError } from './error-serializer.js';

/** The `err` field of one line logged through a pino logger with the serializer. */
function loggedErr(value: unknown): unknown {
  const lines: string[] = [];
  const logger = pino(
    { base: undefined, serializers: { err: serializeError } },
    { write: (line: string) => lines.push(line) },
  );
  logger.error({ err: serializeError(value) }, 'failed');
  return (JSON.parse(lines[0]) as { err?: unknown }).err;
}

describe('serializeError', () => {
  it('serialises an Error as pino does, with its name, own fields and stack', () => {
    const error = Object.assign(new TypeError('boom'), { code: 'E_BOOM' });

    expect(loggedErr(error)).toEqual({
      type: 'TypeError',
      name: 'TypeError',
      message: 'boom',
      code: 'E_BOOM',
      stack: expect.stringContaining('TypeError: boom'),
    });
  });

  it("keeps a cause's message", () => {
    const error = new Error('lookup failed', { cause: new Error('socket hang up') });

    expect(loggedErr(error)).toMatchObject({ message: 'lookup failed: socket hang up' });
  });

  it.each([
    ['TimeoutError', 'The operation was aborted due to timeout'],
    ['AbortError', 'This operation was aborted'],
  ])('logs a DOMException %s with its name and message, nothing else', (name, message) => {
    expect(loggedErr(new DOMException(message, name))).toEqual({
      type: 'DOMException',
      name,
      message,
      stack: expect.any(String),
    });
  });

  it('logs an error of another realm with its name and message', () => {
    const foreign = runInNewContext('new RangeError("out of range")') as unknown;

    expect(loggedErr(foreign)).toMatchObject({
      type: 'RangeError',
      name: 'RangeError',
      message: 'out of range',
    });
  });

  it.each([
    ['a string', 'the CRM is down', 'string', "'the CRM is down'"],
    ['a number', 42, 'number', '42'],
    ['a plain object', { code: 'E_DOWN' }, 'object', "{ code: 'E_DOWN' }"],
    ['an array', ['a'], 'array', "[ 'a' ]"],
    ['null', null, 'null', 'null'],
    ['undefined', undefined, 'undefined', 'undefined'],
  ])('logs %s as its kind and its value, never {}', (_case, value, type, message) => {
    expect(loggedErr(value)).toEqual({ type, message });
  });

  it('gives back what it made, unchanged', () => {
    const once = serializeError(new DOMException('x', 'AbortError'));
    expect(serializeError(once)).toBe(once);
    const value = serializeError('down');
    expect(serializeError(value)).toBe(value);
  });

  it('copes with a value that cannot be read', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(serializeError(proxy)).toMatchObject({ type: 'object', message: expect.any(String) });
  });
});
