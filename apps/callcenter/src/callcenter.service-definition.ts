import type { ServiceDefinition } from '@harvest/platform/runtime';
import { callcenterMigrations } from './migrations';

/**
 * The callcenter service as the runtime starts it: its schema and its domain modules. The platform
 * (database, outbox/inbox, events, cache, search, HTTP, health, metrics) comes from @harvest/platform/runtime;
 * the domain modules arrive with the callcenter issue.
 */
export const callcenterService: ServiceDefinition = {
  name: 'callcenter',
  port: 3004,
  schema: { entities: [], migrations: callcenterMigrations },
  imports: [],
};
