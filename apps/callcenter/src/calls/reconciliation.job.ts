import { Database } from '@harvest/platform/database';
import { MysqlAdvisoryLease } from '@harvest/platform/events';
import { PeriodicJobProvider } from '@harvest/platform/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../config/callcenter.config';
import { ReconciliationService } from './reconciliation.service';

/**
 * Every interval, the one instance holding the lease (MySQL GET_LOCK on a dedicated connection, freed when
 * a holder dies) reconciles the lookback window. Off without a vendor: there is no list to read.
 */
@Injectable()
export class ReconciliationJob extends PeriodicJobProvider<boolean> {
  private readonly lease: MysqlAdvisoryLease;

  constructor(
    db: Database,
    private readonly reconciliation: ReconciliationService,
    @Inject(CALLCENTER_CONFIG) private readonly config: CallcenterConfig,
  ) {
    super({
      name: 'ReconciliationJob',
      everyMs: config.CALLCENTER_VENDOR_BASE_URL ? config.CALLCENTER_RECONCILE_INTERVAL_MS : 0,
    });
    // One lease per schema: test runs and demos side by side each have their own leader.
    this.lease = new MysqlAdvisoryLease(
      db.writer,
      `harvest.cc-reconcile.${String(db.writer.options.database)}`,
    );
  }

  protected run(): Promise<boolean> {
    return this.reconcileIfLeader(new Date());
  }

  /** The run in progress finishes before the lease is given up. */
  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    await this.lease.release();
  }

  /** Runs one round now (or joins the one in progress); resolves whether this instance was the leader and ran. */
  tick(now: Date = new Date()): Promise<boolean> {
    return this.job.runNow(() => this.reconcileIfLeader(now));
  }

  private async reconcileIfLeader(now: Date): Promise<boolean> {
    if (!(await this.lease.holds())) return false;
    const from = new Date(now.getTime() - this.config.CALLCENTER_RECONCILE_LOOKBACK_MINUTES * 60_000);
    await this.reconciliation.reconcile(from, now);
    return true;
  }
}
