import { CONTRACT_LIMITS } from './contract.limits.js';
import { IntegerField, JsonObjectField } from './contract.fields.js';

/** Where the chatbot's script stands. */
export class FlowStateDto {
  @IntegerField({
    description:
      'The id of the last asked question: the routing key of the global webhook URL. Absent or null before the first question.',
    nullable: true,
    minimum: 0,
    maximum: CONTRACT_LIMITS.questionId,
    example: 3,
  })
  last_question_id?: number | null;

  @IntegerField({
    description: 'How many times that question was retried (mandatory questions only).',
    nullable: true,
    minimum: 0,
    maximum: 1_000_000,
    example: 0,
  })
  retry_count?: number | null;

  @JsonObjectField({
    description:
      'Undocumented, seen in real traffic: details of the last question, e.g. a numeric `order` (its position in the script).',
    nullable: true,
    maxKeys: CONTRACT_LIMITS.customKeys,
    keyMaxLength: CONTRACT_LIMITS.customKeyLength,
    values: 'any',
    allowEmptyKey: true,
    example: { order: 2 },
  })
  last_question_messages?: Record<string, unknown> | null;
}
