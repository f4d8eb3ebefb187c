import { ProblemResponses, Roles } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { requireReconcilableWindow } from './domain/reconciliation-window';
import { ReconciliationReportView } from './dto/call-views.dto';
import { RunReconciliationDto } from './dto/run-reconciliation.dto';
import { ReconciliationService } from './reconciliation.service';
import { VENDOR_CALL, vendorRejectionAsProblem } from './vendor/vendor-problem';

/** Operators run a reconciliation now (after a vendor outage, say) for a window of their choosing. */
@Controller('reconciliations')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: ReconciliationReportView })
  @ProblemResponses({ 400: ['invalid-window'] })
  @ProblemResponses(VENDOR_CALL)
  async run(@Body() body: RunReconciliationDto) {
    const from = new Date(body.from);
    const to = body.to ? new Date(body.to) : new Date();
    requireReconcilableWindow(from, to);
    return this.reconciliation.reconcile(from, to).catch(vendorRejectionAsProblem);
  }
}
