import type { DependencyCheck } from '@harvest/platform/health';
import type { DataSource } from 'typeorm';
import type { EventAck, EventServerOptions } from '../event-transport';
import { EventTransportBase } from '../event-transport.base';
import type { EventsConfig } from '../events.config';
import type { OutgoingEvent } from '../outgoing-event';
import { EmbeddedEventServer } from './embedded-event.server';
import { EventLogStore } from './event-log.store';

/** Events through the database: no broker to run, same handlers, same guarantees (at least once, in order per topic). */
export class EmbeddedEventTransport extends EventTransportBase {
  readonly name = 'embedded';
  private readonly log: EventLogStore;
  private opening: Promise<void> | undefined;

  constructor(dataSource: DataSource, config: EventsConfig) {
    super(config);
    this.log = new EventLogStore(dataSource, config.EVENTS_DB_NAME);
  }

  start(): Promise<void> {
    this.opening ??= this.log.open().catch((error: unknown) => {
      this.opening = undefined; // let the next caller try again
      throw error;
    });
    return this.opening;
  }

  async publish(events: ReadonlyArray<OutgoingEvent>): Promise<EventAck[]> {
    await this.start();
    return this.log.append(events);
  }

  protected buildServer({ group }: EventServerOptions): EmbeddedEventServer {
    return new EmbeddedEventServer(this.log, this.dispatcher, {
      group,
      pollMs: this.config.EVENTS_EMBEDDED_POLL_MS,
      batchSize: this.config.EVENTS_RELAY_BATCH_SIZE,
      ready: () => this.start(),
    });
  }

  async check(): Promise<DependencyCheck> {
    try {
      await this.start();
      await this.log.ping();
      return { up: true, detail: { database: this.config.EVENTS_DB_NAME } };
    } catch (error) {
      return { up: false, detail: { database: this.config.EVENTS_DB_NAME, error: (error as Error).message } };
    }
  }

  async close(): Promise<void> {
    this.opening = undefined;
    await this.log.close();
  }
}
