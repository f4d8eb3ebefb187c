import type { ServiceDefinition } from '@harvest/platform/runtime';
import { imagesMigrations } from './migrations';

/**
 * The images service as the runtime starts it: its schema and its domain modules. The platform
 * (database, outbox/inbox, events, cache, search, HTTP, health, metrics) comes from @harvest/platform/runtime;
 * the domain modules arrive with the images issue.
 */
export const imagesService: ServiceDefinition = {
  name: 'images',
  port: 3005,
  schema: { entities: [], migrations: imagesMigrations },
  imports: [],
};
