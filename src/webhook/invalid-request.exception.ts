import { BadRequestException } from '@nestjs/common';
import type { FieldErrors } from './contract.checker.js';

/** The 400 body: what is wrong, and under `fields`, each offending field path. */
export interface InvalidRequestBody {
  statusCode: 400;
  error: 'Bad Request';
  message: string;
  fields?: FieldErrors;
}

/** The request breaks the webhook contract: the sender's fault, answered 400. */
export class InvalidRequestException extends BadRequestException {
  constructor(message: string, fields?: FieldErrors) {
    const body: InvalidRequestBody = { statusCode: 400, error: 'Bad Request', message, fields };
    super(body);
  }
}
