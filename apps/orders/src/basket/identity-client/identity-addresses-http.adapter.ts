import { ServiceTokenUnavailableError, type ClientCredentials } from '@harvest/platform/http';
import {
  IdentityUnavailableError,
  type CustomerAddresses,
  type DeliveryAddressRecord,
} from './customer-addresses.port';

/**
 * Identity's `GET /customers/{customerId}/addresses/{id}` with this service's own client-credentials token
 * (identity answers it to `azp` orders only): 200 the address with the account's phone, 404 not theirs.
 * The answer holds personal data: it is used for the order and never logged.
 */
export class IdentityAddressesHttpAdapter implements CustomerAddresses {
  constructor(
    private readonly baseUrl: string | undefined,
    private readonly credentials: ClientCredentials | null,
    private readonly timeoutMs: number,
  ) {}

  async deliveryAddress(customerId: string, addressId: string): Promise<DeliveryAddressRecord | null> {
    if (!this.baseUrl) throw new IdentityUnavailableError('ORDERS_IDENTITY_URL is not set');
    if (!this.credentials)
      throw new IdentityUnavailableError('orders has no client secret (AUTH_CLIENT_SECRET)');
    let response: Response;
    try {
      const { authorization } = await this.credentials.authorization();
      response = await fetch(
        `${this.baseUrl}/customers/${encodeURIComponent(customerId)}/addresses/${encodeURIComponent(addressId)}`,
        { headers: { authorization }, signal: AbortSignal.timeout(this.timeoutMs) },
      );
    } catch (error) {
      if (error instanceof ServiceTokenUnavailableError) throw new IdentityUnavailableError(error.message);
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new IdentityUnavailableError(
        timedOut ? `identity did not answer within ${this.timeoutMs} ms` : 'identity could not be reached',
      );
    }
    // 400: not an address id identity could hold (not a UUID); 404: not this customer's.
    if (response.status === 404 || response.status === 400) return null;
    if (response.status !== 200) throw new IdentityUnavailableError(`identity answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as Partial<DeliveryAddressRecord> | null;
    if (!body || typeof body.zoneId !== 'string' || typeof body.recipient !== 'string')
      throw new IdentityUnavailableError('identity sent an unreadable answer');
    return {
      id: String(body.id),
      zoneId: body.zoneId,
      recipient: body.recipient,
      phone: typeof body.phone === 'string' ? body.phone : null,
      city: String(body.city),
      street: String(body.street),
    };
  }
}
