import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Orders' public coverage route as orders answers it (`GET /delivery-coverage/{areaCode}`: 200
 * `{ areaCode, zoneId }`, 404 problem+json where we do not deliver), for specs of identity alone. `down()`
 * makes it answer 503, as an orders outage would.
 */
export class FakeDeliveryCoverage {
  readonly requests: string[] = [];
  private server?: Server;
  private unavailable = false;

  constructor(private readonly zones: Record<string, string>) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  down(unavailable = true): void {
    this.unavailable = unavailable;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const match = /^\/delivery-coverage\/([^/?]+)$/.exec(request.url ?? '');
      this.requests.push(request.url ?? '');
      const send = (status: number, body: unknown, type = 'application/json') => {
        response.writeHead(status, { 'content-type': type });
        response.end(JSON.stringify(body));
      };
      if (this.unavailable) return send(503, { status: 503 }, 'application/problem+json');
      if (request.method !== 'GET' || !match) return send(404, { status: 404 }, 'application/problem+json');
      const areaCode = decodeURIComponent(match[1]!);
      const zoneId = this.zones[areaCode];
      if (!zoneId)
        return send(
          404,
          { type: 'urn:harvest:problem:not-delivered', status: 404, areaCode },
          'application/problem+json',
        );
      return send(200, { areaCode, zoneId });
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
