import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { Inject } from '@nestjs/common';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { assertIssuerClient } from '../shared/domain/issuer-client';
import { normalizePhoneNumber } from '../shared/domain/phone-number';
import { SIGN_IN_CHECK, SignInSubjectView } from '../shared/dto/sign-in-subject.view.dto';
import { CustomersService } from './customers.service';
import { CustomerView } from './dto/customer-views.dto';
import { SetPasswordDto } from './dto/set-password.dto';
import { VerifyPhonePasswordDto } from './dto/verify-phone-password.dto';

@Controller()
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  @Get('customers/me')
  @Roles('customer')
  @ApiOkResponse({ type: CustomerView })
  @ProblemResponses({ 404: ['not-found'] })
  me(@CurrentPrincipal() principal: Principal) {
    return this.customers.describe(principal.subject);
  }

  /** Optional: a customer signed in by code may set a password and later sign in with phone + password. */
  @Put('customers/me/password')
  @Roles('customer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password is set (replacing any earlier one).' })
  @ProblemResponses({ 400: ['weak-password'], 404: ['not-found'] })
  async setPassword(@CurrentPrincipal() principal: Principal, @Body() body: SetPasswordDto): Promise<void> {
    await this.customers.setPassword(principal.subject, body.password);
  }

  /** Internal: an issuer checks phone + password; 200 { subject } or a problem. */
  @Post('phone-passwords/verify')
  @Roles('service')
  @HttpCode(200)
  @ApiOkResponse({ type: SignInSubjectView })
  @ProblemResponses(SIGN_IN_CHECK)
  @ProblemResponses({ 422: ['phone-password-refused'] })
  async verify(@CurrentPrincipal() principal: Principal, @Body() body: VerifyPhonePasswordDto) {
    assertIssuerClient(principal.clientId, this.config.IDENTITY_VERIFY_CLIENTS);
    const subject = await this.customers.verifyPassword(
      normalizePhoneNumber(body.phone),
      body.password,
      body.clientAddress,
    );
    return { subject };
  }
}
