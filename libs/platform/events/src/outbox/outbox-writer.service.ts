import type { EventContract, EventEnvelope, EventHeaders } from '@harvest/contracts';
import { injectTraceContext } from '@harvest/platform/observability';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { envelopeToRowValues, EVENT_ROW_COLUMNS, EVENT_ROW_PLACEHOLDERS } from './outbox-row';

export class OutboxTransactionRequiredError extends Error {
  constructor() {
    super(
      'OutboxWriter.append needs the EntityManager of a running transaction (dataSource.transaction(em => ...))',
    );
    this.name = 'OutboxTransactionRequiredError';
  }
}

/**
 * Appends events to outbox_event inside the caller's business transaction: the event exists if and only if
 * the business change committed. The relay publishes it afterwards.
 */
@Injectable()
export class OutboxWriter {
  /**
   * An event to append later with appendMany: the payload is validated against the contract now, and the
   * envelope carries the current trace context in its headers.
   */
  envelope<S extends z.ZodTypeAny>(
    contract: EventContract<S>,
    event: { key: string; payload: z.input<S>; headers?: EventHeaders },
  ): EventEnvelope<z.output<S>> {
    return contract.create({ ...event, headers: injectTraceContext({ ...event.headers }) });
  }

  /** One event: validated, with the current trace context, written in the caller's transaction. */
  async append<S extends z.ZodTypeAny>(
    entityManager: EntityManager,
    contract: EventContract<S>,
    event: { key: string; payload: z.input<S>; headers?: EventHeaders },
  ): Promise<EventEnvelope<z.output<S>>> {
    const envelope = this.envelope(contract, event);
    await this.appendMany(entityManager, [envelope]);
    return envelope;
  }

  /**
   * Several events in one multi-row INSERT (one round trip), as rows in the given order: the ids the table
   * assigns ascend in that order, so events with one key keep their order for the relay.
   */
  async appendMany(entityManager: EntityManager, envelopes: readonly EventEnvelope[]): Promise<void> {
    // Outside a transaction the insert would commit on its own and the guarantee would be gone.
    if (!entityManager.queryRunner?.isTransactionActive) throw new OutboxTransactionRequiredError();
    if (envelopes.length === 0) return;
    await entityManager.query(
      `INSERT INTO outbox_event (${EVENT_ROW_COLUMNS}) VALUES ${envelopes.map(() => EVENT_ROW_PLACEHOLDERS).join(', ')}`,
      envelopes.flatMap(envelopeToRowValues),
    );
  }
}
