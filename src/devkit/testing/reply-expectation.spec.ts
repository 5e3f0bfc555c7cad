import { DispatchedReply, expectReply, ReplyAssertionError } from './index.js';

const documented = {
  custom: { userType: 'advanced' },
  response: {
    text: ['Ok', '¿Qué modelo te interesa?'],
    response_type: 'LIST' as const,
    response_options: ['Model 3', 'Model Y'],
    stopChat: true,
    flow: 5,
  },
};

function failure(check: () => unknown): ReplyAssertionError {
  try {
    check();
  } catch (error) {
    if (error instanceof ReplyAssertionError) return error;
    throw error;
  }
  throw new Error('expected the check to fail');
}

describe('expectReply', () => {
  it('passes every check the documented reply satisfies, chained', () => {
    expect(() =>
      expectReply(documented)
        .toSay('Ok', /modelo/)
        .toMention('qué modelo'.replace('q', '¿Q'))
        .toExpectList(['Model 3', 'Model Y'])
        .toSetCustom({ userType: 'advanced' })
        .toSetOnlyCustom({ userType: 'advanced' })
        .toNotSetCustom('plan')
        .toStopChat()
        .toJumpTo(5)
        .toEqualReply(documented),
    ).not.toThrow();
  });

  it('shows a diff of the texts when they differ', () => {
    const error = failure(() => expectReply(documented).toSay('Ok', '¿Qué color te gusta?'));

    expect(error.message).toContain('Expected the reply to say');
    expect(error.message).toContain('\n    "Ok"\n');
    expect(error.message).toContain('- "¿Qué color te gusta?"');
    expect(error.message).toContain('+ "¿Qué modelo te interesa?"');
    expect(error.message).toContain('reply: {"custom":{"userType":"advanced"}');
  });

  it('names the custom keys that differ', () => {
    const error = failure(() =>
      expectReply(documented).toSetCustom({ userType: 'basic', plan: 'x' }),
    );

    expect(error.message).toMatch(
      /- userType: "basic"\n.*- plan: "x"\n.*\+ userType: "advanced"\n.*\+ plan: \(not set\)/s,
    );
  });

  it('says how the call ended when the reply came from the kit', () => {
    const reply = new DispatchedReply(
      {
        reply: {},
        outcome: 'error',
        questionId: 7,
        handler: 'MemberStatusHandler',
        durationMs: 1.5,
        error: new TypeError('boom'),
      },
      { channel: 'WEB', conversationId: 'c1' },
    );

    const error = failure(() => expectReply(reply).toSay('hola'));

    expect(error.message).toContain(
      'outcome: error by MemberStatusHandler on question 7 in 1.5 ms; the handler threw TypeError: boom',
    );
    expect(() => expectReply(reply).toPassThrough('error')).not.toThrow();
    expect(failure(() => expectReply(reply).toPassThrough('timeout')).message).toContain(
      '- "timeout"\n  + "error"',
    );
  });

  it.each([
    [
      'a DOMException',
      new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      'TimeoutError: The operation was aborted due to timeout',
    ],
    ['an AbortError', AbortSignal.abort().reason, 'AbortError: This operation was aborted'],
    ['a string', 'the CRM is down', "'the CRM is down' (a string, not an Error)"],
    ['a number', 503, '503 (a number, not an Error)'],
    ['a plain object', { status: 503 }, '{ status: 503 } (an object, not an Error)'],
    ['null', null, 'null (not an Error)'],
    ['undefined', undefined, 'undefined (not an Error)'],
  ])('names what the handler threw when it is %s', (_case, thrown, described) => {
    const reply = new DispatchedReply(
      { reply: {}, outcome: 'error', questionId: 7, handler: 'H', durationMs: 1, error: thrown },
      { channel: 'WEB', conversationId: 'c1' },
    );

    expect(reply.describe()).toBe(
      `error by H on question 7 in 1 ms; the handler threw ${described}`,
    );
    expect(failure(() => expectReply(reply).toSay('hola')).message).toContain(
      `the handler threw ${described}`,
    );
  });

  const faulted = (report: Partial<ConstructorParameters<typeof DispatchedReply>[0]>) =>
    new DispatchedReply(
      {
        reply: {},
        outcome: 'timeout',
        questionId: 7,
        handler: 'H',
        durationMs: 5000,
        ...report,
      },
      { channel: 'WEB', conversationId: 'c1' },
    );

  it.each([
    [
      { faultReply: 'sent' as const, reply: { response: { text: ['Perdón'] } } },
      '; fault reply sent',
    ],
    [{ faultReply: 'pass-through' as const }, '; onFault returned nothing: {}'],
    [
      { faultReply: 'threw' as const, faultReplyError: new RangeError('no') },
      '; onFault threw RangeError: no: {}',
    ],
    [
      { faultReply: 'async' as const },
      '; onFault returned a promise, not waited for (a fault reply must be synchronous): {}',
    ],
    [
      { faultReply: 'invalid' as const, faultReplyFields: { mood: ['unknown field'] } },
      '; fault reply problems: mood: unknown field: {}',
    ],
    [
      { faultReply: 'invalid' as const, faultReplyError: new TypeError('cyclic') },
      '; fault reply not serialisable: TypeError: cyclic: {}',
    ],
  ])('says what became of the fault reply (%o)', (report, note) => {
    expect(faulted(report).describe()).toBe(`timeout by H on question 7 in 5000 ms${note}`);
  });

  it('checks that the reply is the fault reply, of a given fault', () => {
    const sent = faulted({ faultReply: 'sent', reply: { response: { text: ['Perdón'] } } });
    expect(() => expectReply(sent).toBeFaultReply().toBeFaultReply('timeout')).not.toThrow();
    expect(failure(() => expectReply(sent).toBeFaultReply('error')).message).toContain(
      '- "error"\n  + "timeout"',
    );
    const none = faulted({});
    expect(failure(() => expectReply(none).toBeFaultReply()).message).toContain(
      'Expected the reply to be the fault reply (faultReply: sent)\n  - "sent"\n  + "(no fault reply)"',
    );
    expect(
      failure(() => expectReply(faulted({ faultReply: 'threw' })).toBeFaultReply()).message,
    ).toContain('+ "threw"');
    expect(() => expectReply({}).toBeFaultReply()).toThrow(
      /only known for replies from HandlerTestKit/,
    );
  });

  it('starts the stack at the caller, not inside the kit', () => {
    const error = failure(() => expectReply({}).toJumpTo(3));

    const frames = error.stack!.split('\n').filter((line) => line.startsWith('    at '));
    expect(frames[0]).toContain('reply-expectation.spec');
  });

  it('refuses outcome checks on plain reply objects', () => {
    expect(() => expectReply({}).toHaveOutcome('pass-through')).toThrow(
      /only known for replies from HandlerTestKit/,
    );
  });

  it.each([
    ['toSayNothing', () => expectReply(documented).toSayNothing()],
    ['toExpect', () => expectReply(documented).toExpect('TEXT')],
    ['toExpectList', () => expectReply(documented).toExpectList(['Model 3'])],
    ['toNotSetCustom', () => expectReply(documented).toNotSetCustom()],
    ['toClearCustom', () => expectReply(documented).toClearCustom('userType')],
    ['toClearCustom(missing)', () => expectReply(documented).toClearCustom('plan')],
    ['toClearCustom()', () => expectReply({ custom: { plan: null } }).toClearCustom()],
    ['toSetName', () => expectReply(documented).toSetName('Ariel')],
    ['toSetEmail', () => expectReply(documented).toSetEmail('a@example.com')],
    ['toSetPhone', () => expectReply(documented).toSetPhone('+54')],
    ['toStopChat(false)', () => expectReply(documented).toStopChat(false)],
    ['toStayOnQuestion', () => expectReply(documented).toStayOnQuestion()],
    ['toPassThrough', () => expectReply(documented).toPassThrough()],
    ['toMention', () => expectReply(documented).toMention('adiós')],
  ])('%s fails with a ReplyAssertionError', (_name, check) => {
    expect(check).toThrow(ReplyAssertionError);
  });

  it('checks the keys a reply clears', () => {
    const reply = { custom: { cbu: null, offer: null, step: 2 } };
    expect(() => expectReply(reply).toClearCustom('cbu', 'offer')).not.toThrow();
    expect(() => expectReply(reply).toClearCustom('cbu', 'step')).toThrow(
      /to clear custom cbu, step/,
    );
  });

  it('checks the lead writes', () => {
    const reply = {
      name: { value: 'Ariel' },
      email: { value: 'ariel@example.com' },
      phone: { national_format: '011 3815-2222', international_format: '+541138152222' },
    };
    expect(() =>
      expectReply(reply)
        .toSetName('Ariel')
        .toSetEmail('ariel@example.com')
        .toSetPhone('+541138152222')
        .toSetPhone({ national: '011 3815-2222' })
        .toSayNothing()
        .toNotSetCustom(),
    ).not.toThrow();
  });
});
