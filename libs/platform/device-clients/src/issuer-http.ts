import { DeviceClientsUnavailableError } from './device-clients';

export interface IssuerResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when it is empty or not JSON. */
  body: unknown;
}

/** One call to the issuer; a network failure or timeout is DeviceClientsUnavailableError naming `what`. */
export async function callIssuer(
  what: string,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  timeoutMs = 10_000,
): Promise<IssuerResponse> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new DeviceClientsUnavailableError(what, error);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body };
}

/** The response when its status is one of `ok`, else DeviceClientsUnavailableError (the issuer's status in the cause). */
export function expectStatus(what: string, response: IssuerResponse, ...ok: number[]): IssuerResponse {
  if (ok.includes(response.status)) return response;
  throw new DeviceClientsUnavailableError(
    what,
    new Error(`issuer answered ${response.status}: ${JSON.stringify(response.body)?.slice(0, 300)}`),
  );
}

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

/**
 * A confidential client's own access token (client credentials grant), reused until 30 s before it expires:
 * a burst of enrollments costs one token request.
 */
export class ClientCredentialsToken {
  private cached?: { token: string; renewAt: number };

  constructor(private readonly credentials: ClientCredentials) {}

  async get(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.token;
    const { tokenUrl, clientId, clientSecret } = this.credentials;
    const response = expectStatus(
      `give us our own token (client ${clientId})`,
      await callIssuer('give us our own token', tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        }).toString(),
      }),
      200,
    );
    const body = response.body as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string')
      throw new DeviceClientsUnavailableError('give us our own token (no access_token)');
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 60;
    this.cached = { token: body.access_token, renewAt: Date.now() + Math.max(0, lifetime - 30) * 1000 };
    return body.access_token;
  }
}
