import type { EventEnvelope } from '@harvest/contracts';
import { HealthRegistry } from '@harvest/platform/health';
import { context, trace } from '@opentelemetry/api';
import { type DynamicModule, Controller, type INestApplication, Module, UseFilters } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { eventsMicroserviceOptions } from '../events-microservice';
import { EventsModule, type EventsModuleOptions } from '../events.module';
import type { EventsConfig } from '../events.config';
import { InboxService } from '../inbox/inbox.service';
import { RethrowEventErrorsFilter } from '../rethrow-event-errors.filter';
import { platformTestV1 } from './platform-test-event';

/** What the test consumer saw: every delivery, the deliveries that took effect, and dead letters. */
export class Observed {
  deliveries: EventEnvelope<{ seq: number; fail?: boolean }>[] = [];
  applied: EventEnvelope<{ seq: number }>[] = [];
  deadLetters: EventEnvelope[] = [];
  /** The trace id active inside the handler, per eventId: shows the producer's trace context was restored. */
  handlerTraceIds = new Map<string, string | undefined>();
}

/**
 * A real service shape: an HTTP app (Fastify, not listening) with EventsModule and an events microservice
 * whose ordinary controller handles the test topic with @EventPattern and the inbox.
 */
export async function startEventsTestApp(options: {
  config: EventsConfig;
  dataSource: DataSource;
  topic: string;
  group: string;
  observed: Observed;
  /** How EventsModule finds the DataSource; defaults to the DataSource class token. */
  dataSourceOption?: EventsModuleOptions['dataSource'];
}): Promise<INestApplication> {
  const { topic, observed } = options;
  const contract = platformTestV1.withTopic(topic);

  @Controller()
  @UseFilters(RethrowEventErrorsFilter)
  class PlatformTestEventsController {
    constructor(private readonly inbox: InboxService) {}

    @EventPattern(topic)
    async onTestEvent(@Payload() message: unknown): Promise<void> {
      const envelope = contract.parse(message);
      observed.deliveries.push(envelope);
      observed.handlerTraceIds.set(envelope.eventId, trace.getSpanContext(context.active())?.traceId);
      if (envelope.payload.fail) throw new Error(`refusing seq ${envelope.payload.seq}`);
      const outcome = await this.inbox.handleOnce('platform-test.effect', envelope, async (em) => {
        await em.query('INSERT INTO test_effect (event_id, event_key, seq) VALUES (?, ?, ?)', [
          envelope.eventId,
          envelope.key,
          envelope.payload.seq,
        ]);
      });
      if (outcome.applied) observed.applied.push(envelope);
    }

    @EventPattern(`${topic}.dlq`)
    onDeadLetter(@Payload() message: EventEnvelope): void {
      observed.deadLetters.push(message);
    }
  }

  const database: DynamicModule = {
    module: class TestDatabaseModule {},
    global: true,
    // As the app does: one HealthRegistry provider that adapters register into.
    providers: [{ provide: DataSource, useValue: options.dataSource }, HealthRegistry],
    exports: [DataSource, HealthRegistry],
  };

  @Module({
    imports: [
      database,
      EventsModule.forRoot({ config: options.config, dataSource: options.dataSourceOption }),
    ],
    controllers: [PlatformTestEventsController],
  })
  class TestAppModule {}

  const app = await NestFactory.create(TestAppModule, new FastifyAdapter(), { logger: ['error', 'warn'] });
  app.connectMicroservice(eventsMicroserviceOptions(app, { group: options.group }), {
    inheritAppConfig: true,
  });
  await app.startAllMicroservices();
  await app.init();
  return app;
}
