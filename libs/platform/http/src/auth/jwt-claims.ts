import { z } from 'zod';
import { ROLES, type Principal, type Role } from './principal';

/**
 * The claims a Principal is read from (the identity contract, docs/identity.md): registered `sub`, `azp` (the
 * client the token was issued to), `roles` (a JSON array; names that are not ours are ignored), RFC 8693
 * space-separated `scope`, and `fulfillment_center_id` for staff and scanners bound to a center.
 */
export const jwtClaimsSchema = z.object({
  sub: z.string().min(1),
  azp: z.string().min(1).optional(),
  roles: z
    .array(z.string())
    .transform((roles) => [...new Set(roles.filter((role): role is Role => ROLES.includes(role as Role)))])
    .pipe(z.array(z.enum(ROLES)).min(1)),
  fulfillment_center_id: z.string().min(1).optional(),
  scope: z.string().optional(),
});

export type JwtClaims = z.infer<typeof jwtClaimsSchema>;

/** The claims an issuer writes for a Principal (test issuers sign these). */
export function claimsOf(principal: Principal): Omit<JwtClaims, 'sub'> {
  return {
    roles: [...principal.roles],
    ...(principal.clientId ? { azp: principal.clientId } : {}),
    ...(principal.fulfillmentCenterId ? { fulfillment_center_id: principal.fulfillmentCenterId } : {}),
    ...(principal.scopes?.length ? { scope: principal.scopes.join(' ') } : {}),
  };
}

export function principalOf(claims: JwtClaims): Principal {
  return {
    subject: claims.sub,
    roles: claims.roles,
    ...(claims.azp ? { clientId: claims.azp } : {}),
    ...(claims.fulfillment_center_id ? { fulfillmentCenterId: claims.fulfillment_center_id } : {}),
    ...(claims.scope ? { scopes: claims.scope.split(' ').filter(Boolean) } : {}),
  };
}
