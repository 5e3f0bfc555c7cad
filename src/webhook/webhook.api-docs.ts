import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  documentedRequestExample,
  documentedResponseExample,
} from '../contract/contract.examples.js';
import { ErrorBodyDto } from '../contract/error-body.dto.js';
import { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import { BEARER_SCHEME, QUERY_TOKEN_SCHEME } from '../openapi/openapi.security.js';

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
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity(QUERY_TOKEN_SCHEME),
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
        "The reply. Always 200 for a valid request: when the handler throws, overruns its deadline (counted from the request's arrival) or returns an invalid reply, the reply is the handler's fault reply (`onFault`) if it declares one, else `{}` (pass-through). Under overload (more calls in flight than `MAX_IN_FLIGHT`, or an event loop late by more than `MAX_EVENT_LOOP_LAG_MS` in successive turns) a call is shed: answered `{}` at once, before its body is read (unless `OVERLOAD_RESPONSE=503`).",
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
    ApiUnauthorizedResponse(
      error(
        "Access tokens are configured and the request carries none of them (in the path, the `token` query parameter, or `Authorization: Bearer`), checked before the body is read; or its token is another chatbot's (`ACCESS_TOKENS_{NAME}` open their chatbot's calls only; `ACCESS_TOKENS` open every chatbot), checked before the body on a per-chatbot URL, once the body gives the `websiteId` on the global URL.",
        {
          statusCode: 401,
          error: 'Unauthorized',
          message:
            'A valid access token is required: in the URL (/token/{token}/webhook or ?token=) or as Authorization: Bearer',
        },
      ),
    ),
    ApiNotFoundResponse(
      error(
        "Only with `UNKNOWN_CHATBOT=404` (the default answers 200 `{}`): the call is for a chatbot the deployment does not serve: a per-chatbot URL naming no configured chatbot, a request whose `websiteId` is not the chatbot's in the URL, or, on the global URL of a deployment with `CHATBOTS`, a `websiteId` of none of them (or none at all). Logged and counted as the outcome `unknown-chatbot`.",
        {
          statusCode: 404,
          error: 'Not Found',
          message: "This deployment serves no chatbot of the request's websiteId",
        },
      ),
    ),
    ApiUnsupportedMediaTypeResponse(
      error(
        'The body is not sent as UTF-8 JSON (`Content-Type: application/json` or `application/*+json`, no charset other than UTF-8), or is compressed other than with gzip, deflate or br.',
        {
          statusCode: 415,
          error: 'Unsupported Media Type',
          message:
            'The request body must be JSON (Content-Type: application/json); got "text/plain"',
        },
      ),
    ),
    ApiPayloadTooLargeResponse(
      error('The body is larger than the configured limit (`BODY_LIMIT`).', {
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'The request body is larger than the configured limit (BODY_LIMIT)',
      }),
    ),
    ApiServiceUnavailableResponse({
      ...error(
        'Only with `OVERLOAD_RESPONSE=503`: the call was shed under overload (see the 200 answer), before its body was read. Try again after `Retry-After` seconds.',
        {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'The service is overloaded: try again shortly',
        },
      ),
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before trying again.',
          schema: { type: 'integer', example: 1 },
        },
      },
    }),
    ApiInternalServerErrorResponse(
      error('A fault of the service itself (never of a handler: those answer 200 `{}`).', {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      }),
    ),
  );
}
