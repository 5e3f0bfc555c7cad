import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { applyCustomWrites } from '../src/devkit/simulator/conversation-state.js';
import { CapturedLogs } from './support/captured-logs.js';
import { documentedRequest } from './support/documented-examples.js';
import { postChecked } from './support/openapi-contract.js';
import { createTestApp } from './support/test-app.js';

const STATE = 'dialog:delivery-reschedule';

/** A message of the visitor on a question, with the memory the last reply left. */
function message(questionId: number, text: string, custom: Record<string, unknown> = {}) {
  return documentedRequest({
    flow: { last_question_id: questionId, retry_count: 0 },
    chat_log: [
      { sender: 'chatbot', text: 'Para reprogramar tu entrega, escribí el número de pedido.' },
      { sender: 'visitor', text },
    ],
    collected_data: { custom },
  });
}

describe('a dialog over HTTP', () => {
  let app: NestExpressApplication;
  const logs = new CapturedLogs();

  beforeEach(async () => {
    logs.clear();
    app = await createTestApp({ logs });
  });
  afterEach(() => app.close());

  /** Plays the visitor's messages on one URL, carrying memory between turns. */
  async function play(path: string, questionId: number, texts: string[]) {
    const memory: Record<string, unknown> = {};
    const bodies: Record<string, unknown>[] = [];
    for (const text of texts) {
      const response = await postChecked(app, path)
        .send(message(questionId, text, memory))
        .expect(200);
      const body = response.body as { custom?: Record<string, unknown> };
      // Memory as Cliengo keeps it, as the simulator applies it.
      applyCustomWrites(memory, body.custom ?? {});
      bodies.push(response.body as Record<string, unknown>);
    }
    return { bodies, memory };
  }

  it.each([
    ['the global URL, routed by flow.last_question_id', '/webhook', 50],
    ['a per-question URL, whatever flow.last_question_id says', '/webhook/questions/50', 3],
  ])('runs turn by turn on %s', async (_name, path, questionId) => {
    const { bodies, memory } = await play(path, questionId, ['10234', 'el sábado', '1', 'sí']);

    expect(bodies[0]).toMatchObject({
      custom: { pedido: '10234', [STATE]: { v: 1, step: 'date' } },
      response: {
        text: [
          'Tu pedido 10234 llega el jueves 3/12 a Av. Corrientes 1234.',
          '¿Qué día te queda mejor para recibirlo?',
        ],
        response_type: 'TEXT',
        stopChat: true,
      },
    });
    expect(bodies[1]).toMatchObject({
      custom: { [STATE]: { step: 'slot', items: [{ id: 'morning', label: '9 a 12 hs' }] } },
      response: { response_type: 'LIST', response_options: ['9 a 12 hs'], stopChat: true },
    });
    expect(bodies[2]).toMatchObject({
      response: { response_type: 'LIST', response_options: ['Sí', 'No'] },
    });
    expect(bodies[3]).toMatchObject({
      custom: { entrega_horario: '9 a 12 hs', [STATE]: null },
      response: { text: [expect.stringMatching(/^¡Listo! Tu pedido llega el sábado \d+\/\d+/)] },
    });
    expect(memory).not.toHaveProperty(STATE);
    expect(memory).toMatchObject({ pedido: '10234', entrega_horario: '9 a 12 hs' });
    const lines = logs.webhookLines();
    expect(lines.map((line) => line.handler)).toEqual(Array(4).fill('DeliveryRescheduleDialog'));
    expect(lines.map((line) => line.outcome)).toEqual(Array(4).fill('replied'));
  });

  it('answers a failed booking with its fault reply, logged and counted, and retries it on the next message', async () => {
    const { bodies } = await play('/webhook', 50, ['20002', 'el sábado', '1', 'sí', 'sí']);

    expect(bodies[3]).toEqual({
      response: {
        text: [
          'No pudimos confirmar el cambio ahora. Respondé «sí» en unos minutos y lo intentamos de nuevo.',
        ],
        response_type: 'LIST',
        response_options: ['Sí', 'No'],
        stopChat: true,
      },
    });
    expect(bodies[4]).toMatchObject({ custom: { [STATE]: null, entrega_horario: '9 a 12 hs' } });
    const fault = logs.webhookLines()[3];
    expect(fault).toMatchObject({
      level: 'error',
      outcome: 'error',
      handler: 'DeliveryRescheduleDialog',
      faultReply: 'sent',
    });
    const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      /cliengo_fault_replies_total\{chatbot="default",question_id="50",handler="DeliveryRescheduleDialog",outcome="error",result="sent"\} 1\n/,
    );
  });
});
