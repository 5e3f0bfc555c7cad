import { jest } from '@jest/globals';
import { HandlerTimeoutError } from 'cliengo-fulfillment';
import { expectReply, HandlerTestKit, webhookRequest } from 'cliengo-fulfillment/testing';
import { ExamplesModule } from './examples.module.js';
import { type Member, MemberDirectory } from './member-directory.service.js';
import { FIRST_LOOKUP_MS, MEMBER_ID_QUESTION } from './member-status.handler.js';

const TOO_SLOW =
  'El sistema de afiliados está tardando más de lo normal. Escribí tu DNI de nuevo en unos minutos y lo consultamos otra vez.';
const FAILED =
  'No pudimos consultar tu afiliación en este momento. Escribí tu DNI de nuevo en unos minutos y lo consultamos otra vez.';

/** A lookup that settles only when its signal is aborted, as `fetch(url, { signal })` does. */
const hanging = (_id: string, signal?: AbortSignal) =>
  new Promise<Member | undefined>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason as Error));
  });

const SOL: Member = {
  nationalId: '20111222',
  firstName: 'Sol',
  status: 'active',
  plan: 'Plan 410',
};

const dniAnswer = (text: string) =>
  webhookRequest()
    .question(MEMBER_ID_QUESTION, 'Para consultar tu afiliación, escribí tu DNI.')
    .visitorSays(text);

describe('MemberStatusHandler (question 7) with the example directory', () => {
  let kit: HandlerTestKit;

  beforeAll(async () => {
    kit = await HandlerTestKit.create({ imports: [ExamplesModule] });
  });
  afterAll(() => kit.close());

  it('tells an active member their status and remembers it', async () => {
    const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('30.123.456'));

    expectReply(reply)
      .toHaveOutcome('replied')
      .toSetOnlyCustom({ member_status: 'active', member_plan: 'Plan 210' })
      .toSay('¡Hola Ariel! Tu afiliación al Plan 210 está activa.')
      .toStopChat(false)
      .toStayOnQuestion();
  });

  it('reads the DNI without dots, and the visitor line even when a bot line follows it', async () => {
    const request = dniAnswer('30123456').botSays('Un momento, lo busco...');

    const reply = await kit.send(request);

    expect(reply.custom).toEqual({ member_status: 'active', member_plan: 'Plan 210' });
  });

  it('tells a suspended member an adviser will call', async () => {
    const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('27.999.888'));

    expectReply(reply)
      .toSetCustom({ member_status: 'suspended', member_plan: 'Plan 310' })
      .toSay(
        '¡Hola Lucía! Tu afiliación al Plan 310 está suspendida. Un asesor te va a contactar.',
      );
  });

  it('remembers an unknown DNI as not found, silently: the script goes on', async () => {
    const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('12.345.678'));

    expectReply(reply)
      .toHaveOutcome('replied')
      .toSetOnlyCustom({ member_status: 'not_found', member_plan: null })
      .toClearCustom('member_plan')
      .toSayNothing()
      .toStopChat(false);
  });

  it.each(['mi dni es 30 123 456', 'DNI: 30123456', '30-123-456', '30.123.456!!'])(
    'reads the DNI however it is typed (%j)',
    async (text) => {
      const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer(text));

      expectReply(reply).toSetCustom({ member_status: 'active', member_plan: 'Plan 210' });
    },
  );

  it.each([
    ['no me acuerdo', /^No pude leer tu DNI/],
    ['', /^No pude leer tu DNI/],
    ['30.123', /^Ese número no parece un DNI/],
    ['30.123.456 o 27.999.888', /^Veo más de un número/],
  ])(
    'asks again for a DNI it cannot read (%j), saying why, on the same question',
    async (text, why) => {
      const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer(text || ' '));

      expectReply(reply)
        .toMention(why)
        .toExpect('TEXT')
        .toStopChat()
        .toStayOnQuestion()
        .toNotSetCustom();
    },
  );
});

describe('MemberStatusHandler (question 7) with a fake directory', () => {
  const lookups: string[] = [];
  let signals: AbortSignal[] = [];
  let answer: (nationalId: string, signal?: AbortSignal) => Promise<Member | undefined>;
  const fake: Pick<MemberDirectory, 'findByNationalId'> = {
    findByNationalId: (nationalId, signal) => {
      lookups.push(nationalId);
      if (signal) signals.push(signal);
      return answer(nationalId, signal);
    },
  };
  let kit: HandlerTestKit;

  beforeAll(async () => {
    kit = await HandlerTestKit.create({
      imports: [ExamplesModule],
      overrides: [{ provide: MemberDirectory, useValue: fake }],
    });
  });
  afterAll(() => kit.close());
  beforeEach(() => {
    lookups.splice(0);
    signals = [];
  });
  afterEach(() => jest.useRealTimers());

  it('looks the digits up in the injected directory', async () => {
    answer = () => Promise.resolve(SOL);

    const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('20.111.222'));

    expect(lookups).toEqual(['20111222']);
    expectReply(reply).toSay('¡Hola Sol! Tu afiliación al Plan 410 está activa.');
  });

  it('tells the visitor at the deadline when the directory hangs, and aborts both tries', async () => {
    answer = hanging;
    jest.useFakeTimers();
    const deadline = kit.deadlineOf(MEMBER_ID_QUESTION);
    expect(deadline).toBe(5_000); // the handler's own timeoutMs

    const pending = kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('30.123.456'));
    await jest.advanceTimersByTimeAsync(deadline!);
    const reply = await pending;

    expectReply(reply).toBeFaultReply('timeout').toSay(TOO_SLOW).toExpect('TEXT').toStopChat();
    expect(reply.handler).toBe('MemberStatusHandler');
    expect(lookups).toEqual(['30123456', '30123456']);
    // The first try was cut by its budget, the second by the deadline.
    expect(signals[0].reason).toMatchObject({ name: 'TimeoutError' });
    expect(signals[0].reason).not.toBeInstanceOf(HandlerTimeoutError);
    expect(signals[1].reason).toBeInstanceOf(HandlerTimeoutError);
  });

  it('tries once more when the first lookup overruns its budget, and answers in time', async () => {
    answer = (id, signal) => (lookups.length === 1 ? hanging(id, signal) : Promise.resolve(SOL));
    jest.useFakeTimers();

    const pending = kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('20.111.222'));
    await jest.advanceTimersByTimeAsync(FIRST_LOOKUP_MS);
    const reply = await pending;

    expectReply(reply)
      .toHaveOutcome('replied')
      .toSay('¡Hola Sol! Tu afiliación al Plan 410 está activa.');
    expect(lookups).toHaveLength(2);
    expect(signals[0].reason).toMatchObject({ name: 'TimeoutError' });
    // The first try's budget ended with it; the second try's signal was never aborted.
    expect(signals[1].aborted).toBe(false);
  });

  it('answers in time when the directory is slow but within the first budget', async () => {
    answer = () =>
      new Promise((resolve) => {
        setTimeout(() => resolve(undefined), FIRST_LOOKUP_MS - 100);
      });
    jest.useFakeTimers();

    const pending = kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('30.123.456'));
    await jest.advanceTimersByTimeAsync(FIRST_LOOKUP_MS - 100);

    expectReply(await pending)
      .toHaveOutcome('replied')
      .toSetOnlyCustom({ member_status: 'not_found', member_plan: null });
    expect(lookups).toHaveLength(1);
  });

  it('tells the visitor when the directory fails, without trying again', async () => {
    answer = () => Promise.reject(new Error('the member API is down'));

    const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('30.123.456'));

    expectReply(reply).toBeFaultReply('error').toSay(FAILED).toNotSetCustom();
    expect(reply.error).toEqual(new Error('the member API is down'));
    expect(lookups).toHaveLength(1);
  });
});
