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

  /** `path` below /admin/realms/<realm>; the parsed JSON body, or undefined for an empty one. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.settings.url}/admin/realms/${this.settings.realm}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`Keycloak admin ${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Creates a realm from its representation (a spec's throw-away realm); `deleteRealm` removes it. */
  async createRealm(representation: { realm: string } & Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.settings.url}/admin/realms`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(representation),
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok)
      throw new Error(
        `Keycloak admin: creating realm ${representation.realm}: ${res.status} ${await res.text()}`,
      );
  }

  async deleteRealm(realm: string): Promise<void> {
    const res = await fetch(`${this.settings.url}/admin/realms/${encodeURIComponent(realm)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok && res.status !== 404)
      throw new Error(`Keycloak admin: deleting realm ${realm}: ${res.status} ${await res.text()}`);
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
