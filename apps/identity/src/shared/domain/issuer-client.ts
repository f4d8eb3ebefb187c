import { DomainError } from '@harvest/platform/errors';

export class NotAnIssuerError extends DomainError {
  constructor() {
    super('forbidden', 'not-an-issuer', 'Only the token issuers verify sign-in codes and passwords');
  }
}

/** Verifying a code or password is for the issuers' own clients (`azp`), whatever else holds role service. */
export function assertIssuerClient(clientId: string | undefined, issuerClients: readonly string[]): void {
  if (!clientId || !issuerClients.includes(clientId)) throw new NotAnIssuerError();
}
