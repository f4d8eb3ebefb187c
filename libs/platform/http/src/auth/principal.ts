export const ROLES = ['customer', 'agent', 'scanner', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified bearer token. */
export interface Principal {
  subject: string;
  /** Every one of our roles the token carries (its `roles` claim); at least one. */
  roles: readonly Role[];
  /** The client the token was issued to (`azp`); for a service token, the calling service's name. */
  clientId?: string;
  /** Set for staff and scanners bound to one fulfillment center. */
  fulfillmentCenterId?: string;
  scopes?: string[];
  /**
   * The agent a service acts for, and the call they act in (X-Acting-Agent, X-Call-Id): only ever set on a
   * service's principal (acting-agent.ts); orders audits an agent's action with them.
   */
  actor?: { subject: string };
  callId?: string;
}

export function hasRole(principal: Principal, ...roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/** How audits and idempotency scopes name a caller: `<roles>:<subject>`, e.g. `admin:ops-1`, `agent+admin:u-7`. */
export function principalName(principal: Principal): string {
  return `${principal.roles.join('+')}:${principal.subject}`;
}
