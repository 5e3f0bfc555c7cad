import { documentedRequest } from '../../test/support/documented-examples.js';
import { checkContract, MAX_JSON_DEPTH } from '../webhook/contract.checker.js';
import { CONTRACT_LIMITS } from './contract.limits.js';
import { WebhookRequestDto } from './webhook-request.dto.js';

/** The field paths the request contract refuses in `body`, or undefined if it passes. */
function refusedFields(body: unknown): string[] | undefined {
  const problems = checkContract(WebhookRequestDto, body);
  return problems && Object.keys(problems);
}

/** An object `levels` objects deep: `{ a: { a: ... { a: 'leaf' } } }`. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { a: 'leaf' };
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}

describe('WebhookRequestDto contract', () => {
  it('accepts the documented request example', () => {
    expect(checkContract(WebhookRequestDto, documentedRequest())).toBeUndefined();
  });

  it('accepts the smallest request: conversationId and channel', () => {
    expect(refusedFields({ channel: 'WEB', conversationId: 'c1' })).toBeUndefined();
  });

  it('refuses a body that is not a JSON object', () => {
    expect(refusedFields([documentedRequest()])).toEqual(['(root)']);
    expect(refusedFields(null)).toEqual(['(root)']);
    expect(refusedFields('hello')).toEqual(['(root)']);
  });

  describe('tolerant reader', () => {
    it('accepts unknown fields anywhere', () => {
      const body = documentedRequest({
        brandNewField: { anything: [1, 'two', null] },
        are_you_there: { index: 0, extra: true },
        chat_log: [{ sender: 'visitor', text: 'hola', timestamp: 1594670699595, meta: {} }],
        collected_data: {
          custom: {},
          name: { value: 'ariel', confidence: 0.9 },
          email: { value: 'ariel@example.com', source: 'chat' },
          phone: { national_format: '011 3815-2222', country: 'AR' },
          sentiment: 'positive',
        },
        visitorData: { url: 'https://example.com', browser: 'Firefox' },
        flow: { last_question_id: 3, retry_count: 0, last_question_messages: { order: 2 } },
      });

      expect(checkContract(WebhookRequestDto, body)).toBeUndefined();
    });

    it.each(['WEB', 'FACEBOOK', 'WHATSAPP', 'WEBSITE', 'INSTAGRAM', 'WSPLITE', 'SOMETHING_NEW'])(
      'accepts channel %s',
      (channel) => {
        expect(refusedFields(documentedRequest({ channel }))).toBeUndefined();
      },
    );

    it('accepts senders, statuses and visitor statuses the documentation does not list', () => {
      const body = documentedRequest({
        chat_log: [{ sender: 'agent', text: 'Hola, soy Ana' }],
        status: 'FINISHED',
        visitor_status: 'OFFLINE',
      });

      expect(refusedFields(body)).toBeUndefined();
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['empty', []],
    ])('accepts a %s chat_log', (_case, chat_log) => {
      expect(refusedFields(documentedRequest({ chat_log }))).toBeUndefined();
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['empty', {}],
    ])('accepts a %s collected_data', (_case, collected_data) => {
      expect(refusedFields(documentedRequest({ collected_data }))).toBeUndefined();
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['empty', {}],
    ])('accepts a %s collected_data.custom', (_case, custom) => {
      const body = documentedRequest({ collected_data: { name: { value: 'ariel' }, custom } });

      expect(refusedFields(body)).toBeUndefined();
    });

    it('accepts custom values of every JSON shape, and the empty-string key', () => {
      const body = documentedRequest({
        collected_data: {
          custom: {
            text: 'premium',
            number: 42,
            decimal: 3.5,
            numberAsText: '3,5',
            nothing: null,
            yes: true,
            no: false,
            list: ['a', 1, null, { b: 2 }],
            wrapper: { value: 'Model 3' },
            wrappedNull: { value: null },
            deep: { a: { b: { c: [1, 2] } } },
            '': 'answer without internal name',
          },
        },
      });

      expect(refusedFields(body)).toBeUndefined();
    });

    it('accepts null wherever a field is optional', () => {
      const body = {
        channel: 'WEB',
        conversationId: 'c1',
        visitorId: null,
        websiteId: null,
        companyId: null,
        are_you_there: { index: null },
        chat_log: [{ sender: 'chatbot', text: null }],
        collected_data: {
          intent: null,
          entities: null,
          custom: null,
          name: { value: null },
          email: null,
          phone: { national_format: null, international_format: null },
        },
        fired_triggers: null,
        reactivated: null,
        status: null,
        tags: null,
        visitorData: { utms: null, url: null, visitorIp: null },
        visitor_status: null,
        softDisable: null,
        chatbotName: null,
        flow: { last_question_id: null, retry_count: null, last_question_messages: null },
        last_interaction_date: null,
        creation_date: null,
        lead_post_date: null,
      };

      expect(refusedFields(body)).toBeUndefined();
    });
  });

  describe('refusals', () => {
    it.each([
      ['a string', 'hola'],
      ['an object', { sender: 'visitor', text: 'hola' }],
      ['a number', 3],
    ])('refuses a chat_log that is %s, on path chat_log', (_case, chat_log) => {
      expect(refusedFields(documentedRequest({ chat_log }))).toEqual(['chat_log']);
    });

    it('refuses a chat_log entry with a numeric text, on path chat_log.0.text', () => {
      const body = documentedRequest({ chat_log: [{ sender: 'visitor', text: 42 }] });

      expect(refusedFields(body)).toEqual(['chat_log.0.text']);
    });

    it('reports the index of the bad chat_log entry', () => {
      const body = documentedRequest({
        chat_log: [
          { sender: 'visitor', text: 'hola' },
          { sender: 'chatbot', text: 'Hola' },
          { sender: 'visitor', text: ['not', 'a', 'string'] },
        ],
      });

      expect(refusedFields(body)).toEqual(['chat_log.2.text']);
    });

    it('refuses a chat_log entry without a sender', () => {
      const body = documentedRequest({ chat_log: [{ text: 'hola' }] });

      expect(refusedFields(body)).toEqual(['chat_log.0.sender']);
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['blank', '   '],
      ['a number', 5],
    ])('refuses a %s conversationId', (_case, conversationId) => {
      expect(refusedFields(documentedRequest({ conversationId }))).toEqual(['conversationId']);
    });

    it('refuses a missing channel', () => {
      expect(refusedFields(documentedRequest({ channel: undefined }))).toEqual(['channel']);
    });

    it("refuses flow.last_question_id '3' (a string), on path flow.last_question_id", () => {
      const body = documentedRequest({ flow: { last_question_id: '3', retry_count: 0 } });

      expect(refusedFields(body)).toEqual(['flow.last_question_id']);
    });

    it.each([
      ['negative', -1],
      ['fractional', 2.5],
    ])('refuses a %s flow.last_question_id', (_case, last_question_id) => {
      const body = documentedRequest({ flow: { last_question_id } });

      expect(refusedFields(body)).toEqual(['flow.last_question_id']);
    });

    it('refuses a custom memory that is not an object', () => {
      const body = documentedRequest({ collected_data: { custom: ['a', 'b'] } });

      expect(refusedFields(body)).toEqual(['collected_data.custom']);
    });

    it('refuses dates that are not ISO 8601', () => {
      const body = documentedRequest({ creation_date: '13/07/2020' });

      expect(refusedFields(body)).toEqual(['creation_date']);
    });
  });

  describe('limits', () => {
    const { idLength, shortTextLength, urlLength, messageLength, customKeyLength } =
      CONTRACT_LIMITS;

    const cases: Array<[string, number, (text: string) => Record<string, unknown>]> = [
      ['conversationId', idLength, (text) => ({ conversationId: text })],
      ['visitorId', idLength, (text) => ({ visitorId: text })],
      ['fired_triggers.0', idLength, (text) => ({ fired_triggers: [text] })],
      ['channel', shortTextLength, (text) => ({ channel: text })],
      ['chatbotName', shortTextLength, (text) => ({ chatbotName: text })],
      ['tags.0', shortTextLength, (text) => ({ tags: [text] })],
      [
        'chat_log.0.sender',
        shortTextLength,
        (text) => ({ chat_log: [{ sender: text, text: 'hola' }] }),
      ],
      [
        'collected_data.name.value',
        shortTextLength,
        (text) => ({ collected_data: { name: { value: text } } }),
      ],
      ['visitorData.url', urlLength, (text) => ({ visitorData: { url: text } })],
      ['visitorData.utms', urlLength, (text) => ({ visitorData: { utms: text } })],
      ['chat_log.0.text', messageLength, (text) => ({ chat_log: [{ sender: 'visitor', text }] })],
      [
        'collected_data.custom (key)',
        customKeyLength,
        (text) => ({ collected_data: { custom: { [text]: 'x' } } }),
      ],
    ];

    /** The path the error is reported on: arrays report on the field, keys on the object. */
    function reportedPath(field: string): string {
      return field.replace(/\.0$/, '').replace(/ \(key\)$/, '');
    }

    it.each(cases)('accepts %s at its limit (%d characters)', (_field, limit, body) => {
      expect(refusedFields(documentedRequest(body('x'.repeat(limit))))).toBeUndefined();
    });

    it.each(cases)('refuses %s over its limit (%d characters)', (field, limit, body) => {
      expect(refusedFields(documentedRequest(body('x'.repeat(limit + 1))))).toEqual([
        reportedPath(field),
      ]);
    });

    it('refuses a chat_log with more entries than the limit', () => {
      const chat_log = Array.from({ length: CONTRACT_LIMITS.chatLogEntries + 1 }, () => ({
        sender: 'visitor',
        text: 'hola',
      }));

      expect(refusedFields(documentedRequest({ chat_log }))).toEqual(['chat_log']);
    });
  });

  describe('nesting depth', () => {
    it(`accepts a body nested exactly ${MAX_JSON_DEPTH} levels deep`, () => {
      // The body is level 1, so the unknown field's value may hold MAX_JSON_DEPTH - 1 levels.
      const body = documentedRequest({ extra: nested(MAX_JSON_DEPTH - 1) });

      expect(refusedFields(body)).toBeUndefined();
    });

    it(`refuses a body nested one level deeper than ${MAX_JSON_DEPTH}`, () => {
      const body = documentedRequest({ extra: nested(MAX_JSON_DEPTH) });

      // Reported where the nesting goes too deep, under the field that holds it.
      expect(refusedFields(body)).toEqual([expect.stringMatching(/^extra\./)]);
    });

    it('counts arrays as levels too', () => {
      let value: unknown = 'leaf';
      for (let level = 0; level < MAX_JSON_DEPTH; level++) value = [value];
      const body = documentedRequest({ extra: value });

      expect(refusedFields(body)).toEqual([`extra${'.0'.repeat(MAX_JSON_DEPTH - 1)}`]);
    });

    it('refuses a very deeply nested body with an error instead of throwing', () => {
      const body = documentedRequest({
        collected_data: { custom: { deep: nested(200_000) } },
      });

      let problems: ReturnType<typeof checkContract>;
      expect(() => {
        problems = checkContract(WebhookRequestDto, body);
      }).not.toThrow();
      const [[path, messages]] = Object.entries(problems!);
      expect(path).toMatch(/^collected_data\.custom\.deep\./);
      expect(messages).toEqual([expect.stringContaining(`nested deeper than ${MAX_JSON_DEPTH}`)]);
    });

    it('reports the depth error under the given root', () => {
      const problems = checkContract(WebhookRequestDto, documentedRequest({ x: nested(100) }), {
        root: 'body',
      });

      expect(Object.keys(problems ?? {})).toEqual([expect.stringMatching(/^body\.x\./)]);
    });
  });

  describe('prototype pollution', () => {
    afterEach(() => {
      // Clean up if a regression did pollute, so other tests are not affected.
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    it('drops __proto__ keys at every level and does not pollute Object.prototype', () => {
      const body = JSON.parse(`{
        "channel": "WEB",
        "conversationId": "5f0cbe62162e0dec1910d197",
        "__proto__": { "polluted": "top" },
        "nested": { "__proto__": { "polluted": "nested" } },
        "flow": { "last_question_id": 3, "__proto__": { "polluted": "flow" } },
        "collected_data": {
          "custom": { "plan": "premium", "__proto__": { "polluted": "custom" } }
        }
      }`) as Record<string, Record<string, Record<string, unknown>>>;
      // JSON.parse creates "__proto__" as an own key, as a JSON body parser does.
      expect(Object.hasOwn(body, '__proto__')).toBe(true);
      expect(Object.hasOwn(body.collected_data.custom, '__proto__')).toBe(true);

      const problems = checkContract(WebhookRequestDto, body);

      expect(problems).toBeUndefined();
      expect(Object.hasOwn(body, '__proto__')).toBe(false);
      expect(Object.hasOwn(body.nested, '__proto__')).toBe(false);
      expect(Object.hasOwn(body.flow, '__proto__')).toBe(false);
      expect(Object.hasOwn(body.collected_data.custom, '__proto__')).toBe(false);
      expect(body.collected_data.custom).toEqual({ plan: 'premium' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('drops __proto__ keys inside arrays', () => {
      const body = JSON.parse(
        '{"channel":"WEB","conversationId":"c1","chat_log":[{"sender":"visitor","text":"hola","__proto__":{"polluted":"log"}}]}',
      ) as { chat_log: Array<Record<string, unknown>> };

      expect(checkContract(WebhookRequestDto, body)).toBeUndefined();
      expect(Object.hasOwn(body.chat_log[0], '__proto__')).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
