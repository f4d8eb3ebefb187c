import { HealthRegistry } from '@harvest/platform/health';
import type { INestApplication } from '@nestjs/common';
import { context, propagation, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { DataSource } from 'typeorm';
import { EVENT_TRANSPORT, type EventTransport } from '../event-transport';
import { OutboxWriter } from '../outbox/outbox-writer.service';
import { outgoingEvent } from '../outgoing-event';
import type { Observed } from './events-test-app';
import { waitFor } from './events-test-database';
import { platformTestV1 } from './platform-test-event';

export interface ScenarioContext {
  app: INestApplication;
  dataSource: DataSource;
  topic: string;
  observed: Observed;
  maxAttempts: number;
}

/** Trace context only propagates with a real propagator and context manager, as the service's tracing sets up. */
export function installTracePropagation(): void {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** The behaviour every transport must show; each transport's integration spec runs these against a real server. */
export function defineTransportScenarios(get: () => ScenarioContext): void {
  const append = async (key: string, payload: { seq: number; note?: string; fail?: boolean }) => {
    const { app, dataSource, topic } = get();
    const writer = app.get(OutboxWriter);
    return dataSource.transaction((em) =>
      writer.append(em, platformTestV1.withTopic(topic), { key, payload }),
    );
  };
  const effectsOf = async (eventId: string) => {
    const rows = await get().dataSource.query('SELECT COUNT(*) AS n FROM test_effect WHERE event_id = ?', [
      eventId,
    ]);
    return Number(rows[0].n);
  };

  it('carries an outbox event from a business transaction to the @EventPattern handler unchanged, with its trace context', async () => {
    const { observed } = get();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = trace.setSpanContext(context.active(), {
      traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    // Non-ASCII text and characters JSON escapes: the relay passes the stored JSON through to the transport.
    const note = 'Grüße, 東京, 🍐, "quoted" \\ tab\t line\u2028sep';
    const sent = await context.with(parent, () => append('k-basic-键', { seq: 1, note }));
    expect(sent.headers.traceparent).toContain(traceId);
    await waitFor('the handler to apply the event', () =>
      observed.applied.some((e) => e.eventId === sent.eventId),
    );
    const received = observed.applied.find((e) => e.eventId === sent.eventId)!;
    expect(received).toEqual(sent);
    expect(observed.handlerTraceIds.get(sent.eventId)).toBe(traceId);
    expect(await effectsOf(sent.eventId)).toBe(1);
  });

  it('registers an "events" health indicator that reports the transport up and the relay leading', async () => {
    const indicator = get()
      .app.get(HealthRegistry)
      .list()
      .find((i) => i.name === 'events');
    expect(indicator).toBeDefined();
    const check = await indicator!.check();
    expect(check).toMatchObject({
      up: true,
      detail: { relay: { running: true, leader: true }, outboxBacklog: 0 },
    });
  });

  it('applies an event delivered twice only once (inbox)', async () => {
    const { app, observed } = get();
    const sent = await append('k-twice', { seq: 1 });
    await waitFor('the first delivery', () => observed.deliveries.some((e) => e.eventId === sent.eventId));
    // Deliver the very same envelope again, as a relay retry or a consumer rebalance would.
    await app.get<EventTransport>(EVENT_TRANSPORT).publish([outgoingEvent(sent)]);
    await waitFor(
      'the second delivery',
      () => observed.deliveries.filter((e) => e.eventId === sent.eventId).length === 2,
    );
    expect(observed.applied.filter((e) => e.eventId === sent.eventId)).toHaveLength(1);
    expect(await effectsOf(sent.eventId)).toBe(1);
  });

  it('publishes nothing for a rolled-back business transaction', async () => {
    const { app, dataSource, topic, observed } = get();
    const writer = app.get(OutboxWriter);
    let rolledBackId = '';
    await expect(
      dataSource.transaction(async (em) => {
        rolledBackId = (
          await writer.append(em, platformTestV1.withTopic(topic), { key: 'k-rollback', payload: { seq: 1 } })
        ).eventId;
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(rolledBackId).not.toBe('');
    // A later committed event on the same key arrives after anything published before it.
    const marker = await append('k-rollback', { seq: 2 });
    await waitFor('the committed marker event', () =>
      observed.applied.some((e) => e.eventId === marker.eventId),
    );
    expect(observed.deliveries.some((e) => e.eventId === rolledBackId)).toBe(false);
    expect(await dataSource.query('SELECT id FROM outbox_event WHERE event_id = ?', [rolledBackId])).toEqual(
      [],
    );
  });

  it('sends an event to <topic>.dlq after the configured attempts and moves on', async () => {
    const { observed, maxAttempts, topic } = get();
    const poison = await append('k-dlq', { seq: 1, fail: true });
    const next = await append('k-dlq', { seq: 2 });
    await waitFor('the dead letter', () => observed.deadLetters.some((e) => e.eventId === poison.eventId));
    await waitFor('the event after it', () => observed.applied.some((e) => e.eventId === next.eventId));
    expect(observed.deliveries.filter((e) => e.eventId === poison.eventId)).toHaveLength(maxAttempts);
    const dead = observed.deadLetters.find((e) => e.eventId === poison.eventId)!;
    expect(dead).toMatchObject({ topic: `${topic}.dlq`, key: 'k-dlq', payload: poison.payload });
    expect(dead.headers).toMatchObject({ 'dlq-original-topic': topic, 'dlq-attempts': String(maxAttempts) });
    expect(dead.headers['dlq-error']).toContain('refusing seq 1');
    expect(await effectsOf(poison.eventId)).toBe(0);
  });
}
