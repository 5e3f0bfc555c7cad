import { Injectable, type PipeTransform } from '@nestjs/common';
import { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { checkContract } from './contract.checker.js';
import { InvalidRequestException } from './invalid-request.exception.js';

/**
 * Checks a webhook body against the request contract. A valid body is passed on as it
 * came, undocumented fields included; an invalid one is answered 400 with each offending
 * field path.
 */
@Injectable()
export class WebhookRequestPipe implements PipeTransform<unknown, WebhookRequestDto> {
  transform(body: unknown): WebhookRequestDto {
    const fields = checkContract(WebhookRequestDto, body);
    if (fields) {
      throw new InvalidRequestException(
        'The request body does not match the Cliengo webhook contract',
        fields,
      );
    }
    return body as WebhookRequestDto;
  }
}
