import { Database } from '@harvest/platform/database';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MysqlAdvisoryLease } from '@harvest/platform/events';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../config/callcenter-config';
import { ReconciliationService } from './reconciliation.service';


/**
 * Every interval, the one instance holding the lease (MySQL GET_LOCK on a dedicated connection, freed when
 * a holder dies) reconciles the lookback window.
 */
@Injectable()
export class ReconciliationJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReconciliationJob');
  private readonly lease: MysqlAdvisoryLease;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    db: Database,
    private readonly reconciliation: ReconciliationService,
    @Inject(CALLCENTER_CONFIG) private readonly config: CallcenterConfig,
  ) {
    // One lease per schema: test runs and demos side by side each have their own leader.
    this.lease = new MysqlAdvisoryLease(db.writer, `harvest.cc-reconcile.${String(db.writer.options.database)}`);
  }

  onApplicationBootstrap(): void {
    const interval = this.config.CALLCENTER_RECONCILE_INTERVAL_MS;
    if (interval === 0 || !this.config.CALLCENTER_VENDOR_BASE_URL) return;
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = null));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.lease.release();
  }

  /** Returns whether this instance was the leader and ran. */
  async tick(now: Date = new Date()): Promise<boolean> {
    try {
      if (!(await this.lease.holds())) return false;
      const from = new Date(now.getTime() - this.config.CALLCENTER_RECONCILE_LOOKBACK_MINUTES * 60_000);
      await this.reconciliation.reconcile(from, now);
      return true;
    } catch (error) {
      this.logger.warn(`reconciliation failed, will retry next interval: ${(error as Error).message}`);
      return false;
    }
  }
}
