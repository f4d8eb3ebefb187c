/**
 * What the embedded issuer puts into an access token beyond the standard claims, in the shape the identity
 * contract (issue 18, docs/identity.md) fixes for both issuers: `azp`, `roles` (and `role`, like the realm's
 * single-valued mapper), `fulfillment_center_id` for staff and scanners, `aud` as an array of services.
 */
import { profileOf, type ClientProfile, type Role } from './clients.mts';
import { accountOf } from './demo-accounts.mts';

export interface TokenSubject {
  clientId: string;
  /** Client metadata `fulfillment_center_id` (a device client's center). */
  clientCenter: unknown;
  /** The person's subject; absent for a client-credentials token. */
  accountId?: string;
}

export interface HarvestClaims {
  azp: string;
  roles: Role[];
  role?: Role;
  fulfillment_center_id?: string;
}

/** Thrown for a client no profile describes: it gets no token rather than one without roles or audience. */
export class UnknownClientError extends Error {}

function requireProfile({ clientId, clientCenter }: TokenSubject): ClientProfile {
  const profile = profileOf(clientId, clientCenter);
  if (!profile) throw new UnknownClientError(`client ${clientId} has no Harvest profile`);
  return profile;
}

/** What oidc-provider hands to a hook about a token: its client (with metadata) and the person, if any. */
export interface TokenLike {
  clientId?: string;
  accountId?: string;
  client?: { metadata(): Record<string, unknown> };
}

export function subjectOf(token: TokenLike): TokenSubject {
  const metadata = token.client?.metadata() ?? {};
  return {
    clientId: String(token.clientId ?? metadata.client_id),
    clientCenter: metadata.fulfillment_center_id,
    ...(token.accountId ? { accountId: token.accountId } : {}),
  };
}

export function harvestClaimsOf(subject: TokenSubject): HarvestClaims {
  const profile = requireProfile(subject);
  const account = subject.accountId === undefined ? undefined : accountOf(subject.accountId);
  // A person carries the roles they hold that the client may carry (the realm's scope mappings); a client's
  // own token (client credentials) the client's roles.
  const roles = account ? account.roles.filter((r) => profile.roles.includes(r)) : [...profile.roles];
  const center = account ? account.fulfillmentCenterId : subject.clientCenter;
  return {
    azp: subject.clientId,
    roles,
    ...(roles.length ? { role: roles[0] } : {}),
    ...(profile.carriesCenter && typeof center === 'string' ? { fulfillment_center_id: center } : {}),
  };
}

export function audienceOf(subject: TokenSubject): string[] {
  return [...requireProfile(subject).audience];
}

export function accessTokenTtlOf(subject: TokenSubject): number {
  return requireProfile(subject).accessTokenTtl;
}
