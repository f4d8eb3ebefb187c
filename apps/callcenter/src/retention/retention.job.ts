import { Database } from '@harvest/platform/database';
import { PeriodicJobProvider, sweepInBatches } from '@harvest/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../config/callcenter.config';
import { maskPhone } from '../directory/domain/phone';
import { retentionCutoffs } from './domain/retention-windows';

export interface RetentionReport {
  screenPopsDeleted: number;
  callNumbersMasked: number;
}

/**
 * Phone numbers are personal data kept only as long as they serve the call: screen pops (full number,
 * customer name, orders) are deleted after CALLCENTER_SCREEN_POP_RETENTION_HOURS; call records stay (agent
 * actions and tickets refer to them, reports count them) with their number masked (maskPhone: country, carrier
 * prefix, last four) after CALLCENTER_CALL_NUMBER_RETENTION_DAYS. Every instance runs it: each batch claims its
 * rows with FOR UPDATE SKIP LOCKED, so instances share the backlog and never wait on each other. A handled
 * row no longer matches (deleted, or masked and out of the number_in_clear index), so a run is idempotent.
 */
@Injectable()
export class RetentionJob extends PeriodicJobProvider<RetentionReport> {
  constructor(
    private readonly db: Database,
    @Inject(CALLCENTER_CONFIG) private readonly config: CallcenterConfig,
  ) {
    super({ name: 'Retention', everyMs: config.CALLCENTER_RETENTION_SWEEP_MS });
  }

  protected run(signal: AbortSignal): Promise<RetentionReport> {
    return this.sweepAll(new Date(), signal);
  }

  /** Applies retention as of `now` (or joins the run in progress in this process). */
  sweep(now: Date = new Date()): Promise<RetentionReport> {
    return this.job.runNow((signal) => this.sweepAll(now, signal));
  }

  private async sweepAll(now: Date, signal: AbortSignal): Promise<RetentionReport> {
    const batchSize = this.config.CALLCENTER_RETENTION_BATCH_SIZE;
    const { popsBefore, numbersBefore } = retentionCutoffs(now, {
      screenPopHours: this.config.CALLCENTER_SCREEN_POP_RETENTION_HOURS,
      callNumberDays: this.config.CALLCENTER_CALL_NUMBER_RETENTION_DAYS,
    });
    const screenPopsDeleted = await sweepInBatches(
      (limit) => this.db.transaction((em) => deleteScreenPops(em, popsBefore, limit)),
      {
        batchSize,
        signal,
        onBatch: (n, total) =>
          this.logger.log(
            `deleted ${n} screen pop(s) created before ${popsBefore.toISOString()}, ${total} in this run`,
          ),
      },
    );
    const callNumbersMasked = await sweepInBatches(
      (limit) => this.db.transaction((em) => maskCallNumbers(em, numbersBefore, limit)),
      {
        batchSize,
        signal,
        onBatch: (n, total) =>
          this.logger.log(
            `masked the number of ${n} call record(s) started before ${numbersBefore.toISOString()}, ${total} in this run`,
          ),
      },
    );
    return { screenPopsDeleted, callNumbersMasked };
  }
}

/** The claims, exported so the integration test can check their plans use the migration's indexes. */
export const claimScreenPopsSql = (limit: number) =>
  `SELECT id FROM screen_pop WHERE created_at < ? ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
export const claimClearNumbersSql = (limit: number) =>
  `SELECT call_id, customer_number FROM call_record WHERE number_in_clear = 1 AND started_at < ?
    ORDER BY started_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;

async function deleteScreenPops(em: EntityManager, before: Date, limit: number): Promise<number> {
  const rows: Array<{ id: string }> = await em.query(claimScreenPopsSql(limit), [before]);
  if (rows.length > 0) await em.query('DELETE FROM screen_pop WHERE id IN (?)', [rows.map((r) => r.id)]);
  return rows.length;
}

async function maskCallNumbers(em: EntityManager, before: Date, limit: number): Promise<number> {
  const rows: Array<{ call_id: string; customer_number: string }> = await em.query(
    claimClearNumbersSql(limit),
    [before],
  );
  if (rows.length === 0) return 0;
  // One statement per batch: CASE over the claimed ids, each number masked by the one maskPhone.
  const cases = rows.map(() => 'WHEN ? THEN ?').join(' ');
  await em.query(`UPDATE call_record SET customer_number = CASE call_id ${cases} END WHERE call_id IN (?)`, [
    ...rows.flatMap((r) => [r.call_id, maskPhone(r.customer_number)]),
    rows.map((r) => r.call_id),
  ]);
  return rows.length;
}
