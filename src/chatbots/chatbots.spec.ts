import { ConfigError } from '../config/config.error.js';
import { Chatbots, type ChatbotsOptions } from './chatbots.js';

const ANSWERS = {
  locale: 'es',
  country: 'AR',
  timeZone: 'America/Argentina/Buenos_Aires',
} as const;

function chatbots(options: Partial<ChatbotsOptions> = {}): Chatbots {
  return new Chatbots({
    chatbots: [
      { name: 'autos', websiteId: 'w-autos', answerCountry: 'MX' },
      { name: 'motos', websiteId: ' w-motos ' },
    ],
    accessTokens: [],
    unknownChatbot: 'pass-through',
    answers: ANSWERS,
    ...options,
  });
}

describe('Chatbots', () => {
  describe('route', () => {
    const directory = chatbots();

    it('routes the global URL by websiteId, trimmed', () => {
      expect(directory.route(undefined, 'w-autos')).toMatchObject({
        served: true,
        chatbot: { name: 'autos' },
      });
      expect(directory.route(undefined, ' w-motos')).toMatchObject({
        served: true,
        chatbot: { name: 'motos' },
      });
      expect(directory.route(undefined, 'w-other')).toEqual({
        served: false,
        reason: 'unknown-website',
      });
      expect(directory.route(undefined, null)).toEqual({ served: false, reason: 'no-website' });
      expect(directory.route(undefined, '  ')).toEqual({ served: false, reason: 'no-website' });
    });

    it('routes a per-chatbot URL by its name, in any case, refusing another websiteId', () => {
      expect(directory.route('AUTOS', undefined)).toMatchObject({
        served: true,
        chatbot: { name: 'autos' },
      });
      expect(directory.route('autos', 'w-autos')).toMatchObject({ served: true });
      expect(directory.route('autos', 'w-motos')).toEqual({
        served: false,
        reason: 'website-mismatch',
      });
      expect(directory.route('camiones', 'w-autos')).toEqual({
        served: false,
        reason: 'unknown-name',
      });
    });

    it('without chatbots, serves the global URL whatever the websiteId, and no per-chatbot URL', () => {
      const none = chatbots({ chatbots: [] });
      expect(none.configured).toBe(false);
      expect(none.route(undefined, 'w-anything')).toEqual({ served: true, chatbot: undefined });
      expect(none.route('autos', undefined)).toEqual({ served: false, reason: 'unknown-name' });
    });
  });

  it("resolves each chatbot's answer settings over the service's", () => {
    expect(chatbots().named('autos')?.answers).toEqual({ ...ANSWERS, country: 'MX' });
    expect(chatbots().named('motos')?.answers).toEqual(ANSWERS);
  });

  it.each([
    [
      'a token in two places',
      {
        accessTokens: ['shared-token-0123456789'],
        chatbots: [{ name: 'autos', websiteId: 'w1', accessTokens: ['shared-token-0123456789'] }],
      },
      'one token is both in ACCESS_TOKENS and in ACCESS_TOKENS_AUTOS',
    ],
    [
      'a short token of a chatbot',
      { chatbots: [{ name: 'autos', websiteId: 'w1', accessTokens: ['tiny'] }] },
      'a token of ACCESS_TOKENS_AUTOS is shorter than 16 characters',
    ],
    [
      'a chatbot nothing would open',
      {
        chatbots: [
          { name: 'autos', websiteId: 'w1', accessTokens: ['autos-token-0123456789'] },
          { name: 'motos', websiteId: 'w2' },
        ],
      },
      'give it tokens of its own (ACCESS_TOKENS_MOTOS) or set ACCESS_TOKENS',
    ],
  ])('stops the boot on %s, never quoting a token', (_what, options, message) => {
    const build = () => chatbots(options);
    expect(build).toThrow(ConfigError);
    expect(build).toThrow(message);
    expect(build).not.toThrow(/0123456789|tiny/);
  });
});
