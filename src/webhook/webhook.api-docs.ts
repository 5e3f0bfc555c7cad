import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiInternalServerErrorResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  documentedRequestExample,
  documentedResponseExample,
} from '../contract/contract.examples.js';
import { ErrorBodyDto } from '../contract/error-body.dto.js';
import { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';

function error(description: string, example: ErrorBodyDto) {
  return { description, type: ErrorBodyDto, example };
}

/**
 * The OpenAPI description shared by both webhook operations: the request body with the
 * documentation's example, the reply, and every error answer the service gives.
 */
export function ApiWebhookOperation(
  operationId: string,
  summary: string,
  description: string,
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(WebhookRequestDto, ErrorBodyDto),
    ApiOperation({ operationId, summary, description }),
    ApiBody({
      description: 'The chatbot memory, as Cliengo posts it for every visitor message.',
      required: true,
      schema: { $ref: getSchemaPath(WebhookRequestDto) },
      examples: {
        documented: {
          summary: "The Cliengo documentation's request example",
          value: documentedRequestExample(),
        },
      },
    }),
    ApiOkResponse({
      description:
        'The reply. Always 200 for a valid request: when the handler throws, overruns its deadline or returns an invalid reply, the reply is `{}` (pass-through).',
      type: WebhookResponseDto,
      examples: {
        documented: {
          summary: "The Cliengo documentation's response example",
          value: documentedResponseExample(),
        },
        passThrough: {
          summary: 'Pass-through: the chatbot goes on with its own script',
          value: {},
        },
      },
    }),
    ApiBadRequestResponse(
      error('The body is not JSON, not an object, or breaks the contract.', {
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body does not match the Cliengo webhook contract',
        fields: {
          chat_log: ['chat_log must be an array'],
          'flow.last_question_id': ['last_question_id must be an integer number'],
        },
      }),
    ),
    ApiPayloadTooLargeResponse(
      error('The body is larger than the configured limit (`BODY_LIMIT`).', {
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'The request body is larger than the configured limit (BODY_LIMIT)',
      }),
    ),
    ApiInternalServerErrorResponse(
      error('A fault of the service itself (never of a handler: those answer 200 `{}`).', {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      }),
    ),
  );
}
