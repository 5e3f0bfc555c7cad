import { lineScrubber, redactTokens } from './redact-tokens.js';

describe('redactTokens', () => {
  it.each([
    ['/token/s3cr3t-s3cr3t-s3cr3t/webhook', '/token/[redacted]/webhook'],
    ['/TOKEN/s3cr3t/webhook/questions/3', '/TOKEN/[redacted]/webhook/questions/3'],
    ['/cliengo/Token/s3cr3t', '/cliengo/Token/[redacted]'],
    ['/%74oken/s3cr3t/webhook', '/%74oken/[redacted]/webhook'],
    ['/webhook?token=s3cr3t', '/webhook?token=[redacted]'],
    ['/webhook?a=1&TOKEN=s3cr3t&b=2', '/webhook?a=1&TOKEN=[redacted]&b=2'],
    ['/webhook?%54oKeN=s3cr3t', '/webhook?%54oKeN=[redacted]'],
    [
      'Cannot POST /token/s3cr3t/nope?token=s3cr3t',
      'Cannot POST /token/[redacted]/nope?token=[redacted]',
    ],
    ['http://host/token/s3cr3t/webhook', 'http://host/token/[redacted]/webhook'],
  ])('redacts %s', (text, redacted) => {
    expect(redactTokens(text)).toBe(redacted);
  });

  it.each(['/webhook', '/webhook/questions/3?x=1', '/tokens/list', '/webhook?tokenizer=on'])(
    'leaves %s as it is',
    (text) => {
      expect(redactTokens(text)).toBe(text);
    },
  );
});

describe('lineScrubber', () => {
  it('takes every configured token out of a line, and is absent without tokens', () => {
    const scrub = lineScrubber(['current-token-0123456789', 'next-token-abcdefghijkl']);
    expect(
      scrub!('{"err":"GET https://api/x?k=current-token-0123456789 and next-token-abcdefghijkl"}'),
    ).toBe('{"err":"GET https://api/x?k=[redacted] and [redacted]"}');
    expect(lineScrubber([])).toBeUndefined();
  });
});
