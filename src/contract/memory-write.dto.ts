import { CONTRACT_LIMITS } from './contract.limits.js';
import { TextField } from './contract.fields.js';

/** Sets the visitor name in the chatbot memory. */
export class NameWriteDto {
  @TextField({
    description: 'Sets the visitor name in the chatbot memory.',
    required: true,
    notBlank: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: 'Juan Roman',
  })
  value!: string;
}

/** Sets the visitor email in the chatbot memory. */
export class EmailWriteDto {
  @TextField({
    description: 'Sets the visitor email in the chatbot memory (must be an email address).',
    required: true,
    format: 'email',
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: 'juan@example.com',
  })
  value!: string;
}

/** Sets the visitor phone in the chatbot memory; either format, or both. */
export class PhoneWriteDto {
  @TextField({
    description: 'Sets the visitor phone, national format.',
    notBlank: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: '1234542123',
  })
  national_format?: string;

  @TextField({
    description: 'Sets the visitor phone, international format.',
    notBlank: true,
    maxLength: CONTRACT_LIMITS.shortTextLength,
    example: '12343132112',
  })
  international_format?: string;
}
