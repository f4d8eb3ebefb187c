import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAddress {
  zoneId: string;
  recipient: string;
  phone: string | null;
  city: string;
  street: string;
}

/**
 * Identity's internal address read as identity answers it, for specs of orders alone:
 * `GET /customers/{customerId}/addresses/{id}` with a bearer token whose `azp` is orders and whose audience
 * names identity (else 401/403 problem+json), 200 the address with the account phone, 404 when it is not
 * that customer's, 400 for an id that is not a UUID. `down()` answers 503.
 */
export class FakeIdentityAddresses {
  readonly requests: Array<{ customerId: string; addressId: string; azp: unknown }> = [];
  private readonly addresses = new Map<string, FakeAddress & { customerId: string }>();
  private server?: Server;
  private unavailable = false;

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Puts an address in a customer's book; returns its id. */
  add(customerId: string, address: FakeAddress): string {
    const id = randomUUID();
    this.addresses.set(id, { ...address, customerId });
    return id;
  }

  down(unavailable = true): void {
    this.unavailable = unavailable;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const send = (status: number, body: unknown) => {
        response.writeHead(status, {
          'content-type': status === 200 ? 'application/json' : 'application/problem+json',
        });
        response.end(JSON.stringify(body));
      };
      if (this.unavailable) return send(503, { status: 503 });
      const match = /^\/customers\/([^/]+)\/addresses\/([^/?]+)$/.exec(request.url ?? '');
      if (request.method !== 'GET' || !match) return send(404, { status: 404 });
      const claims = bearerClaims(request.headers.authorization);
      if (!claims) return send(401, { status: 401 });
      const audience = ([] as unknown[]).concat(claims.aud);
      if (claims.azp !== 'orders' || !audience.includes('identity')) return send(403, { status: 403 });
      const [customerId, addressId] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
      this.requests.push({ customerId, addressId, azp: claims.azp });
      if (!/^[0-9a-f-]{36}$/.test(addressId)) return send(400, { status: 400 });
      const address = this.addresses.get(addressId);
      if (!address || address.customerId !== customerId)
        return send(404, { type: 'urn:harvest:problem:address-not-found', status: 404 });
      return send(200, { id: addressId, ...address });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server?.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** The claims of a bearer JWT (read, not verified: the real identity verifies; this fake checks the shape). */
function bearerClaims(header: string | undefined): Record<string, unknown> | null {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}
