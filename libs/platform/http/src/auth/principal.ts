export const ROLES = ['customer', 'agent', 'scanner', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified bearer token. */
export interface Principal {
  subject: string;
  role: Role;
  /** The OAuth client the token was issued to (`azp`): for a service token, the calling service. */
  clientId?: string;
  /** Set for staff and scanners bound to one fulfillment center. */
  fulfillmentCenterId?: string;
  scopes?: string[];
  /** A service acting on someone's behalf names them (RFC 8693 `act`): callcenter names the agent. */
  actor?: { subject: string };
  /** The call the actor acts in, with `actor` only: orders audits an agent's action with it. */
  callId?: string;
}

export interface JwtSettings {
  /** HS256 key, at least 32 characters. */
  secret: string;
  issuer: string;
  audience: string;
}
