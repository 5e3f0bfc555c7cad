import type { NestExpressApplication } from '@nestjs/platform-express';
import { postChecked } from './support/openapi-contract.js';
import { documentedRequest } from './support/documented-examples.js';
import { createTestApp } from './support/test-app.js';

describe('the service with the example handlers', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('answers the documented request example with the documented kind of reply', async () => {
    const response = await postChecked(app, '/webhook')
      .send(documentedRequest())
      .expect(200)
      .expect('Content-Type', /json/);
    expect(response.body).toEqual({
      custom: { userType: 'advanced' },
      response: {
        text: ['Ok', '¿Qué modelo te interesa?'],
        response_type: 'LIST',
        response_options: ['Model 3', 'Model Y'],
        stopChat: true,
        flow: 5,
      },
    });
  });

  it('routes a per-question URL by the id in the path, whatever flow.last_question_id says', async () => {
    const body = documentedRequest({
      flow: { last_question_id: 3, retry_count: 0 },
      chat_log: [
        { sender: 'chatbot', text: '¿Cuál es tu DNI?' },
        { sender: 'visitor', text: '30.123.456' },
        { sender: 'chatbot', text: 'Un momento...' },
      ],
    });
    const response = await postChecked(app, '/webhook/questions/7').send(body).expect(200);
    expect(response.body).toEqual({
      custom: { member_status: 'active', member_plan: 'Plan 210' },
      response: { text: ['¡Hola Ariel! Tu afiliación al Plan 210 está activa.'] },
    });
  });

  it('asks again when the national ID cannot be read', async () => {
    const body = documentedRequest({ chat_log: [{ sender: 'visitor', text: 'no sé' }] });
    const response = await postChecked(app, '/webhook/questions/7').send(body).expect(200);
    expect(response.body.response).toMatchObject({ response_type: 'TEXT', stopChat: true });
    expect(response.body.response.text[0]).toMatch(/DNI/);
  });

  it('passes through questions no example handles', async () => {
    await postChecked(app, '/webhook/questions/99').send(documentedRequest()).expect(200, {});
  });
});

describe('the service without the example handlers', () => {
  it('still boots and answers every question with a pass-through', async () => {
    const app = await createTestApp({ handlers: [] });
    try {
      await postChecked(app, '/webhook').send(documentedRequest()).expect(200, {});
    } finally {
      await app.close();
    }
  });
});
