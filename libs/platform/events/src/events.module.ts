import { healthCheckProvider } from '@harvest/platform/health';
import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OnModuleInit,
  type Provider,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmbeddedEventTransport } from './embedded/embedded-event-transport.adapter';
import { EVENT_TRANSPORT, EVENTS_CONFIG, EVENTS_DATA_SOURCE, type EventTransport } from './event-transport';
import type { EventsConfig } from './events.config';
import { EventsHealthIndicator } from './events-health.indicator';
import { InboxService, type TransactionRunner } from './inbox/inbox.service';
import { KafkaEventTransport } from './kafka/kafka-event-transport.adapter';
import { MysqlAdvisoryLease } from './lease/mysql-advisory-lease';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { SqlOutboxStore } from './outbox/outbox-store';
import { OutboxWriter } from './outbox/outbox-writer.service';
import { EventsRetentionJob } from './retention/events-retention.job';

/** How to get a provider from the app: its token, or a factory over other providers. */
export type ProviderSource<T> =
  InjectionToken | { inject: InjectionToken[]; useFactory: (...dependencies: never[]) => T | Promise<T> };

export interface EventsModuleOptions {
  config: EventsConfig;
  /**
   * The service's writer DataSource (its own schema, holding outbox_event and inbox_event). Defaults to the
   * DataSource class as token; with the platform database library:
   * `{ inject: [Database], useFactory: (db: Database) => db.writer }`.
   */
  dataSource?: ProviderSource<DataSource>;
  /** What runs the inbox's transactions (e.g. the `Database` token, for its failover retry); defaults to the DataSource. */
  transactionRunner?: ProviderSource<TransactionRunner>;
  /** Modules that provide those, if they are not global. */
  imports?: ModuleMetadata['imports'];
}

function providerFrom<T>(provide: symbol, source: ProviderSource<T>): Provider {
  return typeof source === 'object' && source !== null && 'useFactory' in source
    ? { provide, inject: source.inject, useFactory: source.useFactory as (...args: unknown[]) => T }
    : { provide, useExisting: source };
}

const EVENTS_TRANSACTION_RUNNER = Symbol('EVENTS_TRANSACTION_RUNNER');

export function createEventTransport(config: EventsConfig, dataSource: DataSource): EventTransport {
  return config.EVENTS_TRANSPORT === 'kafka'
    ? new KafkaEventTransport(config)
    : new EmbeddedEventTransport(dataSource, config);
}

/** GET_LOCK names are server-wide and at most 64 characters: one relay per service database. */
export function relayLeaseName(dataSource: DataSource): string {
  const name = `harvest.outbox-relay.${String(dataSource.options.database)}`;
  return name.length <= 64 ? name : `harvest.outbox-relay.${createHash('sha1').update(name).digest('hex')}`;
}

/** Prepares the transport before anything publishes, stops consumers, closes the transport last. */
@Injectable()
class EventsLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(EVENT_TRANSPORT) private readonly transport: EventTransport) {}

  async onModuleInit(): Promise<void> {
    await this.transport.start();
  }

  /** Consumers stop first (handlers still need the database); the relay stops in its own hook. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.transport.stopConsuming();
  }

  async onApplicationShutdown(): Promise<void> {
    // The relay stopped in beforeApplicationShutdown, so no batch is in flight here.
    await this.transport.close();
  }
}

/**
 * Outbox writer, relay (started on bootstrap, stopped on shutdown), inbox, transport, the "events" health
 * indicator and the outbox/inbox retention job. Global, so feature modules inject OutboxWriter and
 * InboxService without importing it.
 */
@Module({})
export class EventsModule {
  static forRoot(options: EventsModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: EventsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: EVENTS_CONFIG, useValue: config },
        providerFrom(EVENTS_DATA_SOURCE, options.dataSource ?? DataSource),
        providerFrom(EVENTS_TRANSACTION_RUNNER, options.transactionRunner ?? EVENTS_DATA_SOURCE),
        {
          provide: EVENT_TRANSPORT,
          inject: [EVENTS_DATA_SOURCE],
          useFactory: (dataSource: DataSource) => createEventTransport(config, dataSource),
        },
        OutboxWriter,
        {
          provide: InboxService,
          inject: [EVENTS_TRANSACTION_RUNNER],
          useFactory: (transactions: TransactionRunner) => new InboxService(transactions),
        },
        {
          provide: SqlOutboxStore,
          inject: [EVENTS_DATA_SOURCE],
          useFactory: (ds: DataSource) => new SqlOutboxStore(ds),
        },
        {
          provide: OutboxRelay,
          inject: [SqlOutboxStore, EVENT_TRANSPORT, EVENTS_DATA_SOURCE],
          useFactory: (store: SqlOutboxStore, transport: EventTransport, ds: DataSource) =>
            new OutboxRelay(store, transport, new MysqlAdvisoryLease(ds, relayLeaseName(ds)), {
              pollMs: config.EVENTS_RELAY_POLL_MS,
              batchSize: config.EVENTS_RELAY_BATCH_SIZE,
              backoffMaxMs: config.EVENTS_RELAY_BACKOFF_MAX_MS,
            }),
        },
        healthCheckProvider(
          {
            inject: [EVENT_TRANSPORT, OutboxRelay, SqlOutboxStore],
            useFactory: (transport: EventTransport, relay: OutboxRelay, store: SqlOutboxStore) =>
              new EventsHealthIndicator(transport, relay, store),
          },
          EventsHealthIndicator,
        ),
        {
          provide: EventsRetentionJob,
          inject: [EVENTS_DATA_SOURCE],
          useFactory: (ds: DataSource) => new EventsRetentionJob(ds, config),
        },
        EventsLifecycle,
      ],
      exports: [
        OutboxWriter,
        InboxService,
        OutboxRelay,
        EventsHealthIndicator,
        EventsRetentionJob,
        EVENT_TRANSPORT,
        EVENTS_CONFIG,
      ],
    };
  }
}
