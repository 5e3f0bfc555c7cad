import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Member, MemberDirectory } from '../src/service/examples/member-directory.service.js';
import { FIRST_LOOKUP_MS } from '../src/service/examples/member-status.handler.js';
import { postChecked } from './support/openapi-contract.js';
import { CapturedLogs } from './support/captured-logs.js';
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

describe('the member lookup (question 7) against a slow, failing member API', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();
  /** How the fake API answers each lookup, in order; the signal each lookup was given. */
  let answers: Array<(signal?: AbortSignal) => Promise<Member | undefined>> = [];
  const signals: AbortSignal[] = [];
  const api: Pick<MemberDirectory, 'findByNationalId'> = {
    findByNationalId: (_id, signal) => {
      if (signal) signals.push(signal);
      const next = answers.shift();
      return next ? next(signal) : Promise.resolve(undefined);
    },
  };
  /** A lookup that settles only when its signal is aborted, as `fetch(url, { signal })` does. */
  const hangs = (signal?: AbortSignal) =>
    new Promise<Member | undefined>((_resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason as Error));
    });

  beforeAll(async () => {
    app = await createTestApp({ logs, overrides: [{ provide: MemberDirectory, useValue: api }] });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    logs.clear();
    signals.splice(0);
  });

  const dni = (text: string) => documentedRequest({ chat_log: [{ sender: 'visitor', text }] });

  it('tells the visitor, in Spanish, that the lookup failed, and waits on the question', async () => {
    answers = [() => Promise.reject(new Error('member API: 503 Service Unavailable'))];
    const response = await postChecked(app, '/webhook/questions/7')
      .send(dni('30.123.456'))
      .expect(200);
    expect(response.body).toEqual({
      response: {
        text: [
          'No pudimos consultar tu afiliación en este momento. Escribí tu DNI de nuevo en unos minutos y lo consultamos otra vez.',
        ],
        response_type: 'TEXT',
        stopChat: true,
      },
    });
    expect(logs.lastWebhookLine()).toMatchObject({
      level: 'error',
      outcome: 'error',
      faultReply: 'sent',
      handler: 'MemberStatusHandler',
      err: { message: 'member API: 503 Service Unavailable' },
    });
  });

  it('cuts a hanging first lookup at its budget and answers from the second', async () => {
    answers = [
      hangs,
      () =>
        Promise.resolve({
          nationalId: '30123456',
          firstName: 'Ariel',
          status: 'active',
          plan: 'Plan 210',
        }),
    ];
    const started = performance.now();
    const response = await postChecked(app, '/webhook/questions/7')
      .send(dni('30.123.456'))
      .expect(200);
    const elapsed = performance.now() - started;
    expect(response.body).toEqual({
      custom: { member_status: 'active', member_plan: 'Plan 210' },
      response: { text: ['¡Hola Ariel! Tu afiliación al Plan 210 está activa.'] },
    });
    expect(elapsed).toBeGreaterThanOrEqual(FIRST_LOOKUP_MS - 5);
    expect(elapsed).toBeLessThan(FIRST_LOOKUP_MS + 500);
    expect(signals).toHaveLength(2);
    expect(signals[0].reason).toMatchObject({ name: 'TimeoutError' });
    expect(logs.lastWebhookLine()).toMatchObject({ outcome: 'replied' });
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
