import { jest } from '@jest/globals';
import { HandlerTimeoutError } from '../../webhook/handler-timeout.error.js';
import { expectReply, HandlerTestKit, webhookRequest } from '../../devkit/testing/index.js';
import { ExamplesModule } from './examples.module.js';
import { type Member, MemberDirectory } from './member-directory.service.js';
import { MEMBER_ID_QUESTION, parseNationalId } from './member-status.handler.js';

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

  it.each(['no me acuerdo', '30.123', '30-123-456', ''])(
    'asks again for a DNI it cannot read (%j), on the same question',
    async (text) => {
      const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer(text || ' '));

      expectReply(reply)
        .toMention(/^No pude leer tu DNI/)
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
    answer = () =>
      Promise.resolve({
        nationalId: '20111222',
        firstName: 'Sol',
        status: 'active',
        plan: 'Plan 410',
      });

    const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('20.111.222'));

    expect(lookups).toEqual(['20111222']);
    expectReply(reply).toSay('¡Hola Sol! Tu afiliación al Plan 410 está activa.');
  });

  it('passes through with a timeout when the directory hangs past the deadline, and aborts the lookup', async () => {
    // The lookup settles only when its signal is aborted, like fetch(url, { signal }).
    answer = (_id, signal) =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason as Error));
      });
    jest.useFakeTimers();
    const deadline = kit.deadlineOf(MEMBER_ID_QUESTION);
    expect(deadline).toBe(5_000); // the handler's own timeoutMs

    const pending = kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('30.123.456'));
    await jest.advanceTimersByTimeAsync(deadline!);
    const reply = await pending;

    expectReply(reply).toPassThrough('timeout');
    expect(reply.handler).toBe('MemberStatusHandler');
    expect(signals[0].aborted).toBe(true);
    expect(signals[0].reason).toBeInstanceOf(HandlerTimeoutError);
  });

  it('answers in time when the directory is slow but within the deadline', async () => {
    answer = () =>
      new Promise((resolve) => {
        setTimeout(() => resolve(undefined), 4_900);
      });
    jest.useFakeTimers();

    const pending = kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('30.123.456'));
    await jest.advanceTimersByTimeAsync(4_900);

    expectReply(await pending)
      .toHaveOutcome('replied')
      .toSetOnlyCustom({ member_status: 'not_found', member_plan: null });
  });

  it('passes through with an error outcome when the directory fails', async () => {
    answer = () => Promise.reject(new Error('the member API is down'));

    const reply = await kit.sendToQuestion(MEMBER_ID_QUESTION, dniAnswer('30.123.456'));

    expectReply(reply).toPassThrough('error');
    expect(reply.error).toEqual(new Error('the member API is down'));
  });
});

describe('parseNationalId', () => {
  it.each([
    ['30.123.456', '30123456'],
    ['30123456', '30123456'],
    [' 7.123.456 ', '7123456'],
    ['7123456', '7123456'],
  ])('reads %j as %j', (text, digits) => {
    expect(parseNationalId(text)).toBe(digits);
  });

  it.each(['', 'abc', '301234', '301.23.456', '123.456.789', undefined])('refuses %j', (text) => {
    expect(parseNationalId(text)).toBeUndefined();
  });
});
