import { loadConfig } from './app.config.js';
import { ConfigError } from './config.error.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      pathPrefix: '',
      handlerTimeoutMs: 3000,
      bodyLimitBytes: 2 * 1024 * 1024,
      logLevel: 'info',
      logPersonalData: false,
      logBufferBytes: 16 * 1024 * 1024,
      trustProxy: false,
      docsEnabled: true,
      metricsEnabled: true,
      accessTokens: [],
      chatbots: [],
      unknownChatbot: 'pass-through',
      keepAliveTimeoutMs: 65_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      maxConnections: 4_096,
      maxInFlight: 1_000,
      maxEventLoopLagMs: 50,
      overloadResponse: 'pass-through',
      answerLocale: 'es',
      answerCountry: 'AR',
      timeZone: 'America/Argentina/Buenos_Aires',
      shutdownTimeoutMs: 10_000,
      shutdownDrainMs: 5_000,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      PATH_PREFIX: 'cliengo/v1/',
      HANDLER_TIMEOUT_MS: '5000',
      BODY_LIMIT: '1048576',
      LOG_LEVEL: 'WARN',
      LOG_PERSONAL_DATA: 'yes',
      LOG_BUFFER_BYTES: '1048576',
      TRUST_PROXY: '10.0.0.0/8, loopback',
      DOCS_ENABLED: 'false',
      METRICS_ENABLED: '0',
      ACCESS_TOKENS: ' first-token-0123456789 , second-token-012345678,first-token-0123456789',
      CHATBOTS: JSON.stringify([
        { name: 'autos', websiteId: 'w-autos', handlerTimeoutMs: 8000 },
        {
          name: 'seguros-br',
          websiteId: 'w-br',
          answerLocale: 'PT',
          answerCountry: 'br',
          timeZone: 'America/Sao_Paulo',
        },
      ]),
      ACCESS_TOKENS_SEGUROS_BR: 'seguros-token-0123456789',
      UNKNOWN_CHATBOT: '404',
      KEEP_ALIVE_TIMEOUT_MS: '75000',
      HEADERS_TIMEOUT_MS: '5000',
      REQUEST_TIMEOUT_MS: '15000',
      MAX_CONNECTIONS: '1000',
      MAX_IN_FLIGHT: '0',
      MAX_EVENT_LOOP_LAG_MS: '500',
      OVERLOAD_RESPONSE: '503',
      ANSWER_LOCALE: 'PT',
      ANSWER_COUNTRY: 'br',
      TIME_ZONE: 'America/Sao_Paulo',
      SHUTDOWN_TIMEOUT_MS: '20000',
      SHUTDOWN_DRAIN_MS: '3000',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      pathPrefix: '/cliengo/v1',
      handlerTimeoutMs: 5000,
      bodyLimitBytes: 1_048_576,
      logLevel: 'warn',
      logPersonalData: true,
      logBufferBytes: 1_048_576,
      trustProxy: ['10.0.0.0/8', 'loopback'],
      docsEnabled: false,
      metricsEnabled: false,
      accessTokens: ['first-token-0123456789', 'second-token-012345678'],
      chatbots: [
        { name: 'autos', websiteId: 'w-autos', handlerTimeoutMs: 8000 },
        {
          name: 'seguros-br',
          websiteId: 'w-br',
          answerLocale: 'pt',
          answerCountry: 'BR',
          timeZone: 'America/Sao_Paulo',
          accessTokens: ['seguros-token-0123456789'],
        },
      ],
      unknownChatbot: '404',
      keepAliveTimeoutMs: 75_000,
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 15_000,
      maxConnections: 1_000,
      maxInFlight: 0,
      maxEventLoopLagMs: 500,
      overloadResponse: '503',
      answerLocale: 'pt',
      answerCountry: 'BR',
      timeZone: 'America/Sao_Paulo',
      shutdownTimeoutMs: 20_000,
      shutdownDrainMs: 3_000,
    });
  });

  it.each([
    ['true', true],
    ['2', 2],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['HANDLER_TIMEOUT_MS', '0'],
    ['HANDLER_TIMEOUT_MS', '3s'],
    ['BODY_LIMIT', '-1'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_PERSONAL_DATA', 'maybe'],
    ['DOCS_ENABLED', 'si'],
    ['TRUST_PROXY', 'the gateway'],
    ['PATH_PREFIX', '/with space'],
    ['KEEP_ALIVE_TIMEOUT_MS', '10'],
    ['HEADERS_TIMEOUT_MS', '50'],
    ['REQUEST_TIMEOUT_MS', '5000'],
    ['MAX_CONNECTIONS', '0'],
    ['MAX_IN_FLIGHT', 'many'],
    ['OVERLOAD_RESPONSE', '429'],
    ['ANSWER_LOCALE', 'en'],
    ['ANSWER_COUNTRY', 'Argentina'],
    ['TIME_ZONE', 'Buenos Aires'],
    ['SHUTDOWN_DRAIN_MS', '10000'],
    ['ACCESS_TOKENS', 'short'],
    ['ACCESS_TOKENS', 'has spaces inside it ok?'],
    ['UNKNOWN_CHATBOT', 'ignore'],
    ['CHATBOTS', '{"name":"autos"}'],
    ['CHATBOTS', '[{"name":"autos","websiteId":"w1"'],
  ])('stops the boot on %s=%s, naming the variable', (variable, value) => {
    const load = () => loadConfig({ [variable]: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('keeps the default readiness window within a short shutdown timeout', () => {
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '3000' }).shutdownDrainMs).toBe(1_500);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '0' }).shutdownDrainMs).toBe(0);
  });

  it('never repeats a bad token in its message', () => {
    expect(() => loadConfig({ ACCESS_TOKENS: 'good-token-0123456789,tiny' })).toThrow(
      'Invalid configuration: ACCESS_TOKENS token #2 is shorter than 16 characters',
    );
  });

  describe('CHATBOTS', () => {
    const load =
      (chatbots: unknown, env: Record<string, string> = {}) =>
      () =>
        loadConfig({ CHATBOTS: JSON.stringify(chatbots), ...env });

    it.each([
      [
        [{ name: 'Autos', websiteId: 'w1' }],
        /chatbot #1: the name "Autos" must be 1 to 64 lower-case/,
      ],
      [[{ name: 'default', websiteId: 'w1' }], /the name "default" is reserved/],
      [[{ name: 'autos' }], /chatbot "autos": websiteId must be the website id/],
      [
        [
          { name: 'autos', websiteId: 'w1' },
          { name: 'autos', websiteId: 'w2' },
        ],
        /two chatbots are named "autos"/,
      ],
      [
        [
          { name: 'autos', websiteId: 'w1' },
          { name: 'motos', websiteId: 'w1' },
        ],
        /chatbots "autos" and "motos" have the same websiteId w1/,
      ],
      [
        [
          { name: 'autos-ar', websiteId: 'w1' },
          { name: 'autos_ar', websiteId: 'w2' },
        ],
        /"autos-ar" and "autos_ar" would both take their tokens from ACCESS_TOKENS_AUTOS_AR/,
      ],
      [
        [{ name: 'autos', websiteId: 'w1', handlerTimeoutMs: 0 }],
        /handlerTimeoutMs must be an integer/,
      ],
      [
        [{ name: 'autos', websiteId: 'w1', answerLocale: 'en' }],
        /answerLocale must be one of es, pt/,
      ],
      [[{ name: 'autos', websiteId: 'w1', timeZone: 'Buenos Aires' }], /timeZone must be an IANA/],
      [[{ name: 'autos', websiteId: 'w1', timeout: 5000 }], /chatbot #1 has unknown keys timeout/],
      [
        [{ name: 'autos', websiteId: 'w1', accessTokens: ['autos-token-0123456789'] }],
        /tokens do not go in CHATBOTS; set ACCESS_TOKENS_AUTOS/,
      ],
    ])('stops the boot on %j, saying what is wrong', (chatbots, message) => {
      expect(load(chatbots)).toThrow(ConfigError);
      expect(load(chatbots)).toThrow(message);
    });

    it("takes each chatbot's tokens from ACCESS_TOKENS_{NAME}, checked as ACCESS_TOKENS are", () => {
      const chatbots = [{ name: 'autos-ar', websiteId: 'w1' }];
      expect(
        load(chatbots, {
          ACCESS_TOKENS_AUTOS_AR: 'autos-token-0123456789,autos-token-9876543210',
        })().chatbots[0].accessTokens,
      ).toEqual(['autos-token-0123456789', 'autos-token-9876543210']);
      expect(load(chatbots, { ACCESS_TOKENS_AUTOS_AR: 'tiny' })).toThrow(
        'Invalid configuration: ACCESS_TOKENS_AUTOS_AR token #1 is shorter than 16 characters',
      );
    });

    it('stops the boot on tokens of a chatbot that is not configured (a typo would leave it open)', () => {
      expect(
        load([{ name: 'autos', websiteId: 'w1' }], {
          ACCESS_TOKENS_AUTO: 'autos-token-0123456789',
        }),
      ).toThrow(/ACCESS_TOKENS_AUTO names no chatbot of CHATBOTS \(ACCESS_TOKENS_AUTOS would\)/);
    });
  });
});
