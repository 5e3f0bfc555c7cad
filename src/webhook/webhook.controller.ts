import {
  All,
  Body,
  Controller,
  HttpCode,
  MethodNotAllowedException,
  Optional,
  Param,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiExcludeEndpoint, ApiParam, ApiTags } from '@nestjs/swagger';
import { WebhookRequestDto } from '../contract/webhook-request.dto.js';
import { sendJson } from '../http/send-json.js';
import { ApiWebhookOperation } from './webhook.api-docs.js';
import { QuestionIdPipe } from './question-id.pipe.js';
import { type DispatchResult, WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookMetrics } from '../metrics/webhook.metrics.js';
import type { RequestLocals } from '../http/request-locals.js';
import { WebhookAdmission } from '../admission/webhook-admission.js';
import { WebhookRequestPipe } from './webhook-request.pipe.js';
import { WebhookAccessGuard } from '../security/webhook-access.guard.js';

/** Cliengo's "new message" webhook: one global URL, and one URL per question. */
@ApiTags('webhook')
@Controller('webhook')
@UseGuards(WebhookAccessGuard)
export class WebhookController {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    @Optional() private readonly metrics?: WebhookMetrics,
    @Optional() private readonly admission?: WebhookAdmission,
  ) {}

  /**
   * Dispatches the call (its deadline counted from its arrival, cut short if the call is
   * cancelled), then counts it, leaves it for the request's log line and sends the reply. The
   * reply is written here rather than returned to Nest: see `sendJson`.
   */
  #answer(
    request: WebhookRequestDto,
    questionId: number | undefined,
    response: Response,
  ): void | Promise<void> {
    // Answered already: by the shutdown, while the body was still coming.
    if (response.headersSent) return;
    const locals = response.locals as RequestLocals;
    const call = locals.call;
    call?.dispatchStarted();
    const dispatched = this.dispatcher.dispatch(request, questionId, {
      arrivedAt: locals.arrivedAt,
      cancellation: call,
    });
    if (dispatched instanceof Promise) {
      return dispatched.then((result) => this.#send(result, request, response, locals));
    }
    this.#send(dispatched, request, response, locals);
  }

  #send(
    result: DispatchResult,
    request: WebhookRequestDto,
    response: Response,
    locals: RequestLocals,
  ): void {
    locals.webhook = { result, request };
    this.metrics?.recordDispatch(result);
    // A client that went away gets nothing: there is no one to send it to.
    if (!response.destroyed) {
      if (result.outcome === 'shed' && this.admission) this.admission.answerShed(response);
      else sendJson(response, 200, result.reply);
    }
    locals.call?.dispatchEnded();
  }

  @Post()
  @HttpCode(200)
  @ApiWebhookOperation(
    'answerWebhook',
    'Answer a visitor message (global URL)',
    'Routes by `flow.last_question_id` to the handler of that question, else to the fallback handler, else answers `{}` (pass-through).',
  )
  answer(
    @Body(WebhookRequestPipe) request: WebhookRequestDto,
    @Res() response: Response,
  ): void | Promise<void> {
    return this.#answer(request, request.flow?.last_question_id ?? undefined, response);
  }

  @Post('questions/:questionId')
  @HttpCode(200)
  @ApiWebhookOperation(
    'answerQuestionWebhook',
    'Answer a visitor message (per-question URL)',
    'Routes by the question id in the path, whatever `flow.last_question_id` says, to its handler, else to the fallback handler, else answers `{}` (pass-through). A question id that is not a non-negative integer is answered 400.',
  )
  @ApiParam({
    name: 'questionId',
    description: 'The question id this URL is set for.',
    schema: { type: 'integer', minimum: 0 },
  })
  answerQuestion(
    @Param('questionId', QuestionIdPipe) questionId: number,
    @Body(WebhookRequestPipe) request: WebhookRequestDto,
    @Res() response: Response,
  ): void | Promise<void> {
    return this.#answer(request, questionId, response);
  }

  /** Any other method on the webhook routes: 405, saying which one they take. */
  @All(['', 'questions/:questionId'])
  @ApiExcludeEndpoint()
  otherMethod(@Res({ passthrough: true }) response: Response): never {
    response.setHeader('Allow', 'POST');
    throw new MethodNotAllowedException('The webhook takes POST requests only');
  }
}
