import { CONTRACT_LIMITS } from './contract.limits.js';
import { JsonObjectField, NestedField } from './contract.fields.js';
import { BotResponseDto } from './bot-response.dto.js';
import { EmailWriteDto, NameWriteDto, PhoneWriteDto } from './memory-write.dto.js';

/**
 * The webhook's answer. Every field is optional; the empty object `{}` changes nothing
 * (pass-through: the chatbot goes on with its own script).
 */
export class WebhookResponseDto {
  @NestedField(() => NameWriteDto, { description: 'Sets the visitor name in the chatbot memory.' })
  name?: NameWriteDto;

  @NestedField(() => EmailWriteDto, {
    description: 'Sets the visitor email in the chatbot memory.',
  })
  email?: EmailWriteDto;

  @NestedField(() => PhoneWriteDto, {
    description: 'Sets the visitor phone in the chatbot memory.',
  })
  phone?: PhoneWriteDto;

  @JsonObjectField({
    description:
      'Per-key memory writes: each key given is set to its value, keys not given keep theirs. Values are strings, finite numbers or booleans; Cliengo posts them later to the CRM.',
    maxKeys: CONTRACT_LIMITS.customKeys,
    keyMaxLength: CONTRACT_LIMITS.customKeyLength,
    values: 'scalar',
    valueMaxLength: CONTRACT_LIMITS.customValueLength,
    allowEmptyKey: false,
    example: { userType: 'advanced', thing1: 'something', thing2: 'something' },
  })
  custom?: Record<string, string | number | boolean>;

  @NestedField(() => BotResponseDto, {
    description: 'What the chatbot does next: texts, expected answer, stop, jump.',
  })
  response?: BotResponseDto;
}
