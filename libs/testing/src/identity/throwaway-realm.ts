import { randomBytes } from 'node:crypto';
import { keycloakSettingsFromEnv, passwordGrant, type KeycloakSettings } from './keycloak-tokens';

/**
 * A realm of its own in the test tier's Keycloak, for a spec that changes clients, users or keys (the shared
 * realm `harvest` is never changed by a spec). Created from a representation (the same JSON shape as
 * infra/keycloak/*-realm.json) and deleted with everything in it by `delete()`.
 */
export class ThrowawayRealm {
  private adminToken?: { value: string; renewAt: number };

  private constructor(
    /** Settings whose `realm` is this realm: pass them to clientCredentialsGrant, passwordGrant, ... */
    readonly settings: KeycloakSettings,
  ) {}

  /** `representation.realm` is suffixed with random hex, so parallel runs never meet. */
  static async create(
    representation: Record<string, unknown> & { realm: string },
    base: KeycloakSettings = keycloakSettingsFromEnv(),
  ): Promise<ThrowawayRealm> {
    const name = `${representation.realm}-${randomBytes(4).toString('hex')}`;
    const realm = new ThrowawayRealm({ ...base, realm: name });
    const res = await realm.fetchAdmin('POST', `${base.url}/admin/realms`, {
      ...representation,
      realm: name,
    });
    if (res.status !== 201)
      throw new Error(`Keycloak: creating realm ${name} answered ${res.status} ${res.text}`);
    return realm;
  }

  get name(): string {
    return this.settings.realm;
  }

  /** The `iss` of the realm's tokens. */
  get issuer(): string {
    return `${this.settings.url}/realms/${this.name}`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/protocol/openid-connect/certs`;
  }

  /** `path` below /admin/realms/<realm>; status and parsed body (the master administrator's call). */
  async admin<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await this.fetchAdmin(method, `${this.settings.url}/admin/realms/${this.name}${path}`, body);
    return { status: res.status, body: (res.text ? JSON.parse(res.text) : undefined) as T };
  }

  async delete(): Promise<void> {
    const res = await this.fetchAdmin('DELETE', `${this.settings.url}/admin/realms/${this.name}`);
    if (res.status !== 204 && res.status !== 404)
      throw new Error(`Keycloak: deleting realm ${this.name} answered ${res.status} ${res.text}`);
  }

  private async fetchAdmin(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; text: string }> {
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await this.masterToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, text: await res.text() };
  }

  /** The bootstrap administrator's token (master realm tokens live 60 s: renewed after 30). */
  private async masterToken(): Promise<string> {
    if (this.adminToken && Date.now() < this.adminToken.renewAt) return this.adminToken.value;
    const { adminUser, adminPassword } = this.settings;
    const answer = await passwordGrant(
      { ...this.settings, realm: 'master' },
      'admin-cli',
      adminUser,
      adminPassword,
    );
    if (!answer.accessToken)
      throw new Error(`Keycloak administrator sign-in: ${answer.status} ${answer.error ?? ''}`);
    this.adminToken = { value: answer.accessToken, renewAt: Date.now() + 30_000 };
    return answer.accessToken;
  }
}
