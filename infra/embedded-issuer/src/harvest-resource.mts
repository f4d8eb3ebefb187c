/**
 * The one resource (RFC 8707) every access token of the embedded issuer is for: oidc-provider issues JWT
 * access tokens only for a resource server, and the services are one such server to it. Which services accept
 * a token is its `aud` (token-claims.mts), not the resource.
 */
import type { Client, ResourceServer } from 'oidc-provider';
import { accessTokenTtlOf, subjectOf } from './token-claims.mts';

export const HARVEST_RESOURCE = 'urn:harvest:services';

export function resourceServerFor(client: Client): ResourceServer {
  return {
    scope: '',
    audience: HARVEST_RESOURCE,
    accessTokenFormat: 'jwt',
    accessTokenTTL: accessTokenTtlOf(subjectOf({ client })),
    jwt: { sign: { alg: 'RS256' } },
  };
}
