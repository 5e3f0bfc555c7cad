import { PassThrough, Readable } from 'node:stream';
import { type CliIo, EXIT, runCli } from './cli-main.js';

function io(): CliIo & { output: () => string; errors: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return {
    stdin: Readable.from([]),
    stdout,
    stderr,
    env: {},
    output: () => out,
    errors: () => err,
  };
}

describe('runCli', () => {
  it('prints the help', async () => {
    const streams = io();

    expect(await runCli(['--help'], streams)).toBe(EXIT.ok);
    expect(streams.output()).toContain('Usage:');
    expect(streams.output()).toContain('--token-in-query <name>');
    expect(streams.output()).toContain('--chatbot <name>');
    expect(streams.output()).toContain('--website-id <id>');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--timeout', 'soon'], '--timeout must be a positive whole number; got "soon"'],
    [['--token-in-query', 'key'], 'the token goes in the query, but no token was given'],
    [['--token', 't', '--token-in-query', 'k', '--token-in-path'], 'not both'],
    [['--url', 'ftp://x'], 'must be an http:// or https:// URL'],
    [['--start', '99'], 'the script has no question 99 to start at'],
    [['--channel', 'WHATSAPP', 'x.flow.json'], '--channel only apply to interactive sessions'],
    [['/nowhere/x.flow.json'], '/nowhere/x.flow.json is not valid:\n  - no such file'],
    [['--chatbot', 'Autos'], 'simulate: the chatbot name "Autos" must be 1 to 64 lower-case'],
    [['--chatbot', 'unknown'], 'the chatbot name "unknown" is reserved'],
    [['--website-id', ' '], '--website-id must be a website id of 1 to 512 characters; got " "'],
  ])('refuses %j with exit code 2 and a message', async (argv, message) => {
    const streams = io();

    expect(await runCli(argv, streams)).toBe(EXIT.usage);
    expect(streams.errors()).toContain(message);
  });

  it('reads the URL and the token from the environment', async () => {
    const streams = {
      ...io(),
      env: { SIMULATOR_URL: 'http://127.0.0.1:9', SIMULATOR_TOKEN: 'abc' },
    };

    expect(await runCli(['--token-in-path'], streams)).toBe(EXIT.ok);
    expect(streams.output()).toContain(
      'Cliengo simulator → http://127.0.0.1:9/token/***/webhook (token in the path)',
    );
  });

  it("shows the chatbot's URL and the website id in the banner", async () => {
    const chatbot = io();
    expect(
      await runCli(
        ['--url', 'http://127.0.0.1:9', '--chatbot', 'autos', '--per-question'],
        chatbot,
      ),
    ).toBe(EXIT.ok);
    expect(chatbot.output()).toContain(
      'Cliengo simulator → http://127.0.0.1:9/chatbots/autos/webhook/questions/{id} · no websiteId',
    );

    const website = { ...io(), env: { SIMULATOR_TOKEN: 'abc' } };
    expect(
      await runCli(
        ['-u', 'http://127.0.0.1:9', '--website-id', 'site-autos', '--token-in-path'],
        website,
      ),
    ).toBe(EXIT.ok);
    expect(website.output()).toContain(
      'Cliengo simulator → http://127.0.0.1:9/token/***/webhook (token in the path) · websiteId site-autos',
    );
  });
});
