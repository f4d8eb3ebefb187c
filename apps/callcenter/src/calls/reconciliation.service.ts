import { Database } from '@harvest/platform/database';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { factsOfRecord } from './domain/call-state';
import { CallsService } from './calls.service';
import { CallRecord } from './entities/call-record.entity';
import { CALL_CENTER_VENDOR, type CallCenterVendor } from './vendor/call-center-vendor.port';

export interface ReconciliationReport {
  from: string;
  to: string;
  examined: number;
  /** Calls we had never heard of: every webhook for them was lost. */
  created: number;
}

/** Webhooks are best effort: the vendor's call-record list is the truth we merge in (the merge is idempotent). */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger('Reconciliation');

  constructor(
    private readonly db: Database,
    private readonly calls: CallsService,
    @Inject(CALL_CENTER_VENDOR) private readonly vendor: CallCenterVendor,
  ) {}

  async reconcile(from: Date, to: Date): Promise<ReconciliationReport> {
    const records = await this.vendor.listCallRecords(from, to);
    let created = 0;
    for (const record of records) {
      await this.db.transaction(async (em) => {
        if (!(await em.findOne(CallRecord, { where: { callId: record.callId } }))) created += 1;
        await this.calls.apply(em, this.vendor.name, factsOfRecord(record), 'reconciliation');
      });
    }
    this.logger.log(
      `reconciled ${records.length} vendor call records from ${from.toISOString()} to ${to.toISOString()}; ${created} were missing`,
    );
    return { from: from.toISOString(), to: to.toISOString(), examined: records.length, created };
  }
}
