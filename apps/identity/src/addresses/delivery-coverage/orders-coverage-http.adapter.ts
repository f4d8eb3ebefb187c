import { DeliveryCoverageUnavailableError } from '../domain/address.errors';
import type { DeliveryCoverage } from './delivery-coverage.port';

/**
 * Orders' public coverage route, `GET /delivery-coverage/{areaCode}`: 200 `{ areaCode, zoneId }`, 404 where we
 * do not deliver. Public data (any shop says where it delivers), so no token: nothing personal is sent.
 */
export class OrdersCoverageHttpAdapter implements DeliveryCoverage {
  constructor(
    private readonly baseUrl: string | undefined,
    private readonly timeoutMs: number,
  ) {}

  async zoneFor(areaCode: string): Promise<string | null> {
    if (!this.baseUrl) throw new DeliveryCoverageUnavailableError('IDENTITY_ORDERS_URL is not set');
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/delivery-coverage/${encodeURIComponent(areaCode)}`, {
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new DeliveryCoverageUnavailableError(
        timedOut ? `orders did not answer within ${this.timeoutMs} ms` : 'orders could not be reached',
      );
    }
    if (response.status === 404) return null;
    if (response.status !== 200)
      throw new DeliveryCoverageUnavailableError(`orders answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as { zoneId?: unknown } | null;
    if (typeof body?.zoneId !== 'string')
      throw new DeliveryCoverageUnavailableError('orders sent an unreadable answer');
    return body.zoneId;
  }
}
