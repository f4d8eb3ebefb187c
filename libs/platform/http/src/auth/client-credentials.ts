import { discoverIssuer, lazilyDiscovered } from './issuer-discovery';

export interface ClientCredentialsSettings {
  /** The issuer whose discovery document names the token endpoint. */
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The token endpoint when it must not be taken from discovery. */
  tokenUrl?: string;
  /** A token is replaced this long before it expires (or at half its life, if that is sooner): 30 s. */
  refreshBeforeExpiryMs?: number;
  timeoutMs?: number;
}

/** The issuer gave no token: the call that needed it cannot be made (callers answer 503). */
export class ServiceTokenUnavailableError extends Error {}

/**
 * A service's own access token (OAuth 2.0 client credentials grant, RFC 6749 §4.4), for calling another
 * service: fetched from the issuer's token endpoint when first needed, shared by concurrent callers, and
 * kept until shortly before it expires. Only the token: the request code that sends it is the caller's
 * (`authorization()` is a header to spread into any client's request, generated or hand-written).
 * Hand-written rather than openid-client (one form POST; openid-client 6 is an ES module Jest cannot load).
 */
export class ClientCredentials {
  private current?: { token: string; renewAt: number };
  private pending?: Promise<string>;
  private readonly tokenUrl: () => Promise<string>;

  constructor(private readonly settings: ClientCredentialsSettings) {
    const { tokenUrl, issuerUrl, timeoutMs } = settings;
    this.tokenUrl = tokenUrl
      ? () => Promise.resolve(tokenUrl)
      : lazilyDiscovered(async () => {
          const endpoint = (await discoverIssuer(issuerUrl, timeoutMs)).token_endpoint;
          if (!endpoint) throw new Error(`issuer ${issuerUrl} names no token_endpoint`);
          return endpoint;
        }, 5_000);
  }

  get clientId(): string {
    return this.settings.clientId;
  }

  /** A valid access token, fetched only when the one held is (nearly) expired. */
  accessToken(): Promise<string> {
    if (this.current && Date.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The Authorization header carrying the token. */
  async authorization(): Promise<{ authorization: string }> {
    return { authorization: `Bearer ${await this.accessToken()}` };
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret, timeoutMs = 5_000, refreshBeforeExpiryMs = 30_000 } = this.settings;
    let response: Response;
    try {
      response = await fetch(await this.tokenUrl(), {
        method: 'POST',
        headers: {
          // client_secret_basic: id and secret form-encoded, then base64 (RFC 6749 §2.3.1).
          authorization: `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ServiceTokenUnavailableError(
        `no token for ${clientId}: the issuer could not be reached (${(error as Error).message})`,
      );
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string')
      throw new ServiceTokenUnavailableError(
        `no token for ${clientId}: the issuer answered ${response.status} ${String(body.error ?? '')}`,
      );
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 60) * 1000;
    const renewAt = Date.now() + Math.max(0, lifetimeMs - Math.min(refreshBeforeExpiryMs, lifetimeMs / 2));
    this.current = { token: body.access_token, renewAt };
    return body.access_token;
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}
