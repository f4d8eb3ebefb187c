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
   * Our own confidential client; its service account holds realm-management `manage-clients` and
   * `view-clients` (scope-mapped to it too, since the admin API reads them from its token).
   */
  clientId: string;
  clientSecret: string;
  /** The `aud` every device token carries: the service that takes scanner calls. */
  audience: string;
  /** Access-token lifetime, seconds; at most (and by default) DEVICE_TOKEN_LIFESPAN_SECONDS, 300. */
  tokenLifespanSeconds?: number;
  /** The role a device's token carries (claims `roles` and `role`). */
  role?: string;
}

/** A claim every token of the client carries, whatever its service account holds. */
function fixedClaim(name: string, claim: string, value: string, jsonType: 'String' | 'JSON') {
  return {
    name,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-hardcoded-claim-mapper',
    config: {
      'claim.name': claim,
      'claim.value': value,
      'jsonType.label': jsonType,
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
 * password grant), no realm role in scope (`fullScopeAllowed: false`, no scope mapping), and fixed claims
 * `roles: ["scanner"]`, `role: "scanner"` and `fulfillment_center_id`, the `fulfillment` audience, access
 * tokens of 300 s and no refresh token. Disabling sets `enabled: false`, after which the token endpoint
 * refuses the client.
 *
 * Why fixed role claims and not the realm role `scanner` on the device's service account: granting a realm
 * role to a user, service accounts included, needs realm-management `manage-users` (and reading roles
 * `view-realm`); `manage-users` lets its holder reset any staff member's password, far more than device
 * enrollment should hold. The role is a property of the client, like its center.
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
        'access.token.lifespan': String(
          Math.min(
            this.settings.tokenLifespanSeconds ?? DEVICE_TOKEN_LIFESPAN_SECONDS,
            DEVICE_TOKEN_LIFESPAN_SECONDS,
          ),
        ),
        'access.token.signed.response.alg': 'RS256',
        'client_credentials.use_refresh_token': 'false',
      },
      defaultClientScopes: ['basic'],
      optionalClientScopes: [],
      protocolMappers: [
        fixedClaim('roles', 'roles', JSON.stringify([this.role]), 'JSON'),
        fixedClaim('role', 'role', this.role, 'String'),
        fixedClaim('fulfillment center', 'fulfillment_center_id', request.fulfillmentCenterId, 'String'),
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
    // 409: the client exists from an attempt whose answer was lost; its secret is unknown, so it gets a new one.
    const secret =
      created.status === 409 ? await this.regenerateSecret(await this.internalId(clientId)) : clientSecret;
    return { clientId, clientSecret: secret };
  }

  async renewSecret(client: DeviceClient): Promise<IssuedDeviceClient> {
    const clientSecret = await this.regenerateSecret(await this.internalId(client.clientId));
    return { clientId: client.clientId, clientSecret };
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
