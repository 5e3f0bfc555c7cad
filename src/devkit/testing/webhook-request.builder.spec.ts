import { WebhookRequestDto } from '../../contract/webhook-request.dto.js';
import { checkContract } from '../../webhook/contract.checker.js';
import { Conversation } from '../../webhook/conversation.context.js';
import { webhookRequest } from './index.js';

const conversationOf = (request: WebhookRequestDto) =>
  new Conversation(
    request,
    request.flow?.last_question_id ?? undefined,
    new AbortController().signal,
  );

describe('webhookRequest()', () => {
  it('builds a request with every documented field, valid against the contract', () => {
    const request = webhookRequest().build();

    expect(checkContract(WebhookRequestDto, request)).toBeUndefined();
    expect(Object.keys(request).sort()).toEqual(
      [
        'are_you_there',
        'channel',
        'chat_log',
        'chatbotName',
        'collected_data',
        'companyId',
        'conversationId',
        'creation_date',
        'fired_triggers',
        'flow',
        'last_interaction_date',
        'lead_post_date',
        'reactivated',
        'softDisable',
        'status',
        'tags',
        'visitorData',
        'visitorId',
        'visitor_status',
        'websiteId',
      ].sort(),
    );
    expect(request.channel).toBe('WEB');
    expect(request.conversationId).toMatch(/^[0-9a-f]{24}$/);
    expect(request.visitorData?.url).toMatch(/^https:\/\//);
    expect(request.status).toBe('ACTIVE');
    expect(request.visitor_status).toBe('ONLINE');
  });

  it('builds the example of the issue, and a handler reads it as meant', () => {
    const request = webhookRequest()
      .question(7)
      .visitorSays('30.123.456')
      .memory({ plan: 'premium', visits: '3' })
      .lead({ name: 'Ariel', email: 'ariel@example.com', phone: '+541138152222' })
      .channel('WHATSAPP')
      .build();

    expect(checkContract(WebhookRequestDto, request)).toBeUndefined();
    const conversation = conversationOf(request);
    expect(conversation.questionId).toBe(7);
    expect(conversation.visitorMessage).toBe('30.123.456');
    expect(conversation.memory.text('plan')).toBe('premium');
    expect(conversation.memory.number('visits')).toBe(3);
    expect(conversation.lead).toMatchObject({
      name: 'Ariel',
      email: 'ariel@example.com',
      phone: '+541138152222',
    });
    expect(conversation.channel).toBe('WHATSAPP');
    expect(request.visitorId).toMatch(/^\d+$/);
    expect(request.visitorData).toBeNull();
    expect(request.tags).toContain('fired_new_lead');
    expect(request.lead_post_date).not.toBeNull();
  });

  it('writes a realistic chat log: the greeting and the question before the answer', () => {
    const request = webhookRequest()
      .question(7, '¿Cuál es tu DNI?')
      .visitorSays('30.123.456')
      .build();

    expect(request.chat_log).toEqual([
      { sender: 'chatbot', text: '¡Hola! Soy Martín, el asistente virtual.' },
      { sender: 'chatbot', text: '¿Cuál es tu DNI?' },
      { sender: 'visitor', text: '30.123.456' },
    ]);
  });

  it('keeps bot lines said after the answer, as real traffic has them', () => {
    const request = webhookRequest()
      .question(7)
      .visitorSays('30.123.456')
      .botSays('Un momento...')
      .build();

    expect(request.chat_log?.at(-1)).toEqual({ sender: 'chatbot', text: 'Un momento...' });
    expect(conversationOf(request).visitorMessage).toBe('30.123.456');
  });

  it('follows an exact chat log when given one', () => {
    const log = [{ sender: 'visitor', text: 'hola' }];
    expect(webhookRequest().chatLog(log).build().chat_log).toEqual(log);
  });

  it('sends flow.retry_count and the undocumented fields given with with()', () => {
    const request = webhookRequest()
      .question(3)
      .retry(2)
      .with({ flow: { last_question_messages: { order: 2 } }, campaign: 'spring' })
      .build();

    expect(request.flow).toEqual({
      last_question_id: 3,
      retry_count: 2,
      last_question_messages: { order: 2 },
    });
    expect((request as unknown as Record<string, unknown>).campaign).toBe('spring');
    expect(checkContract(WebhookRequestDto, request)).toBeUndefined();
  });

  it('reads a phone without + as national, and takes both formats as an object', () => {
    expect(webhookRequest().lead({ phone: '011 3815-2222' }).build().collected_data?.phone).toEqual(
      {
        national_format: '011 3815-2222',
        international_format: null,
      },
    );
    expect(
      webhookRequest()
        .lead({ phone: { national: '011 3815-2222', international: '+541138152222' } })
        .build().collected_data?.phone,
    ).toEqual({ national_format: '011 3815-2222', international_format: '+541138152222' });
  });

  it('makes a fresh object on every build', () => {
    const builder = webhookRequest().memory({ a: 1 });
    const first = builder.build();
    first.collected_data!.custom!.a = 2;

    expect(builder.build().collected_data?.custom).toEqual({ a: 1 });
    expect(builder.build()).not.toBe(builder.build());
  });

  it('carries a sample websiteId, the one given, or none', () => {
    expect(webhookRequest().build().websiteId).toBe('5de12d55e4b096a8283b6ed8');
    const autos = webhookRequest().websiteId('5de12d55e4b096a8283b0001').build();
    expect(autos.websiteId).toBe('5de12d55e4b096a8283b0001');
    expect(checkContract(WebhookRequestDto, autos)).toBeUndefined();
    expect(webhookRequest().websiteId(null).build().websiteId).toBeNull();
  });

  it('has no question id until one is given, as before the first question', () => {
    const request = webhookRequest().visitorSays('hola').build();

    expect(request.flow?.last_question_id).toBeNull();
    expect(request.chat_log?.map((entry) => entry.sender)).toEqual(['chatbot', 'visitor']);
  });
});
