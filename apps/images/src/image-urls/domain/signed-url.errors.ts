import { DomainError } from '@harvest/platform/errors';

export class SignedUrlInvalidError extends DomainError {
  constructor() {
    super('forbidden', 'signed-url-invalid', 'The URL is not signed, or its signature does not match');
  }
}

export class SignedUrlExpiredError extends DomainError {
  constructor() {
    super('forbidden', 'signed-url-expired', 'The signed URL has expired; ask for a fresh one');
  }
}
