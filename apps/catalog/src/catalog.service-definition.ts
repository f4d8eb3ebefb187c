import type { ServiceDefinition } from '@harvest/platform/runtime';
import { catalogMigrations } from './migrations';

/**
 * The catalog service as the runtime starts it: its schema and its domain modules. The platform
 * (database, outbox/inbox, events, cache, search, HTTP, health, metrics) comes from @harvest/platform/runtime;
 * the domain modules arrive with the catalog issue.
 */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  port: 3001,
  schema: { entities: [], migrations: catalogMigrations },
  imports: [],
};
