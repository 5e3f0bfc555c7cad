import {
  All,
  Body,
  Controller,
  HttpCode,
  MethodNotAllowedException,
  NotFoundException,
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
import { type DispatchResult, unservedResult, WebhookDispatcher } from './webhook.dispatcher.js';
import { WebhookMetrics } from '../metrics/webhook.metrics.js';
import type { RequestLocals } from '../http/request-locals.js';
import { WebhookAdmission } from '../admission/webhook-admission.js';
import { WebhookRequestPipe } from './webhook-request.pipe.js';
import { WebhookAccessGuard } from '../security/webhook-access.guard.js';
import { Chatbots, UNSERVED_MESSAGES, type UnservedReason } from '../chatbots/chatbots.js';
import { AccessTokens } from '../security/access-tokens.js';
import { tokenOfAnotherChatbot, tokenOpens } from '../security/presented-tokens.js';

const CHATBOT_PARAM = {
  name: 'chatbot',
  description: 'The name of the chatbot this URL is set for, as `CHATBOTS` names it.',
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' },
} as const;
const QUESTION_PARAM = {
  name: 'questionId',
  description: 'The question id this URL is set for.',
  schema: { type: 'integer', minimum: 0 },
} as const;

/**
 * Cliengo's "new message" webhook: one global URL, and one URL per question; and, for a
 * deployment serving several chatbots, the same two per chatbot.
 */
@ApiTags('webhook')
@Controller()
@UseGuards(WebhookAccessGuard)
export class WebhookController {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly chatbots: Chatbots,
    private readonly tokens: AccessTokens,
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
    chatbotName?: string,
  ): void | Promise<void> {
    // Answered already: by the shutdown, while the body was still coming.
    if (response.headersSent) return;
    const locals = response.locals as RequestLocals;
    const route = this.chatbots.route(chatbotName, request.websiteId);
    if (!route.served) return this.#unserved(route.reason, request, questionId, response, locals);
    const chatbot = route.chatbot;
    // On the global URL only the body says which chatbot the call is for: a token of another
    // chatbot is refused now.
    if (chatbot && !tokenOpens(response.req, this.tokens, chatbot.name)) {
      throw tokenOfAnotherChatbot();
    }
    const call = locals.call;
    call?.dispatchStarted();
    const dispatched = this.dispatcher.dispatch(request, questionId, {
      arrivedAt: locals.arrivedAt,
      cancellation: call,
      chatbot,
    });
    if (dispatched instanceof Promise) {
      return dispatched.then((result) => this.#send(result, request, response, locals));
    }
    this.#send(dispatched, request, response, locals);
  }

  /**
   * A call for a chatbot the deployment does not serve: no handler runs. Logged and counted
   * (outcome `unknown-chatbot`), answered `{}` or, with `UNKNOWN_CHATBOT=404`, 404.
   */
  #unserved(
    reason: UnservedReason,
    request: WebhookRequestDto,
    questionId: number | undefined,
    response: Response,
    locals: RequestLocals,
  ): void {
    const result = unservedResult(request, questionId, reason, locals.arrivedAt);
    if (this.chatbots.unknownAnswer === '404') {
      locals.webhook = { result, request };
      this.metrics?.recordDispatch(result);
      throw new NotFoundException(UNSERVED_MESSAGES[reason]);
    }
    this.#send(result, request, response, locals);
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

  @Post('webhook')
  @HttpCode(200)
  @ApiWebhookOperation(
    'answerWebhook',
    'Answer a visitor message (global URL)',
    'Routes by `flow.last_question_id` to the handler of that question, else to the fallback handler, else answers `{}` (pass-through). In a deployment serving several chatbots (`CHATBOTS`), the chatbot is the one whose `websiteId` the request carries, and its handlers answer as on its own URL; a request of no configured chatbot (or without `websiteId`) is answered as `UNKNOWN_CHATBOT` says: `{}`, or 404.',
  )
  answer(
    @Body(WebhookRequestPipe) request: WebhookRequestDto,
    @Res() response: Response,
  ): void | Promise<void> {
    return this.#answer(request, request.flow?.last_question_id ?? undefined, response);
  }

  @Post('webhook/questions/:questionId')
  @HttpCode(200)
  @ApiWebhookOperation(
    'answerQuestionWebhook',
    'Answer a visitor message (per-question URL)',
    'Routes by the question id in the path, whatever `flow.last_question_id` says, to its handler, else to the fallback handler, else answers `{}` (pass-through). A question id that is not a non-negative integer is answered 400.',
  )
  @ApiParam(QUESTION_PARAM)
  answerQuestion(
    @Param('questionId', QuestionIdPipe) questionId: number,
    @Body(WebhookRequestPipe) request: WebhookRequestDto,
    @Res() response: Response,
  ): void | Promise<void> {
    return this.#answer(request, questionId, response);
  }

  @Post('chatbots/:chatbot/webhook')
  @HttpCode(200)
  @ApiWebhookOperation(
    'answerChatbotWebhook',
    "Answer a visitor message (a chatbot's global URL)",
    "For a deployment serving several chatbots (`CHATBOTS`): the chatbot named in the path answers, by `flow.last_question_id`: its handler of that question, else the shared handler, else its fallback, else the shared fallback, else `{}` (pass-through). A chatbot not configured, or a request whose `websiteId` is another chatbot's, is answered as `UNKNOWN_CHATBOT` says: `{}`, or 404.",
  )
  @ApiParam(CHATBOT_PARAM)
  answerChatbot(
    @Param('chatbot') chatbot: string,
    @Body(WebhookRequestPipe) request: WebhookRequestDto,
    @Res() response: Response,
  ): void | Promise<void> {
    return this.#answer(request, request.flow?.last_question_id ?? undefined, response, chatbot);
  }

  @Post('chatbots/:chatbot/webhook/questions/:questionId')
  @HttpCode(200)
  @ApiWebhookOperation(
    'answerChatbotQuestionWebhook',
    "Answer a visitor message (a chatbot's per-question URL)",
    "As the chatbot's global URL, routed by the question id in the path, whatever `flow.last_question_id` says. A question id that is not a non-negative integer is answered 400.",
  )
  @ApiParam(CHATBOT_PARAM)
  @ApiParam(QUESTION_PARAM)
  answerChatbotQuestion(
    @Param('chatbot') chatbot: string,
    @Param('questionId', QuestionIdPipe) questionId: number,
    @Body(WebhookRequestPipe) request: WebhookRequestDto,
    @Res() response: Response,
  ): void | Promise<void> {
    return this.#answer(request, questionId, response, chatbot);
  }

  /** Any other method on the webhook routes: 405, saying which one they take. */
  @All([
    'webhook',
    'webhook/questions/:questionId',
    'chatbots/:chatbot/webhook',
    'chatbots/:chatbot/webhook/questions/:questionId',
  ])
  @ApiExcludeEndpoint()
  otherMethod(@Res({ passthrough: true }) response: Response): never {
    response.setHeader('Allow', 'POST');
    throw new MethodNotAllowedException('The webhook takes POST requests only');
  }
}
