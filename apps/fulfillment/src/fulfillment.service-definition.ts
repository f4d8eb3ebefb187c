import type { ServiceDefinition } from '@harvest/platform/runtime';
import { fulfillmentMigrations } from './migrations';

/**
 * The fulfillment service as the runtime starts it: its schema and its domain modules. The platform
 * (database, outbox/inbox, events, cache, search, HTTP, health, metrics) comes from @harvest/platform/runtime;
 * the domain modules arrive with the fulfillment issue.
 */
export const fulfillmentService: ServiceDefinition = {
  name: 'fulfillment',
  port: 3003,
  schema: { entities: [], migrations: fulfillmentMigrations },
  imports: [],
};
