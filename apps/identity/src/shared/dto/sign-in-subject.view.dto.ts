import { ApiProperty } from '@nestjs/swagger';
import type { ProblemTypesByStatus } from '@harvest/platform/http';

/** An issuer's answer to a matching phone and code (or password): the customer to sign in. */
export class SignInSubjectView {
  @ApiProperty({ example: 'demo-customer-001' }) subject!: string;
}

/** What a sign-in check refuses: a client that is no issuer, a bad number, a mismatch, too many tries. */
export const SIGN_IN_CHECK: ProblemTypesByStatus = {
  400: ['invalid-phone-number'],
  403: ['not-an-issuer'],
  429: ['too-many-attempts'],
};
