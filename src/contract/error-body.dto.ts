import { ApiProperty } from '@nestjs/swagger';

/** The body of every error answer (4xx and 5xx): always JSON, always this shape. */
export class ErrorBodyDto {
  @ApiProperty({ description: 'The HTTP status code, repeated.', type: 'integer', example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'The HTTP reason phrase.', example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'What is wrong, in one sentence.',
    example: 'The request body does not match the Cliengo webhook contract',
  })
  message!: string;

  @ApiProperty({
    description:
      'With a 400 on the contract: each offending field path (`chat_log.1.text`; `(root)` for the body itself) mapped to what is wrong there. At most 50 paths are listed.',
    required: false,
    type: Object,
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { chat_log: ['chat_log must be an array'] },
  })
  fields?: Record<string, string[]>;
}
