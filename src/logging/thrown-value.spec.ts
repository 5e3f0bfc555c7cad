import { describe, expect, it } from '@jest/globals';
import { runInNewContext } from 'node:vm';
import { describeThrown, isErrorLike } from './thrown-value.js';

/** An error made in another realm: not an `instanceof Error` here. */
const foreignTypeError = runInNewContext('new TypeError("from another realm")') as unknown;

describe('isErrorLike', () => {
  it.each([
    ['an Error', new Error('x')],
    ['a TypeError', new TypeError('x')],
    ['a DOMException', new DOMException('x', 'AbortError')],
    ['an error of another realm', foreignTypeError],
    ['an object with a name and a message', { name: 'MyError', message: 'x' }],
  ])('takes %s for an error', (_case, value) => {
    expect(isErrorLike(value)).toBe(true);
  });

  it.each([
    ['a string', 'x'],
    ['null', null],
    ['undefined', undefined],
    ['a plain object with only a message', { message: 'x' }],
    ['an object whose message is not a string', { name: 'X', message: 3 }],
  ])('does not take %s for an error', (_case, value) => {
    expect(isErrorLike(value)).toBe(false);
  });
});

describe('describeThrown', () => {
  it.each([
    ['an Error', new Error('the CRM is down'), 'Error: the CRM is down'],
    ['a TypeError', new TypeError('boom'), 'TypeError: boom'],
    [
      'a DOMException TimeoutError',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'TimeoutError: The operation was aborted due to timeout',
    ],
    [
      'a DOMException AbortError',
      new DOMException('This operation was aborted', 'AbortError'),
      'AbortError: This operation was aborted',
    ],
    [
      'the reason of AbortSignal.abort()',
      AbortSignal.abort().reason,
      'AbortError: This operation was aborted',
    ],
    ['an error of another realm', foreignTypeError, 'TypeError: from another realm'],
    ['an error without a message', new RangeError(), 'RangeError'],
    ['a named error-like object', { name: 'CrmError', message: 'down' }, 'CrmError: down'],
  ])('gives name and message of %s', (_case, value, expected) => {
    expect(describeThrown(value)).toBe(expected);
  });

  it('takes the class name of an error whose name is empty', () => {
    class LookupFailed extends Error {
      override name = '';
    }
    expect(describeThrown(new LookupFailed('no answer'))).toBe('LookupFailed: no answer');
  });

  it.each([
    ['a string', 'the CRM is down', "'the CRM is down' (a string, not an Error)"],
    ['a number', 42, '42 (a number, not an Error)'],
    ['a boolean', false, 'false (a boolean, not an Error)'],
    ['a bigint', 10n, '10n (a bigint, not an Error)'],
    [
      'a plain object',
      { code: 'E_DOWN', retry: true },
      "{ code: 'E_DOWN', retry: true } (an object, not an Error)",
    ],
    [
      'an object with only a message',
      { message: 'x' },
      "{ message: 'x' } (an object, not an Error)",
    ],
    ['an array', [1, 'a'], "[ 1, 'a' ] (an array, not an Error)"],
    ['null', null, 'null (not an Error)'],
    ['undefined', undefined, 'undefined (not an Error)'],
    ['a symbol', Symbol('down'), 'Symbol(down) (a symbol, not an Error)'],
  ])('shows %s readably, saying it is not an Error', (_case, value, expected) => {
    expect(describeThrown(value)).toBe(expected);
  });

  it('shows an object with a cycle', () => {
    const value: Record<string, unknown> = { code: 1 };
    value.self = value;
    expect(describeThrown(value)).toBe(
      '<ref *1> { code: 1, self: [Circular *1] } (an object, not an Error)',
    );
  });

  it('keeps a huge value short', () => {
    expect(describeThrown('x'.repeat(100_000)).length).toBeLessThan(1_100);
    expect(describeThrown(Array.from({ length: 1_000 }, (_, i) => i)).length).toBeLessThan(200);
  });

  it('copes with a value that cannot be read', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(describeThrown(proxy)).toBe('(an object that cannot be read)');
  });
});
