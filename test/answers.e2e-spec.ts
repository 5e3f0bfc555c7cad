import { Injectable, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  answers,
  answerSettings,
  type CliengoHandler,
  type Conversation,
  QuestionHandler,
  WebhookModule,
} from '../src/webhook/index.js';
import { documentedRequest } from './support/documented-examples.js';
import { postChecked } from './support/openapi-contract.js';
import { createTestApp } from './support/test-app.js';

/**
 * The answer parsers as a handler uses them, with the service's settings: ANSWER_LOCALE,
 * ANSWER_COUNTRY and TIME_ZONE reach every call that does not say otherwise.
 */

const CONFIRMS = 1;

/** Reads a confirmation and a CPF the Brazilian way, from the service's settings alone. */
@QuestionHandler(CONFIRMS)
@Injectable()
class ConfirmsHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    const yes = conversation.answer.yesNo();
    const id = answers.nationalId(conversation.visitorMessage);
    return conversation.reply().setCustoms({
      confirmed: yes.ok ? yes.value : yes.reason,
      cpf: id.ok ? id.value : id.reason,
    });
  }
}

@Module({ imports: [WebhookModule], providers: [ConfirmsHandler] })
class AnswersModule {}

function saying(text: string) {
  return documentedRequest({
    flow: { last_question_id: CONFIRMS },
    chat_log: [{ sender: 'visitor', text }],
  });
}

describe('the answer parsers in a running service', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({
      handlers: [AnswersModule],
      config: { answerLocale: 'pt', answerCountry: 'BR', timeZone: 'America/Sao_Paulo' },
    });
  });
  afterAll(() => app.close());

  it('takes the locale, country and time zone from the configuration', () => {
    expect(answerSettings()).toEqual({
      locale: 'pt',
      country: 'BR',
      timeZone: 'America/Sao_Paulo',
    });
  });

  it('reads the visitor as configured: Portuguese, Brazilian ids', async () => {
    const response = await postChecked(app, '/webhook')
      .send(saying('sim, meu CPF é 123.456.789-09'))
      .expect(200);

    expect(response.body).toEqual({ custom: { confirmed: true, cpf: '12345678909' } });
  });

  it('says why an answer was not understood', async () => {
    const response = await postChecked(app, '/webhook')
      .send(saying('não sei, o CPF é 123.456.789-00'))
      .expect(200);

    expect(response.body).toEqual({
      custom: { confirmed: 'doubt', cpf: 'invalid-check-digit' },
    });
  });
});
