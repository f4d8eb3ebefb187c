import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { ClickToCallController } from './click-to-call.controller';
import { ClickToCallService } from './click-to-call.service';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationJob } from './reconciliation.job';
import { ReconciliationService } from './reconciliation.service';
import { CALL_CENTER_VENDOR } from './vendor/call-center-vendor.port';
import { vendorProviders } from './vendor/vendor.providers';

/**
 * The call log, kept in step with the call-center vendor: call records and their recordings, click-to-call,
 * and reconciliation against the vendor's list. The vendor adapter (one breaker per process) lives here and is
 * exported to the webhooks, which feed the same records.
 */
@Module({
  imports: [DirectoryModule],
  controllers: [CallsController, ClickToCallController, ReconciliationController],
  providers: [CallsService, ClickToCallService, ReconciliationService, ReconciliationJob, ...vendorProviders],
  exports: [CallsService, CALL_CENTER_VENDOR],
})
export class CallsModule {}
