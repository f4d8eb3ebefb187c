import { Roles } from '@harvest/platform/http';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { callcenterProblem } from '../problems';
import { vendorProblem } from '../vendor/vendor-problem';
import { RunReconciliationDto } from './run-reconciliation.dto';
import { ReconciliationService } from './reconciliation.service';

const MAX_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** Operators run a reconciliation now (after a vendor outage, say) for a window of their choosing. */
@Controller('reconciliations')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post()
  @HttpCode(200)
  @Roles('admin')
  async run(@Body() body: RunReconciliationDto) {
    const from = new Date(body.from);
    const to = body.to ? new Date(body.to) : new Date();
    if (to <= from) throw callcenterProblem(400, 'invalid-window', 'to must be after from', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw callcenterProblem(400, 'invalid-window', 'the window may span at most 7 days', { field: 'from' });
    return this.reconciliation.reconcile(from, to).catch((error: unknown) => {
      throw vendorProblem(error);
    });
  }
}
