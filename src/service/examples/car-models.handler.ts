import type { CliengoHandler, Conversation } from 'cliengo-fulfillment';
import { QuestionHandler } from 'cliengo-fulfillment';

/** The question of the chatbot's script this handler answers: "which car?". */
export const CAR_MODELS_QUESTION = 3;
/** Where the script goes next: the question that reads the chosen model. */
export const CAR_MODEL_CHOSEN_QUESTION = 5;
export const CAR_MODELS = ['Model 3', 'Model Y'] as const;

/**
 * The Cliengo documentation's own example: remember the visitor as an advanced user, send
 * two texts, offer the models as a LIST, stop the script and make question 5 the current
 * one, where the visitor's choice is read.
 */
@QuestionHandler(CAR_MODELS_QUESTION)
export class CarModelsHandler implements CliengoHandler {
  handle(conversation: Conversation) {
    return conversation
      .reply()
      .setCustom('userType', 'advanced')
      .say('Ok', '¿Qué modelo te interesa?')
      .expectList(CAR_MODELS)
      .stopChat()
      .goTo(CAR_MODEL_CHOSEN_QUESTION);
  }
}
