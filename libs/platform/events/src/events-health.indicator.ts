import type { DependencyCheck, DependencyHealthIndicator } from '@harvest/platform/health';
import type { EventTransport } from './event-transport';
import type { OutboxRelay } from './outbox/outbox-relay.service';
import type { OutboxStore } from './outbox/outbox-store';

/**
 * Readiness of the event transport plus what the relay is doing. Not critical: while the transport is down the
 * outbox keeps every event safe in the service's own database, so the service can keep taking writes.
 */
export class EventsHealthIndicator implements DependencyHealthIndicator {
  readonly name = 'events';
  readonly critical = false;

  constructor(
    private readonly transport: EventTransport,
    private readonly relay: OutboxRelay,
    private readonly outbox: OutboxStore,
  ) {}

  async check(): Promise<DependencyCheck> {
    const transport = await this.transport.check();
    const backlog = await this.outbox.countUnpublished().catch(() => undefined);
    return {
      up: transport.up,
      detail: {
        transport: this.transport.name,
        ...transport.detail,
        relay: this.relay.status(),
        outboxBacklog: backlog,
      },
    };
  }
}
