import type { ServiceDefinition } from '@harvest/platform/runtime';
import { ordersMigrations } from './migrations';

/**
 * The orders service as the runtime starts it: its schema and its domain modules. The platform
 * (database, outbox/inbox, events, cache, search, HTTP, health, metrics) comes from @harvest/platform/runtime;
 * the domain modules arrive with the orders issue.
 */
export const ordersService: ServiceDefinition = {
  name: 'orders',
  port: 3002,
  schema: { entities: [], migrations: ordersMigrations },
  imports: [],
};
