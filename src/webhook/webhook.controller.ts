import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { WebhookResponseDto } from '../contract/webhook-response.dto.js';
import { QuestionIdPipe } from './question-id.pipe.js';
import { WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookRequestPipe } from './webhook-request.pipe.js';

/** Cliengo's "new message" webhook: one global URL, and one URL per question. */
@ApiTags('webhook')
@Controller('webhook')
export class WebhookController {
  constructor(private readonly dispatcher: WebhookDispatcher) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a visitor message (global URL)',
    description:
      'Routes by `flow.last_question_id` to the handler of that question, else to the fallback handler, else answers `{}` (pass-through).',
  })
  @ApiOkResponse({ type: WebhookResponseDto, description: 'The reply; `{}` changes nothing.' })
  @ApiBadRequestResponse({ description: 'The body is not JSON or breaks the contract.' })
  answer(@Body(WebhookRequestPipe) request: WebhookRequestDto): Promise<WebhookResponseDto> {
    return this.dispatcher.dispatch(request, request.flow?.last_question_id ?? undefined);
  }

  @Post('questions/:questionId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Answer a visitor message (per-question URL)',
    description:
      'Routes by the question id in the path, whatever `flow.last_question_id` says, to its handler, else to the fallback handler, else answers `{}` (pass-through).',
  })
  @ApiParam({
    name: 'questionId',
    description: 'The question id this URL is set for.',
    type: 'integer',
  })
  @ApiOkResponse({ type: WebhookResponseDto, description: 'The reply; `{}` changes nothing.' })
  @ApiBadRequestResponse({
    description: 'The body is not JSON, breaks the contract, or the question id is not an integer.',
  })
  answerQuestion(
    @Param('questionId', QuestionIdPipe) questionId: number,
    @Body(WebhookRequestPipe) request: WebhookRequestDto,
  ): Promise<WebhookResponseDto> {
    return this.dispatcher.dispatch(request, questionId);
  }
}
