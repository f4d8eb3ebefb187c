/**
 * The clients of the embedded issuer: the same ones, with the same ids, secrets, roles and audiences, as the
 * Keycloak realm file infra/keycloak/harvest-realm.json, so an app or a service configured for one works with
 * the other. Change both together.
 */
import type { ClientMetadata } from 'oidc-provider';

export type Role = 'customer' | 'agent' | 'scanner' | 'admin' | 'service';

/** What a token issued to a client says: which roles it may carry, for whom it is meant, how long it lives. */
export interface ClientProfile {
  /** The roles a token of this client may carry (the realm's scope mappings); a person's other roles are dropped. */
  roles: readonly Role[];
  /** `aud`: the services that accept the token (the realm's audience mappers). */
  audience: readonly string[];
  /** Access-token lifetime in seconds, within libs/platform/http/src/auth/token-policy.ts's limit for the kind. */
  accessTokenTtl: number;
  /** Whether its tokens carry `fulfillment_center_id` (staff and scanners are bound to a center). */
  carriesCenter: boolean;
}

/** People: 30 min (the policy allows customers and staff 1 h). */
const PERSON_TTL = 1800;
/** Scanners 5 min (the policy's device limit, issue 18), services 5 min (limit 10 min), as in the realm. */
const DEVICE_TTL = 300;
const SERVICE_TTL = 300;

const STOREFRONT: ClientProfile = {
  roles: ['customer'],
  // identity: a customer reads their account and keeps their address book there (as in the realm file).
  audience: ['catalog', 'orders', 'images', 'identity'],
  accessTokenTtl: PERSON_TTL,
  carriesCenter: false,
};
const AGENT_CONSOLE: ClientProfile = {
  roles: ['agent', 'admin'],
  audience: ['callcenter', 'orders', 'catalog', 'fulfillment', 'images'],
  accessTokenTtl: PERSON_TTL,
  carriesCenter: true,
};
/** A scanner: the public scanner app, the demo scanner and every device client registered at enrolment. */
export const DEVICE: ClientProfile = {
  roles: ['scanner'],
  audience: ['fulfillment'],
  accessTokenTtl: DEVICE_TTL,
  carriesCenter: true,
};

/**
 * Each service's confidential client, with the services it calls over HTTP as its audience. A service that
 * calls none gets a token with an empty `aud`, which no service accepts (Keycloak's token has none either).
 * `embedded-issuer` is the issuer's own client: it calls identity to check a customer's SMS code.
 */
const SERVICE_CALLEES: Readonly<Record<string, readonly string[]>> = {
  catalog: [],
  // Orders reads a customer's delivery address from identity when a basket is ordered (issue 20).
  orders: ['identity'],
  fulfillment: [],
  callcenter: ['orders'],
  images: [],
  identity: [],
  'embedded-issuer': ['identity'],
};

/** The demo scanner: a device client enrolled for the demo floor's Beijing center. */
export const DEMO_SCANNER = { clientId: 'demo-scanner', fulfillmentCenterId: 'fc-beijing-1' } as const;

/** Dev-only secrets follow one rule, the same in the realm file: `dev-only-<client>-secret`. */
export const devOnlySecret = (clientId: string): string => `dev-only-${clientId}-secret`;

/** Redirects a browser app may ask for: anything under its dev origin (the realm's `http://127.0.0.1:4200/*`). */
const appRedirects = (port: number): string[] => [`http://127.0.0.1:${port}/*`, `http://localhost:${port}/*`];

const PROFILES: Readonly<Record<string, ClientProfile>> = {
  storefront: STOREFRONT,
  'agent-console': AGENT_CONSOLE,
  'scanner-app': DEVICE,
  [DEMO_SCANNER.clientId]: DEVICE,
  ...Object.fromEntries(
    Object.entries(SERVICE_CALLEES).map(([name, callees]) => [
      name,
      { roles: ['service'], audience: callees, accessTokenTtl: SERVICE_TTL, carriesCenter: false },
    ]),
  ),
};

/** The profile of a client: a static one by id, else a registered device (it carries a center) or none. */
export function profileOf(clientId: string, fulfillmentCenterId: unknown): ClientProfile | undefined {
  if (Object.hasOwn(PROFILES, clientId)) return PROFILES[clientId];
  return typeof fulfillmentCenterId === 'string' ? DEVICE : undefined;
}

export const STATIC_CLIENTS: ClientMetadata[] = [
  {
    client_id: 'storefront',
    token_endpoint_auth_method: 'none',
    // password: phone + SMS code only (the phone-code grant); the realm does it with a direct-grant authenticator.
    grant_types: ['authorization_code', 'refresh_token', 'password'],
    response_types: ['code'],
    redirect_uris: appRedirects(4200),
  },
  {
    client_id: 'agent-console',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: appRedirects(4300),
  },
  {
    client_id: 'scanner-app',
    token_endpoint_auth_method: 'none',
    grant_types: ['urn:ietf:params:oauth:grant-type:device_code'],
    response_types: [],
    redirect_uris: [],
  },
  ...[...Object.keys(SERVICE_CALLEES), DEMO_SCANNER.clientId].map((clientId): ClientMetadata => ({
    client_id: clientId,
    client_secret: devOnlySecret(clientId),
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    ...(clientId === DEMO_SCANNER.clientId
      ? { fulfillment_center_id: DEMO_SCANNER.fulfillmentCenterId }
      : {}),
  })),
];
