import { CONTRACT_LIMITS } from './contract.limits.js';
import { JsonListField, JsonObjectField, NestedField, TextField } from './contract.fields.js';

/** The visitor name the chatbot detected. */
export class CollectedNameDto {
  @TextField({
    description: 'The detected visitor name.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: 'ariel',
  })
  value?: string | null;
}

/** The visitor email the chatbot detected. */
export class CollectedEmailDto {
  @TextField({
    description: 'The detected visitor email (as detected: not checked to be an address).',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: 'ariel@example.com',
  })
  value?: string | null;
}

/** The visitor phone the chatbot detected. */
export class CollectedPhoneDto {
  @TextField({
    description: 'The detected visitor phone, national format.',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: '011 3815-2222',
  })
  national_format?: string | null;

  @TextField({
    description: 'The detected visitor phone, international format (the useful one).',
    nullable: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: '+541138152222',
  })
  international_format?: string | null;
}

/** All information parsed from the conversation: the "chatbot memory". */
export class CollectedDataDto {
  @JsonListField({
    description: 'Array of intents detected in the whole conversation.',
    nullable: true,
    maxItems: CONTRACT_LIMITS.listEntries,
    example: [],
  })
  intent?: unknown[] | null;

  @JsonListField({
    description: 'Array of entities detected in the whole conversation.',
    nullable: true,
    maxItems: CONTRACT_LIMITS.listEntries,
    example: [],
  })
  entities?: unknown[] | null;

  @JsonObjectField({
    description:
      'Answers to questions that have an `internal_name`, stored under that name. Values come in every JSON shape in real traffic (strings, numbers, numbers as strings, null, booleans, arrays, `{ "value": ... }` wrappers); a question without an internal name stores its answer under the empty key `""`. Keys starting with `dialog:` hold the state of this service\'s dialogs (`dialog:<name>`: the step asked, the attempts, the values, the items offered), written back by its replies.',
    nullable: true,
    maxKeys: CONTRACT_LIMITS.customKeys,
    keyMaxLength: CONTRACT_LIMITS.customKeyLength,
    values: 'any',
    allowEmptyKey: true,
    example: { custom_field: 'example' },
  })
  custom?: Record<string, unknown> | null;

  @NestedField(() => CollectedNameDto, {
    description: 'The detected visitor name.',
    nullable: true,
  })
  name?: CollectedNameDto | null;

  @NestedField(() => CollectedEmailDto, {
    description: 'The detected visitor email.',
    nullable: true,
  })
  email?: CollectedEmailDto | null;

  @NestedField(() => CollectedPhoneDto, {
    description: 'The detected visitor phone.',
    nullable: true,
  })
  phone?: CollectedPhoneDto | null;
}
