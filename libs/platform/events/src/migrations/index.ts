import { InboxEvent1763900000001 } from './inbox-event.migration';
import { OutboxEvent1763900000000 } from './outbox-event.migration';

export { InboxEvent1763900000001, OutboxEvent1763900000000 };

/** Add these to every service DataSource's `migrations` list (each service schema has its own outbox and inbox). */
export const eventsMigrations = [OutboxEvent1763900000000, InboxEvent1763900000001];
