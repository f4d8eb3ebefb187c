import { z } from 'zod';
import { ROLES, type Principal } from './principal';

/** How a Principal is spelled inside a JWT: registered `sub`, RFC 8693 space-separated `scope`. */
export const jwtClaimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  fulfillment_center_id: z.string().min(1).optional(),
  scope: z.string().optional(),
});

export type JwtClaims = z.infer<typeof jwtClaimsSchema>;

export function claimsOf(principal: Principal): Omit<JwtClaims, 'sub'> {
  return {
    role: principal.role,
    ...(principal.fulfillmentCenterId ? { fulfillment_center_id: principal.fulfillmentCenterId } : {}),
    ...(principal.scopes?.length ? { scope: principal.scopes.join(' ') } : {}),
  };
}

export function principalOf(claims: JwtClaims): Principal {
  return {
    subject: claims.sub,
    role: claims.role,
    ...(claims.fulfillment_center_id ? { fulfillmentCenterId: claims.fulfillment_center_id } : {}),
    ...(claims.scope ? { scopes: claims.scope.split(' ').filter(Boolean) } : {}),
  };
}
