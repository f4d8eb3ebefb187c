import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/**
 * Where the test tier's Keycloak answers (infra/local/lib/keycloak.sh; `harness env` exports these). The admin
 * credentials are the harness's dev-only bootstrap administrator of the master realm, on 127.0.0.1 only.
 */
export interface KeycloakSettings {
  url: string;
  realm: string;
  adminUser: string;
  adminPassword: string;
}

export function keycloakSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): KeycloakSettings {
  return {
    url: env.KEYCLOAK_URL ?? 'http://127.0.0.1:8180',
    realm: env.KEYCLOAK_REALM ?? 'harvest',
    adminUser: env.KEYCLOAK_ADMIN_USER ?? 'admin',
    adminPassword: env.KEYCLOAK_ADMIN_PASSWORD ?? 'local-keycloak-admin',
  };
}

/** The `iss` of the realm's tokens. */
export function issuerOf(settings: KeycloakSettings): string {
  return `${settings.url}/realms/${settings.realm}`;
}

/** The realm's signing keys, fetched (and refetched on an unknown `kid`) by jose. */
export function realmJwks(settings: KeycloakSettings): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(`${issuerOf(settings)}/protocol/openid-connect/certs`));
}

/** What the token endpoint answered: the access token on 200, the OAuth error otherwise. */
export interface TokenResponse {
  status: number;
  accessToken?: string;
  error?: string;
  errorDescription?: string;
}

async function requestToken(
  settings: KeycloakSettings,
  realm: string,
  form: Record<string, string>,
): Promise<TokenResponse> {
  let res: Response;
  try {
    res = await fetch(`${settings.url}/realms/${realm}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new Error(
      `Keycloak on ${settings.url} is not answering (${(error as Error).message}); start it with: bash infra/local/harness up keycloak`,
    );
  }
  const body = (await res.json()) as Record<string, unknown>;
  return {
    status: res.status,
    ...(typeof body.access_token === 'string' ? { accessToken: body.access_token } : {}),
    ...(typeof body.error === 'string' ? { error: body.error } : {}),
    ...(typeof body.error_description === 'string' ? { errorDescription: body.error_description } : {}),
  };
}

function accessTokenOf(response: TokenResponse, what: string): string {
  if (!response.accessToken)
    throw new Error(
      `${what}: Keycloak answered ${response.status} ${response.error ?? ''} ${response.errorDescription ?? ''}`,
    );
  return response.accessToken;
}

/** A confidential client's own token (client credentials grant), e.g. a service's. */
export function clientCredentialsGrant(
  settings: KeycloakSettings,
  clientId: string,
  clientSecret: string,
): Promise<TokenResponse> {
  return requestToken(settings, settings.realm, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
}

export async function clientCredentialsToken(
  settings: KeycloakSettings,
  clientId: string,
  clientSecret: string,
): Promise<string> {
  return accessTokenOf(
    await clientCredentialsGrant(settings, clientId, clientSecret),
    `token for ${clientId}`,
  );
}

/** A person's token by username and password (direct access grant), on a client that allows it (tests only). */
export function passwordGrant(
  settings: KeycloakSettings,
  clientId: string,
  username: string,
  password: string,
): Promise<TokenResponse> {
  return requestToken(settings, settings.realm, {
    grant_type: 'password',
    client_id: clientId,
    username,
    password,
  });
}

export async function passwordToken(
  settings: KeycloakSettings,
  clientId: string,
  username: string,
  password: string,
): Promise<string> {
  return accessTokenOf(await passwordGrant(settings, clientId, username, password), `sign-in of ${username}`);
}

/** Our `roles` claim: every realm role in scope, a flat JSON array in the access token (as in the realm file). */
export function rolesClaimMapper(): Record<string, unknown> {
  return {
    name: 'roles',
    protocol: 'openid-connect',
    protocolMapper: 'oidc-usermodel-realm-role-mapper',
    config: {
      'claim.name': 'roles',
      multivalued: 'true',
      'jsonType.label': 'String',
      'access.token.claim': 'true',
      'id.token.claim': 'false',
    },
  };
}

/** Puts `audience` into the access token's `aud`. */
export function audienceMapper(audience: string): Record<string, unknown> {
  return {
    name: `audience ${audience}`,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-audience-mapper',
    config: {
      'included.custom.audience': audience,
      'access.token.claim': 'true',
      'id.token.claim': 'false',
    },
  };
}

/** Calls the admin REST API of the test tier's Keycloak as its bootstrap administrator. */
export class KeycloakAdmin {
  private constructor(
    private readonly settings: KeycloakSettings,
    private readonly token: string,
  ) {}

  static async signIn(settings: KeycloakSettings): Promise<KeycloakAdmin> {
    const token = accessTokenOf(
      await requestToken(settings, 'master', {
        grant_type: 'password',
        client_id: 'admin-cli',
        username: settings.adminUser,
        password: settings.adminPassword,
      }),
      'Keycloak administrator sign-in',
    );
    return new KeycloakAdmin(settings, token);
  }

  /** The same administrator, working on another realm (e.g. a spec's throw-away realm). */
  inRealm(realm: string): KeycloakAdmin {
    return new KeycloakAdmin({ ...this.settings, realm }, this.token);
  }

  /**
   * Creates a realm from its representation (roles, clients, service-account users), for a spec that must do
   * what no spec may do to the shared realm `harvest` (rotate its keys): the spec deletes it afterwards.
   */
  async createRealm(representation: { realm: string } & Record<string, unknown>): Promise<KeycloakAdmin> {
    await this.raw('POST', '/admin/realms', representation);
    return this.inRealm(representation.realm);
  }

  /** Deletes this admin's realm (never call it on `harvest`). */
  async deleteRealm(): Promise<void> {
    if (this.settings.realm === 'harvest') throw new Error('the shared realm harvest is never deleted');
    await this.raw('DELETE', `/admin/realms/${this.settings.realm}`);
  }

  /**
   * A confidential client whose service account holds `roles` and whose tokens name `audience`: the shape of
   * our service clients, under a name unique to the spec, which deletes it afterwards (deleteClient).
   */
  async createServiceClient(
    clientId: string,
    secret: string,
    options: { audience: string[]; roles?: string[]; lifespanSeconds?: number },
  ): Promise<void> {
    await this.request('POST', '/clients', {
      clientId,
      enabled: true,
      publicClient: false,
      secret,
      serviceAccountsEnabled: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      attributes: options.lifespanSeconds ? { 'access.token.lifespan': String(options.lifespanSeconds) } : {},
      protocolMappers: [rolesClaimMapper(), ...options.audience.map(audienceMapper)],
    });
    const [client] = await this.request<Array<{ id: string }>>(
      'GET',
      `/clients?clientId=${encodeURIComponent(clientId)}`,
    );
    const account = await this.request<{ id: string }>('GET', `/clients/${client!.id}/service-account-user`);
    const roles = await Promise.all(
      (options.roles ?? ['service']).map((role) => this.request<unknown>('GET', `/roles/${role}`)),
    );
    await this.request('POST', `/users/${account.id}/role-mappings/realm`, roles);
  }

  async deleteClient(clientId: string): Promise<void> {
    const [client] = await this.request<Array<{ id: string }>>(
      'GET',
      `/clients?clientId=${encodeURIComponent(clientId)}`,
    );
    if (client) await this.request('DELETE', `/clients/${client.id}`);
  }

  /** `path` below /admin/realms/<realm>; the parsed JSON body, or undefined for an empty one. */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.raw<T>(method, `/admin/realms/${this.settings.realm}${path}`, body);
  }

  private async raw<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.settings.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`Keycloak admin ${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * A public client that allows the password grant, for specs that sign a person in without a browser. It is
   * created here, never in the realm file, so no deployed realm carries it. Its roles and mappers are copied
   * from `like` (e.g. agent-console), so its tokens look like that client's.
   */
  async ensurePasswordGrantClient(clientId: string, like: string): Promise<void> {
    const [existing] = await this.request<Array<{ id: string }>>(
      'GET',
      `/clients?clientId=${encodeURIComponent(clientId)}`,
    );
    if (existing) return;
    const [template] = await this.request<Array<Record<string, unknown> & { id: string }>>(
      'GET',
      `/clients?clientId=${encodeURIComponent(like)}`,
    );
    if (!template) throw new Error(`Keycloak: realm ${this.settings.realm} has no client ${like}`);
    const { id: templateId, ...rest } = template;
    const mappers = ((template.protocolMappers as Array<Record<string, unknown>> | undefined) ?? []).map(
      ({ id: _id, ...mapper }) => mapper,
    );
    await this.request('POST', '/clients', {
      ...rest,
      clientId,
      name: `Integration specs (password grant, like ${like})`,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: true,
      redirectUris: [],
      webOrigins: [],
      protocolMappers: mappers,
    });
    const [created] = await this.request<Array<{ id: string }>>(
      'GET',
      `/clients?clientId=${encodeURIComponent(clientId)}`,
    );
    const roles = await this.request<unknown[]>('GET', `/clients/${templateId}/scope-mappings/realm`);
    await this.request('POST', `/clients/${created!.id}/scope-mappings/realm`, roles);
  }
}
