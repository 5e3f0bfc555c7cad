import { ValidateBy } from 'class-validator';
import { CONTRACT_LIMITS } from './contract.limits.js';
import { BooleanField, IntegerField, TextField, TextListField } from './contract.fields.js';
import { RESPONSE_TYPES, type ResponseType } from './response-type.js';

/** What the chatbot does next: texts to send, the answer to expect, where to go. */
export class BotResponseDto {
  @TextListField({
    description:
      'Texts to send to the visitor; each element is a separate message; no blank texts. An empty array sends none (`{"response":{"text":[],"stopChat":false}}` is a pass-through, as real clients send it). Ignored by Cliengo while a human agent has taken over the conversation.',
    maxItems: CONTRACT_LIMITS.replyTexts,
    itemMaxLength: CONTRACT_LIMITS.messageLength,
    notBlankItems: true,
    example: ['Ok', 'What model are you interested in?'],
  })
  text?: string[];

  @TextField({
    description: 'The expected answer type. `LIST` requires `response_options`.',
    maxLength: 16,
    values: RESPONSE_TYPES,
    example: 'LIST',
  })
  @ValidateBy({
    name: 'listHasOptions',
    validator: {
      validate: (type: unknown, args) =>
        type !== 'LIST' || (args?.object as BotResponseDto).response_options !== undefined,
      defaultMessage: () => 'response_type LIST requires response_options',
    },
  })
  response_type?: ResponseType;

  @TextListField({
    description:
      'The possible answers of a LIST question, in order. Required with `LIST`, refused with any other type. Unique, not blank.',
    minItems: 1,
    maxItems: CONTRACT_LIMITS.listOptions,
    itemMaxLength: CONTRACT_LIMITS.shortTextLength,
    notBlankItems: true,
    uniqueItems: true,
    example: ['Model 3', 'Model Y'],
  })
  @ValidateBy({
    name: 'optionsOnlyWithList',
    validator: {
      validate: (_options: unknown, args) =>
        (args?.object as BotResponseDto).response_type === 'LIST',
      defaultMessage: () => 'response_options are only allowed when response_type is LIST',
    },
  })
  response_options?: string[];

  @BooleanField({
    description:
      'If true, the chatbot stops executing its script until the visitor talks again; false (or absent) lets the script go on after the texts.',
    example: true,
  })
  stopChat?: boolean;

  @IntegerField({
    description:
      'Changes the current active question to the question with this id (e.g. skip a question or not, depending on the answer).',
    minimum: 0,
    maximum: CONTRACT_LIMITS.questionId,
    example: 5,
  })
  flow?: number;
}
