import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { CurrentPrincipal, Roles, type Principal } from '@harvest/platform/http';
import { Inject } from '@nestjs/common';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { assertIssuerClient } from '../shared/domain/issuer-client';
import { normalizePhoneNumber } from '../shared/domain/phone-number';
import { CustomersService } from './customers.service';
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
  me(@CurrentPrincipal() principal: Principal) {
    return this.customers.describe(principal.subject);
  }

  /** Optional: a customer signed in by code may set a password and later sign in with phone + password. */
  @Put('customers/me/password')
  @Roles('customer')
  @HttpCode(204)
  async setPassword(@CurrentPrincipal() principal: Principal, @Body() body: SetPasswordDto): Promise<void> {
    await this.customers.setPassword(principal.subject, body.password);
  }

  /** Internal: an issuer checks phone + password; 200 { subject } or a problem. */
  @Post('phone-passwords/verify')
  @Roles('service')
  @HttpCode(200)
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
