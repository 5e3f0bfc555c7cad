import { jest } from '@jest/globals';
import { documentedRequest } from '../../test/support/documented-examples.js';
import type { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { Conversation } from './conversation.context.js';
import { HandlerSignals } from './handler-signals.js';
import { MemoryReader } from './memory.reader.js';
import { ReplyBuilder } from './reply.builder.js';

/** A conversation on question 3 (the documented example's), unless told otherwise. */
function conversation(
  request: WebhookRequestDto,
  options: { questionId?: number; signal?: AbortSignal } = {},
): Conversation {
  const questionId = 'questionId' in options ? options.questionId : 3;
  return new Conversation(request, questionId, options.signal ?? new AbortController().signal);
}

/** The documented request with its `collected_data` replaced by `collected`. */
function withCollected(collected: Record<string, unknown> | null | undefined): WebhookRequestDto {
  return documentedRequest({ collected_data: collected });
}

describe('Conversation', () => {
  describe('identity and routing', () => {
    it('exposes the question id it was created with', () => {
      expect(conversation(documentedRequest(), { questionId: 7 }).questionId).toBe(7);
      expect(conversation(documentedRequest(), { questionId: 0 }).questionId).toBe(0);
      expect(
        conversation(documentedRequest(), { questionId: undefined }).questionId,
      ).toBeUndefined();
    });

    it('exposes the conversation id and the channel of the request', () => {
      const subject = conversation(documentedRequest());

      expect(subject.conversationId).toBe('5f0cbe62162e0dec1910d197');
      expect(subject.channel).toBe('WEB');
    });

    it('passes through a channel the documentation does not list', () => {
      expect(conversation(documentedRequest({ channel: 'INSTAGRAM' })).channel).toBe('INSTAGRAM');
      expect(conversation(documentedRequest({ channel: 'SOMETHING_NEW' })).channel).toBe(
        'SOMETHING_NEW',
      );
    });

    it('exposes the retry count of the current question', () => {
      const subject = conversation(documentedRequest({ flow: { retry_count: 2 } }));

      expect(subject.retryCount).toBe(2);
    });

    it.each([
      ['no flow', undefined],
      ['a null flow', null],
      ['a flow without retry_count', { last_question_id: 3 }],
      ['a null retry_count', { last_question_id: 3, retry_count: null }],
    ])('counts 0 retries with %s', (_case, flow) => {
      expect(conversation(documentedRequest({ flow })).retryCount).toBe(0);
    });

    it('keeps the request it was created with', () => {
      const request = documentedRequest();

      expect(conversation(request).request).toBe(request);
    });
  });

  describe('visitorMessage', () => {
    it("reads the visitor's line of the documented example, not the chatbot's last line", () => {
      const request = documentedRequest();
      expect(request.chat_log?.at(-1)?.sender).toBe('chatbot');

      expect(conversation(request).visitorMessage).toBe(
        "Hi! I'm Ariel, my email is ariel@example.com",
      );
    });

    it('reads the last visitor entry when the visitor wrote several times', () => {
      const request = documentedRequest({
        chat_log: [
          { sender: 'chatbot', text: '¿Cuál es tu DNI?' },
          { sender: 'visitor', text: 'hola' },
          { sender: 'chatbot', text: 'Escribilo solo con números' },
          { sender: 'visitor', text: '30.123.456' },
          { sender: 'chatbot', text: 'Un momento...' },
          { sender: 'chatbot', text: 'Buscando' },
        ],
      });

      expect(conversation(request).visitorMessage).toBe('30.123.456');
    });

    it('reads the last entry when it is the visitor’s', () => {
      const request = documentedRequest({
        chat_log: [
          { sender: 'visitor', text: 'primero' },
          { sender: 'chatbot', text: '¿Algo más?' },
          { sender: 'visitor', text: 'segundo' },
        ],
      });

      expect(conversation(request).visitorMessage).toBe('segundo');
    });

    it.each([
      ['a missing chat_log', undefined],
      ['a null chat_log', null],
      ['an empty chat_log', []],
      [
        'a chat_log without a visitor entry',
        [{ sender: 'chatbot', text: 'Hola, ¿cómo te llamás?' }],
      ],
    ])('is undefined with %s', (_case, chat_log) => {
      expect(conversation(documentedRequest({ chat_log })).visitorMessage).toBeUndefined();
    });
  });

  describe('lead', () => {
    it('reads name, email and phone of the documented example, preferring the international phone', () => {
      expect(conversation(documentedRequest()).lead).toEqual({
        name: 'ariel',
        email: 'ariel@example.com',
        phone: '+541138152222',
        phoneNational: '011 3815-2222',
        phoneInternational: '+541138152222',
      });
    });

    it('falls back to the national phone when there is no international one', () => {
      const lead = conversation(
        withCollected({ phone: { national_format: '011 3815-2222' } }),
      ).lead;

      expect(lead.phone).toBe('011 3815-2222');
      expect(lead.phoneNational).toBe('011 3815-2222');
      expect(lead.phoneInternational).toBeUndefined();
    });

    it('falls back to the national phone when the international one is an empty string', () => {
      const lead = conversation(
        withCollected({ phone: { national_format: '011 3815-2222', international_format: '' } }),
      ).lead;

      expect(lead.phone).toBe('011 3815-2222');
      expect(lead.phoneInternational).toBeUndefined();
    });

    it('falls back to the national phone when the international one is null', () => {
      const lead = conversation(
        withCollected({ phone: { national_format: '011 3815-2222', international_format: null } }),
      ).lead;

      expect(lead.phone).toBe('011 3815-2222');
    });

    it('uses the international phone alone when there is no national one', () => {
      const lead = conversation(
        withCollected({ phone: { international_format: '+5491155554444' } }),
      ).lead;

      expect(lead.phone).toBe('+5491155554444');
      expect(lead.phoneNational).toBeUndefined();
    });

    it('ignores empty strings', () => {
      const lead = conversation(
        withCollected({
          name: { value: '' },
          email: { value: '' },
          phone: { national_format: '', international_format: '' },
        }),
      ).lead;

      expect(lead).toEqual({
        name: undefined,
        email: undefined,
        phone: undefined,
        phoneNational: undefined,
        phoneInternational: undefined,
      });
    });

    it('ignores null values and null sub-objects', () => {
      const lead = conversation(
        withCollected({ name: { value: null }, email: null, phone: null }),
      ).lead;

      expect(lead.name).toBeUndefined();
      expect(lead.email).toBeUndefined();
      expect(lead.phone).toBeUndefined();
    });

    it.each([
      ['missing', undefined],
      ['null', null],
      ['empty', {}],
    ])('knows nothing with %s collected_data', (_case, collected) => {
      const lead = conversation(withCollected(collected)).lead;

      expect(lead.name).toBeUndefined();
      expect(lead.email).toBeUndefined();
      expect(lead.phone).toBeUndefined();
      expect(lead.phoneNational).toBeUndefined();
      expect(lead.phoneInternational).toBeUndefined();
    });

    it('cannot be changed by a handler', () => {
      const subject = conversation(documentedRequest());

      expect(() => {
        (subject.lead as { name?: string }).name = 'Eve';
      }).toThrow(TypeError);
      expect(subject.lead.name).toBe('ariel');
    });
  });

  describe('memory', () => {
    it('reads the custom memory of the request', () => {
      const subject = conversation(documentedRequest());

      expect(subject.memory).toBeInstanceOf(MemoryReader);
      expect(subject.memory.text('custom_field')).toBe('example');
    });

    it('is empty with missing collected_data or custom', () => {
      expect(conversation(withCollected(undefined)).memory.keys()).toEqual([]);
      expect(conversation(withCollected({ name: { value: 'ariel' } })).memory.keys()).toEqual([]);
      expect(conversation(withCollected({ custom: null })).memory.keys()).toEqual([]);
    });
  });

  describe('answer', () => {
    const saying = (text: string) =>
      conversation(
        documentedRequest({
          chat_log: [
            { sender: 'visitor', text },
            { sender: 'chatbot', text: '¿Algo más?' },
          ],
        }),
      );

    it('reads the visitor latest message, not the bot line after it', () => {
      const answer = saying('Sí, dale').answer;

      expect(answer.text).toBe('Sí, dale');
      expect(answer.yesNo()).toEqual({ ok: true, value: true });
    });

    it('offers every parser over that message', () => {
      expect(saying('mi dni es 28.456.789').answer.nationalId({ country: 'AR' })).toMatchObject({
        ok: true,
        value: '28456789',
      });
      expect(saying('dos mil quinientos').answer.number()).toEqual({ ok: true, value: 2500 });
      expect(saying('juan@example.com').answer.email()).toEqual({
        ok: true,
        value: 'juan@example.com',
      });
      expect(saying('20/10/2030').answer.date({ now: new Date('2030-01-01T12:00:00Z') })).toEqual({
        ok: true,
        value: '2030-10-20',
      });
      expect(saying('0351 15-555-1234').answer.phone({ country: 'AR' })).toMatchObject({
        ok: true,
        value: { international: '+5493515551234' },
      });
    });

    it('reads a LIST answer back as the option picked, or its index', () => {
      const offered = ['#1 - 12 cuotas', '#2 - 24 cuotas'];

      expect(saying('la segunda').answer.option(offered)).toEqual({
        ok: true,
        value: '#2 - 24 cuotas',
      });
      expect(saying('#2 - 24 cuotas').answer.choice(offered)).toEqual({ ok: true, value: 1 });
      expect(saying('4').answer.choice(offered)).toMatchObject({
        ok: false,
        reason: 'out-of-range',
      });
    });

    it('refuses as empty when the visitor said nothing', () => {
      const silent = conversation(documentedRequest({ chat_log: [] }));

      expect(silent.answer.text).toBeUndefined();
      expect(silent.answer.yesNo()).toMatchObject({ ok: false, reason: 'empty' });
    });
  });

  describe('raw', () => {
    it('exposes undocumented fields such as flow.last_question_messages', () => {
      const request = documentedRequest({
        flow: { last_question_id: 3, retry_count: 0, last_question_messages: { order: 2 } },
        someNewField: { nested: ['a', 1] },
      });
      const raw = conversation(request).raw;

      expect(raw.flow).toEqual({
        last_question_id: 3,
        retry_count: 0,
        last_question_messages: { order: 2 },
      });
      expect(raw.someNewField).toEqual({ nested: ['a', 1] });
    });

    it('exposes the documented fields as received', () => {
      const raw = conversation(documentedRequest()).raw;

      expect(raw.chatbotName).toBe('Martín');
      expect(raw.visitorData).toEqual({
        utms: '&utm_source=Instagram&utm_medium=IGAds&utm_campaign=Campaign1',
        url: 'https://lw.cliengo.com/?companyId=5',
        visitorIp: '13.90.115.123',
      });
    });
  });

  describe('signal', () => {
    it('is the signal it was created with, and follows its abort', () => {
      const controller = new AbortController();
      const subject = conversation(documentedRequest(), { signal: controller.signal });

      expect(subject.signal).toBe(controller.signal);
      expect(subject.signal.aborted).toBe(false);
      controller.abort(new Error('deadline'));
      expect(subject.signal.aborted).toBe(true);
    });

    it("is the dispatcher's signal, aborted with its reason", () => {
      const signals = new HandlerSignals(performance.now() + 1_000);
      const subject = new Conversation(documentedRequest(), 3, signals);

      const reason = new Error('deadline');
      signals.abort(reason);
      expect(subject.signal.aborted).toBe(true);
      expect(subject.signal.reason).toBe(reason);
    });

    it('is a signal of its own, never aborted, when made without one', () => {
      expect(new Conversation(documentedRequest(), 3).signal.aborted).toBe(false);
    });
  });

  describe('timeLeftMs and budget', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it("count down to the dispatcher's deadline", () => {
      jest.useFakeTimers();
      const signals = new HandlerSignals(performance.now() + 1_000);
      const subject = new Conversation(documentedRequest(), 3, signals);

      expect(subject.timeLeftMs).toBe(1_000);
      const budget = subject.budget(300);
      jest.advanceTimersByTime(300);
      expect(subject.timeLeftMs).toBe(700);
      expect(budget.reason).toMatchObject({ name: 'TimeoutError' });
      jest.advanceTimersByTime(1_000);
      expect(subject.timeLeftMs).toBe(0);
    });

    it('have no deadline in a conversation made by hand, and follow its signal', () => {
      const controller = new AbortController();
      const subject = conversation(documentedRequest(), { signal: controller.signal });

      expect(subject.timeLeftMs).toBe(Infinity);
      const budget = subject.budget(60_000);
      controller.abort('gone');
      expect(budget.reason).toBe('gone');
      expect(subject.timeLeftMs).toBe(0);
    });
  });

  describe('reply', () => {
    it('starts an empty reply builder', () => {
      const builder = conversation(documentedRequest()).reply();

      expect(builder).toBeInstanceOf(ReplyBuilder);
      expect(builder.isEmpty).toBe(true);
      expect(builder.build()).toEqual({});
    });

    it('returns a fresh builder on each call', () => {
      const subject = conversation(documentedRequest());
      const first = subject.reply().say('Hola').goTo(5);
      const second = subject.reply();

      expect(second).not.toBe(first);
      expect(second.build()).toEqual({});
      expect(() => second.goTo(6)).not.toThrow();
      expect(first.build()).toEqual({ response: { text: ['Hola'], flow: 5 } });
    });
  });
});
