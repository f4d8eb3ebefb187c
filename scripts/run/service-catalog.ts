/** The services `npm start` runs, with their ports. A service is listed once its app folder exists. */
export interface ServiceEntry {
  name: string;
  port: number;
  main: string;
  /**
   * Calls another service over HTTP, so it gets its own client (AUTH_CLIENT_ID/AUTH_CLIENT_SECRET) and fetches
   * client-credentials tokens from the issuer.
   */
  callsServices?: boolean;
}

export const SERVICES: ServiceEntry[] = [
  { name: 'catalog', port: 3001, main: 'apps/catalog/src/main.ts' },
  { name: 'orders', port: 3002, main: 'apps/orders/src/main.ts', callsServices: true },
  { name: 'fulfillment', port: 3003, main: 'apps/fulfillment/src/main.ts' },
  { name: 'callcenter', port: 3004, main: 'apps/callcenter/src/main.ts', callsServices: true },
  { name: 'images', port: 3005, main: 'apps/images/src/main.ts' },
  { name: 'identity', port: 3006, main: 'apps/identity/src/main.ts' },
];
