import type { NestExpressApplication } from '@nestjs/platform-express';
import { postChecked } from './support/openapi-contract.js';
import { CONTRACT_LIMITS } from '../src/contract/contract.limits.js';
import { FixtureHandlersModule, Q } from './fixtures/fixture-handlers.js';
import { documentedRequest } from './support/documented-examples.js';
import { createTestApp } from './support/test-app.js';

describe('malformed requests', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ handlers: [FixtureHandlersModule] });
  });
  afterAll(() => app.close());

  const post = (path = '/webhook') => postChecked(app, path);

  it('answers 400 naming each offending field path', async () => {
    const body = documentedRequest({
      chat_log: 'not a list',
      flow: { last_question_id: '3' },
      collected_data: { name: { value: 42 }, custom: ['not', 'an', 'object'] },
    });
    const response = await post().send(body).expect(400).expect('Content-Type', /json/);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body does not match the Cliengo webhook contract',
      fields: {
        chat_log: ['chat_log must be an array'],
        'flow.last_question_id': ['last_question_id must be an integer number'],
        'collected_data.name.value': ['value must be a string'],
        'collected_data.custom': ['custom must be a JSON object'],
      },
    });
  });

  it('names the index of a bad chat_log entry', async () => {
    const body = documentedRequest({
      chat_log: [{ sender: 'visitor', text: 'ok' }, { sender: 'chatbot', text: 7 }, 'plain text'],
    });
    const response = await post().send(body).expect(400);
    expect(Object.keys(response.body.fields)).toEqual(['chat_log']);
    expect(response.body.fields.chat_log.join(' ')).toMatch(/object/);
    const second = await post()
      .send(
        documentedRequest({
          chat_log: [
            { sender: 'visitor', text: 'ok' },
            { sender: 'chatbot', text: 7 },
          ],
        }),
      )
      .expect(400);
    expect(second.body.fields).toEqual({ 'chat_log.1.text': ['text must be a string'] });
  });

  it('requires conversationId and channel', async () => {
    const { conversationId: _id, channel: _channel, ...rest } = documentedRequest();
    const response = await post().send(rest).expect(400);
    expect(Object.keys(response.body.fields).sort()).toEqual(['channel', 'conversationId']);
  });

  it('refuses strings and arrays past their bounds', async () => {
    const body = documentedRequest({
      chatbotName: 'x'.repeat(CONTRACT_LIMITS.shortTextLength + 1),
      tags: Array.from({ length: CONTRACT_LIMITS.listEntries + 1 }, () => 'tag'),
    });
    const response = await post().send(body).expect(400);
    expect(Object.keys(response.body.fields).sort()).toEqual(['chatbotName', 'tags']);
  });

  it('answers 400 to a body that is not valid JSON', async () => {
    const response = await post()
      .set('Content-Type', 'application/json')
      .send('{"channel": "WEB",')
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.message).toMatch(/^The request body is not valid JSON/);
  });

  it('answers 400 to JSON that is not an object', async () => {
    const response = await post().send([documentedRequest()]).expect(400);
    expect(response.body.fields).toEqual({ '(root)': ['must be a JSON object'] });
  });

  it('answers 400 to a per-question URL whose id is not an integer', async () => {
    for (const id of ['abc', '-1', '1.5', '99999999999999999999']) {
      const response = await post(`/webhook/questions/${id}`).send(documentedRequest()).expect(400);
      expect(response.body.fields).toEqual({
        questionId: ['questionId must be a non-negative integer'],
      });
    }
  });

  it('loses nothing: the same conversation is answered once the request is right', async () => {
    await post()
      .send(documentedRequest({ flow: { last_question_id: 'x' } }))
      .expect(400);
    await post()
      .send(documentedRequest({ flow: { last_question_id: Q.greets } }))
      .expect(200);
  });
});
