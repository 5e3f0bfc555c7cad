import { expectReply, HandlerTestKit, webhookRequest } from 'cliengo-fulfillment/testing';
import { CAR_MODELS, CAR_MODELS_QUESTION, CarModelsHandler } from './car-models.handler.js';
import { ExamplesModule } from './examples.module.js';

describe('CarModelsHandler (question 3)', () => {
  let kit: HandlerTestKit;

  beforeAll(async () => {
    kit = await HandlerTestKit.create({ imports: [ExamplesModule] });
  });
  afterAll(() => kit.close());

  const answer = (text: string) =>
    webhookRequest()
      .question(CAR_MODELS_QUESTION, '¿Te interesa conocer nuestros autos eléctricos?')
      .visitorSays(text);

  it('offers the models as a LIST, stops the script and jumps to question 5', async () => {
    const reply = await kit.sendToQuestion(CAR_MODELS_QUESTION, answer('Sí, contame'));

    expectReply(reply)
      .toHaveOutcome('replied')
      .toSetOnlyCustom({ userType: 'advanced' })
      .toSay('Ok', '¿Qué modelo te interesa?')
      .toExpectList(['Model 3', 'Model Y'])
      .toStopChat()
      .toJumpTo(5);
    expect(reply.handler).toBe(CarModelsHandler.name);
    expect(reply.options).toEqual([...CAR_MODELS]);
  });

  it('answers the documented reply, field for field, on the global URL too', async () => {
    const reply = await kit.send(answer('quiero un auto').channel('WHATSAPP'));

    expect(reply.questionId).toBe(CAR_MODELS_QUESTION);
    expect(reply.reply).toEqual({
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

  it('is not the handler of other questions', async () => {
    expectReply(await kit.sendToQuestion(4, answer('Sí'))).toPassThrough('pass-through');
    expect(kit.handlerFor(4)).toBeUndefined();
  });
});
