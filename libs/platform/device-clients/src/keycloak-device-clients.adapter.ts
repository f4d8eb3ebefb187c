import { randomBytes } from 'node:crypto';
import {
  DEVICE_TOKEN_LIFESPAN_SECONDS,
  DeviceClients,
  DeviceClientsUnavailableError,
  type DeviceClient,
  type DeviceClientRequest,
  type IssuedDeviceClient,
} from './device-clients';
import { callIssuer, ClientCredentialsToken, expectStatus, type IssuerResponse } from './issuer-http';

export interface KeycloakDeviceClientsSettings {
  /** The realm's issuer URL, e.g. http://127.0.0.1:8180/realms/harvest; the admin API is beside it. */
  issuerUrl: string;
  /**
   * Our own confidential client; its service account holds realm-management `manage-clients`,
   * `view-clients`, and `manage-users` limited to what role mapping needs (see docs/identity.md).
   */
  clientId: string;
  clientSecret: string;
  /** The `aud` every device token carries: the service that takes scanner calls. */
  audience: string;
  /** The realm role a device's token carries. */
  role?: string;
}

/** Claims mapped like the realm's own clients (infra/keycloak/harvest-realm.json): `roles` and `role`. */
function realmRoleMapper(claim: 'roles' | 'role', multivalued: boolean) {
  return {
    name: claim,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-usermodel-realm-role-mapper',
    config: {
      'claim.name': claim,
      multivalued: String(multivalued),
      'jsonType.label': 'String',
      'access.token.claim': 'true',
      'id.token.claim': 'false',
      'userinfo.token.claim': 'false',
      'introspection.token.claim': 'true',
    },
  };
}

/**
 * Device clients in a Keycloak realm through its admin REST API, authenticated as our own service account.
 * Each device is a confidential client `scanner-<deviceId>`: client credentials only (no browser flow, no
 * password grant), a service account holding the realm role `scanner` and nothing else in scope
 * (`fullScopeAllowed: false` plus a scope mapping), a hard-coded `fulfillment_center_id` claim, the
 * `fulfillment` audience, access tokens of 300 s and no refresh token. Disabling sets `enabled: false`, after
 * which the token endpoint refuses the client.
 */
export class KeycloakDeviceClients extends DeviceClients {
  private readonly adminUrl: string;
  private readonly token: ClientCredentialsToken;
  private readonly role: string;

  constructor(private readonly settings: KeycloakDeviceClientsSettings) {
    super();
    const issuer = settings.issuerUrl.replace(/\/+$/, '');
    const match = /^(.*)\/realms\/([^/]+)$/.exec(issuer);
    if (!match) throw new Error(`Not a Keycloak realm URL (…/realms/<name>): ${settings.issuerUrl}`);
    this.adminUrl = `${match[1]}/admin/realms/${match[2]}`;
    this.role = settings.role ?? 'scanner';
    this.token = new ClientCredentialsToken({
      tokenUrl: `${issuer}/protocol/openid-connect/token`,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
    });
  }

  async register(request: DeviceClientRequest): Promise<IssuedDeviceClient> {
    const clientId = `scanner-${request.deviceId}`;
    const clientSecret = randomBytes(32).toString('base64url');
    const created = await this.admin('register the device', 'POST', '/clients', {
      clientId,
      name: request.label,
      description: `Scanner handheld of fulfillment center ${request.fulfillmentCenterId}`,
      enabled: true,
      protocol: 'openid-connect',
      publicClient: false,
      clientAuthenticatorType: 'client-secret',
      secret: clientSecret,
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: true,
      fullScopeAllowed: false,
      redirectUris: [],
      webOrigins: [],
      attributes: {
        'access.token.lifespan': String(DEVICE_TOKEN_LIFESPAN_SECONDS),
        'access.token.signed.response.alg': 'RS256',
        'client_credentials.use_refresh_token': 'false',
      },
      defaultClientScopes: ['basic'],
      optionalClientScopes: [],
      protocolMappers: [
        realmRoleMapper('roles', true),
        realmRoleMapper('role', false),
        {
          name: 'fulfillment center',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-hardcoded-claim-mapper',
          config: {
            'claim.name': 'fulfillment_center_id',
            'claim.value': request.fulfillmentCenterId,
            'jsonType.label': 'String',
            'access.token.claim': 'true',
            'id.token.claim': 'false',
            'userinfo.token.claim': 'false',
            'introspection.token.claim': 'true',
          },
        },
        {
          name: `audience ${this.settings.audience}`,
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: {
            'included.custom.audience': this.settings.audience,
            'access.token.claim': 'true',
            'id.token.claim': 'false',
            'introspection.token.claim': 'true',
          },
        },
      ],
    });
    expectStatus('register the device', created, 201, 409);
    const id = await this.internalId(clientId);
    await this.grantRole(id);
    // 409: the client exists from an attempt whose answer was lost; its secret is unknown, so it gets a new one.
    const secret = created.status === 409 ? await this.regenerateSecret(id) : clientSecret;
    return { clientId, clientSecret: secret };
  }

  async renewSecret(client: DeviceClient): Promise<string> {
    return this.regenerateSecret(await this.internalId(client.clientId));
  }

  async disable(client: DeviceClient): Promise<void> {
    const id = await this.internalId(client.clientId);
    const current = expectStatus(
      'read the device client',
      await this.admin('read the device client', 'GET', `/clients/${id}`),
      200,
    ).body as Record<string, unknown>;
    expectStatus(
      'disable the device client',
      await this.admin('disable the device client', 'PUT', `/clients/${id}`, { ...current, enabled: false }),
      204,
    );
  }

  /** The role in the client's scope and on its service account: both are needed with fullScopeAllowed off. */
  private async grantRole(id: string): Promise<void> {
    const role = expectStatus(
      `read the realm role ${this.role}`,
      await this.admin('read the realm role', 'GET', `/roles/${encodeURIComponent(this.role)}`),
      200,
    ).body as { id: string; name: string };
    const grant = [{ id: role.id, name: role.name }];
    expectStatus(
      'map the role into the client scope',
      await this.admin(
        'map the role into the client scope',
        'POST',
        `/clients/${id}/scope-mappings/realm`,
        grant,
      ),
      204,
    );
    const account = expectStatus(
      'read the service account',
      await this.admin('read the service account', 'GET', `/clients/${id}/service-account-user`),
      200,
    ).body as { id: string };
    expectStatus(
      'grant the role to the service account',
      await this.admin(
        'grant the role to the service account',
        'POST',
        `/users/${account.id}/role-mappings/realm`,
        grant,
      ),
      204,
    );
  }

  private async regenerateSecret(id: string): Promise<string> {
    const response = expectStatus(
      'renew the device secret',
      await this.admin('renew the device secret', 'POST', `/clients/${id}/client-secret`),
      200,
    );
    const value = (response.body as { value?: unknown }).value;
    if (typeof value !== 'string') throw new DeviceClientsUnavailableError('renew the device secret');
    return value;
  }

  /** Keycloak's id of the client (the admin API addresses clients by it, not by clientId). */
  private async internalId(clientId: string): Promise<string> {
    const response = expectStatus(
      'find the device client',
      await this.admin(
        'find the device client',
        'GET',
        `/clients?clientId=${encodeURIComponent(clientId)}&search=false`,
      ),
      200,
    );
    const [found] = response.body as Array<{ id: string; clientId: string }>;
    if (!found || found.clientId !== clientId)
      throw new DeviceClientsUnavailableError(`know the device client ${clientId}`);
    return found.id;
  }

  private async admin(what: string, method: string, path: string, body?: unknown): Promise<IssuerResponse> {
    return callIssuer(what, `${this.adminUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token.get()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
}
