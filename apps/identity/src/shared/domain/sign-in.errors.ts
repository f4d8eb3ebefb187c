import { DomainError } from '@harvest/platform/errors';

/**
 * A code or password that does not sign anyone in. One answer for a wrong, used, expired or never-sent code
 * and an unknown phone, so the answer tells an attacker nothing.
 */
export class SignInRefusedError extends DomainError {
  constructor(what: 'code' | 'password') {
    super('unprocessable', `phone-${what}-refused`, `The phone number and ${what} do not match a sign-in`);
  }
}

/** Too many attempts from this phone or address: try again after `retryAfterSeconds`. */
export class TooManyAttemptsError extends DomainError {
  constructor(what: string, retryAfterSeconds: number) {
    super('rate-limited', 'too-many-attempts', `Too many ${what}; try again later`, {
      retryAfterSeconds: Math.max(1, retryAfterSeconds),
    });
  }
}
