import { randomBytes } from 'node:crypto';

/** A person of the throw-away realm: password-grant sign-in on its `people` client. */
export interface RealmPerson {
  username: string;
  password: string;
  role: 'agent' | 'admin' | 'customer';
  fulfillmentCenterId?: string;
}

function claimMapper(name: string, protocolMapper: string, config: Record<string, string>) {
  return {
    name,
    protocol: 'openid-connect',
    protocolMapper,
    config: { 'access.token.claim': 'true', 'id.token.claim': 'false', ...config },
  };
}

/**
 * A realm shaped like `harvest` where device enrollment is concerned (infra/keycloak/harvest-realm.json): our
 * five roles, the `fulfillment` client whose service account holds realm-management manage-clients and
 * view-clients (scope-mapped, as in the realm file), and a password-grant client `people` whose tokens look
 * like agent-console's (roles, role, fulfillment_center_id, audience fulfillment) for the given people.
 */
export function devicesRealmRepresentation(people: RealmPerson[]): {
  representation: Record<string, unknown> & { realm: string };
  fulfillmentSecret: string;
} {
  const fulfillmentSecret = randomBytes(24).toString('base64url');
  const representation = {
    realm: 'devices-int',
    enabled: true,
    accessTokenLifespan: 300,
    roles: { realm: ['customer', 'agent', 'scanner', 'admin', 'service'].map((name) => ({ name })) },
    clients: [
      {
        clientId: 'fulfillment',
        publicClient: false,
        clientAuthenticatorType: 'client-secret',
        secret: fulfillmentSecret,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
        serviceAccountsEnabled: true,
        fullScopeAllowed: false,
        attributes: { 'access.token.lifespan': '300', 'client_credentials.use_refresh_token': 'false' },
      },
      {
        clientId: 'people',
        publicClient: true,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: true,
        fullScopeAllowed: false,
        defaultClientScopes: ['basic'],
        protocolMappers: [
          claimMapper('roles', 'oidc-usermodel-realm-role-mapper', {
            'claim.name': 'roles',
            multivalued: 'true',
            'jsonType.label': 'String',
          }),
          claimMapper('role', 'oidc-usermodel-realm-role-mapper', {
            'claim.name': 'role',
            multivalued: 'false',
            'jsonType.label': 'String',
          }),
          claimMapper('fulfillment center', 'oidc-usermodel-attribute-mapper', {
            'user.attribute': 'fulfillment_center_id',
            'claim.name': 'fulfillment_center_id',
            'jsonType.label': 'String',
          }),
          claimMapper('audience fulfillment', 'oidc-audience-mapper', {
            'included.custom.audience': 'fulfillment',
          }),
        ],
      },
    ],
    scopeMappings: [{ client: 'people', roles: ['customer', 'agent', 'admin'] }],
    clientScopeMappings: {
      'realm-management': [{ client: 'fulfillment', roles: ['manage-clients', 'view-clients'] }],
    },
    users: [
      {
        username: 'service-account-fulfillment',
        enabled: true,
        serviceAccountClientId: 'fulfillment',
        realmRoles: ['service'],
        clientRoles: { 'realm-management': ['manage-clients', 'view-clients'] },
      },
      ...people.map((person) => ({
        username: person.username,
        enabled: true,
        email: `${person.username}@example.test`,
        emailVerified: true,
        firstName: person.username,
        lastName: 'Test',
        realmRoles: [person.role],
        ...(person.fulfillmentCenterId
          ? { attributes: { fulfillment_center_id: [person.fulfillmentCenterId] } }
          : {}),
        credentials: [{ type: 'password', value: person.password, temporary: false }],
      })),
    ],
  };
  return { representation, fulfillmentSecret };
}
