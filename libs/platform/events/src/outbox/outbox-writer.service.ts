import type { EventContract, EventEnvelope, EventHeaders } from '@harvest/contracts';
import { injectTraceContext } from '@harvest/platform/observability';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { envelopeToRowValues, EVENT_ROW_COLUMNS } from './outbox-row';

export class OutboxTransactionRequiredError extends Error {
  constructor() {
    super('OutboxWriter.append needs the EntityManager of a running transaction (dataSource.transaction(em => ...))');
    this.name = 'OutboxTransactionRequiredError';
  }
}

/**
 * Appends events to outbox_event inside the caller's business transaction: the event exists if and only if
 * the business change committed. The relay publishes it afterwards.
 */
@Injectable()
export class OutboxWriter {
  /** Validates the payload against the contract; the row carries the current trace context in its headers. */
  async append<S extends z.ZodTypeAny>(
    entityManager: EntityManager,
    contract: EventContract<S>,
    event: { key: string; payload: z.input<S>; headers?: EventHeaders },
  ): Promise<EventEnvelope<z.output<S>>> {
    // Outside a transaction the insert would commit on its own and the guarantee would be gone.
    if (!entityManager.queryRunner?.isTransactionActive) throw new OutboxTransactionRequiredError();
    const envelope = contract.create({ ...event, headers: injectTraceContext({ ...event.headers }) });
    await entityManager.query(
      `INSERT INTO outbox_event (${EVENT_ROW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      envelopeToRowValues(envelope),
    );
    return envelope;
  }
}
