import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  CurrentPrincipal,
  ProblemResponses,
  Public,
  RateLimit,
  Roles,
  type Principal,
} from '@harvest/platform/http';
import { ApiAcceptedResponse, ApiOkResponse } from '@nestjs/swagger';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { assertIssuerClient } from '../shared/domain/issuer-client';
import { normalizePhoneNumber } from '../shared/domain/phone-number';
import { SIGN_IN_CHECK, SignInSubjectView } from '../shared/dto/sign-in-subject.view.dto';
import { PhoneCodeSentView } from './dto/phone-code-sent.view.dto';
import { SendPhoneCodeDto } from './dto/send-phone-code.dto';
import { VerifyPhoneCodeDto } from './dto/verify-phone-code.dto';
import { PhoneCodesService } from './phone-codes.service';

@Controller('phone-codes')
export class PhoneCodesController {
  constructor(
    private readonly codes: PhoneCodesService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /**
   * Sends a sign-in code by SMS. 202 whether or not the phone belongs to a customer (the first sign-in
   * creates one), so the answer tells nobody which numbers are known. The platform's strict limit per client
   * address stops a flood before it reaches the database; the per-phone and per-address throttles in the
   * domain (minutes and hours) stay the rules a customer meets.
   */
  @Post()
  @Public()
  @RateLimit('strict')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: PhoneCodeSentView })
  @ProblemResponses({
    400: ['invalid-phone-number'],
    429: ['too-many-attempts'],
    503: ['sms-not-sent'],
  })
  send(@Body() body: SendPhoneCodeDto, @Req() request: FastifyRequest) {
    return this.codes.send(normalizePhoneNumber(body.phone), request.ip);
  }

  /** Internal: an issuer checks the code a customer typed; 200 { subject } or a problem. */
  @Post('verify')
  @Roles('service')
  @HttpCode(200)
  @ApiOkResponse({ type: SignInSubjectView })
  @ProblemResponses(SIGN_IN_CHECK)
  @ProblemResponses({ 422: ['phone-code-refused'] })
  async verify(@CurrentPrincipal() principal: Principal, @Body() body: VerifyPhoneCodeDto) {
    assertIssuerClient(principal.clientId, this.config.IDENTITY_VERIFY_CLIENTS);
    const subject = await this.codes.verify(normalizePhoneNumber(body.phone), body.code, body.clientAddress);
    return { subject };
  }
}
