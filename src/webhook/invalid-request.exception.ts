import { BadRequestException } from '@nestjs/common';
import type { ErrorBodyDto } from '../contract/error-body.dto.js';
import type { FieldErrors } from './contract.checker.js';

/** The request breaks the webhook contract: the sender's fault, answered 400. */
export class InvalidRequestException extends BadRequestException {
  constructor(message: string, fields?: FieldErrors) {
    const body: ErrorBodyDto = { statusCode: 400, error: 'Bad Request', message, fields };
    super(body);
  }
}
