import { IntegerField } from './contract.fields.js';

/** The idle check: "are you still there?" */
export class AreYouThereDto {
  @IntegerField({
    description:
      'If the visitor was idle for a minute, the chatbot asks whether someone is still there; this counts how many times that message was sent.',
    nullable: true,
    minimum: 0,
    maximum: 1_000_000,
    example: 0,
  })
  index?: number | null;
}
