import { Database } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DirectoryService } from '../directory/directory.service';
import { mergeCallFacts, type CallFacts } from './domain/call-state';
import { CallRecord } from './entities/call-record.entity';

@Injectable()
export class CallsService {
  constructor(
    private readonly db: Database,
    private readonly directory: DirectoryService,
  ) {}

  /**
   * Merges what was learned into the call's record under a row lock (webhooks and reconciliation may race),
   * linking the customer by number the first time it is known. Returns the record as saved.
   */
  async apply(
    em: EntityManager,
    vendor: string,
    learned: CallFacts,
    source: CallRecord['source'],
  ): Promise<CallRecord> {
    const lockRow = () =>
      em.findOne(CallRecord, { where: { callId: learned.callId }, lock: { mode: 'pessimistic_write' } });
    let existing = await lockRow();
    if (!existing) {
      // Two first events for one call may race: the loser's insert is ignored and it merges into the winner's row.
      await em.query(
        'INSERT IGNORE INTO call_record (call_id, vendor, direction, status, started_at, source) VALUES (?, ?, ?, ?, ?, ?)',
        [learned.callId, vendor, learned.direction, learned.status, learned.startedAt, source],
      );
      existing = await lockRow();
      if (!existing) throw new Error(`call ${learned.callId} could not be recorded`);
    }
    const merged = mergeCallFacts(factsOf(existing), learned);
    Object.assign(existing, merged);
    if (!existing.customerId && merged.customerNumber) {
      existing.customerId = (await this.directory.byPhone(merged.customerNumber, em))?.customerId ?? null;
    }
    await em.save(existing);
    return existing;
  }

  get(callId: string): Promise<CallRecord | null> {
    return this.db.read((em) => em.findOne(CallRecord, { where: { callId } }));
  }

  /** From the writer: an agent acts right after a webhook, before a replica may have it. */
  getFresh(callId: string): Promise<CallRecord | null> {
    return this.db.transaction((em) => em.findOne(CallRecord, { where: { callId } }));
  }
}

function factsOf(record: CallRecord): CallFacts {
  return {
    callId: record.callId,
    direction: record.direction,
    status: record.status,
    customerNumber: record.customerNumber,
    agentId: record.agentId,
    startedAt: record.startedAt,
    answeredAt: record.answeredAt,
    endedAt: record.endedAt,
    durationSeconds: record.durationSeconds,
    hasRecording: record.hasRecording,
  };
}
