import { z } from 'zod';
import { ROLES, type Principal } from './principal';

/**
 * How a Principal is spelled inside a JWT: registered `sub`, RFC 8693 space-separated `scope`, RFC 8693 `act`
 * for the person a service acts for, and `call_id` for the call that person acts in.
 */
export const jwtClaimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLES),
  azp: z.string().min(1).max(255).optional(),
  fulfillment_center_id: z.string().min(1).optional(),
  scope: z.string().optional(),
  act: z.object({ sub: z.string().min(1).max(128) }).optional(),
  call_id: z.string().min(1).max(128).optional(),
});

export type JwtClaims = z.infer<typeof jwtClaimsSchema>;

export function claimsOf(principal: Principal): Omit<JwtClaims, 'sub'> {
  return {
    role: principal.role,
    ...(principal.clientId ? { azp: principal.clientId } : {}),
    ...(principal.fulfillmentCenterId ? { fulfillment_center_id: principal.fulfillmentCenterId } : {}),
    ...(principal.scopes?.length ? { scope: principal.scopes.join(' ') } : {}),
    ...(principal.actor ? { act: { sub: principal.actor.subject } } : {}),
    ...(principal.callId ? { call_id: principal.callId } : {}),
  };
}

export function principalOf(claims: JwtClaims): Principal {
  return {
    subject: claims.sub,
    role: claims.role,
    ...(claims.azp ? { clientId: claims.azp } : {}),
    ...(claims.fulfillment_center_id ? { fulfillmentCenterId: claims.fulfillment_center_id } : {}),
    ...(claims.scope ? { scopes: claims.scope.split(' ').filter(Boolean) } : {}),
    ...(claims.act ? { actor: { subject: claims.act.sub } } : {}),
    ...(claims.call_id ? { callId: claims.call_id } : {}),
  };
}
