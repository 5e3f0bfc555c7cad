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
    description: `Per-key memory writes: each key given is set to its value, keys not given keep theirs; \`null\` clears a key. A value is any JSON value (string, number, boolean, null, array, object), as memory holds them, so memory read from the request can be written back as it is; the empty key \`""\` is the answer of a question without an internal name. Bounds: ${CONTRACT_LIMITS.customKeys} keys of up to ${CONTRACT_LIMITS.customKeyLength} characters; in a value, strings of up to ${CONTRACT_LIMITS.customValueLength} characters, ${CONTRACT_LIMITS.customValueDepth} levels of nesting, ${CONTRACT_LIMITS.customValueItems} items or keys per array or object, and ${CONTRACT_LIMITS.customValueJsonLength} characters of JSON per array or object value. Cliengo posts memory later to the CRM. A dialog of this service keeps its state under one key of its own, \`dialog:<name>\`, cleared (\`null\`) when the dialog ends.`,
    maxKeys: CONTRACT_LIMITS.customKeys,
    keyMaxLength: CONTRACT_LIMITS.customKeyLength,
    values: 'memory',
    memoryBounds: {
      maxStringLength: CONTRACT_LIMITS.customValueLength,
      maxDepth: CONTRACT_LIMITS.customValueDepth,
      maxItems: CONTRACT_LIMITS.customValueItems,
      maxKeyLength: CONTRACT_LIMITS.customKeyLength,
      maxJsonLength: CONTRACT_LIMITS.customValueJsonLength,
    },
    allowEmptyKey: true,
    example: { userType: 'advanced', slots: [{ id: 'a1', label: 'Lunes 10:00' }], cbu: null },
  })
  custom?: Record<string, unknown>;

  @NestedField(() => BotResponseDto, {
    description: 'What the chatbot does next: texts, expected answer, stop, jump.',
  })
  response?: BotResponseDto;
}
