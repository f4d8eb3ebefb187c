import { ProblemException, ProblemResponses, Public, problemType, rawBodyOf } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { WebhookUnauthenticatedError } from './domain/webhook-refusal';
import { WebhookOutcomeView } from './dto/webhook-outcome.view.dto';
import { WebhooksService } from './webhooks.service';

export const WEBHOOK_PATH = '/webhooks/call-center';

/** The vendor's webhooks: no bearer token, the HMAC signature over the raw body is the authentication. */
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('call-center')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookOutcomeView })
  @ProblemResponses({ 400: ['webhook-malformed'], 401: ['webhook-unauthenticated'], 413: ['about:blank'] })
  receive(@Req() request: FastifyRequest) {
    return this.webhooks.receive(request.headers, rawBodyOf(request)).catch(answerUnauthenticated);
  }
}

/** A failed signature is a 401, which no domain error kind expresses: answered here, at the HTTP edge. */
function answerUnauthenticated(error: unknown): never {
  if (error instanceof WebhookUnauthenticatedError)
    throw new ProblemException(401, { type: problemType(error.type), detail: error.message });
  throw error;
}
