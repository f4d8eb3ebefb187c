export const ROLES = ['customer', 'agent', 'scanner', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified bearer token. */
export interface Principal {
  subject: string;
  role: Role;
  /** Set for staff and scanners bound to one fulfillment center. */
  fulfillmentCenterId?: string;
  scopes?: string[];
}

export interface JwtSettings {
  /** HS256 key, at least 32 characters. */
  secret: string;
  issuer: string;
  audience: string;
}
