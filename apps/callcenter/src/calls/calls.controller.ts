import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { NotFoundError } from '@harvest/platform/errors';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { CALL_CENTER_VENDOR, type CallCenterVendor } from './vendor/call-center-vendor.port';
import { vendorRejectionAsProblem } from './vendor/vendor-problem';
import { callView } from './call-views';
import { CallsService } from './calls.service';
import { CallView, RecordingLinkView } from './dto/call-views.dto';
import { VENDOR_CALL } from './vendor/vendor-problem';

@Controller('calls')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    @Inject(CALL_CENTER_VENDOR) private readonly vendor: CallCenterVendor,
  ) {}

  @Get(':callId')
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: CallView })
  @ProblemResponses({ 404: ['not-found'] })
  async get(@CurrentPrincipal() viewer: Principal, @Param('callId') callId: string) {
    const call = await this.calls.get(callId);
    if (!call) throw new NotFoundError(`call ${callId}`);
    return callView(call, viewer);
  }

  /** A fresh link from the vendor on every request: links expire, so none is ever stored. */
  @Get(':callId/recording')
  @Roles('agent', 'admin')
  @ApiOkResponse({ type: RecordingLinkView })
  @ProblemResponses({ 404: ['not-found'] })
  @ProblemResponses(VENDOR_CALL)
  async recording(@Param('callId') callId: string) {
    const call = await this.calls.get(callId);
    if (!call) throw new NotFoundError(`call ${callId}`);
    const link = await this.vendor.recordingLink(callId).catch(vendorRejectionAsProblem);
    if (!link) throw new NotFoundError(`recording of call ${callId}`);
    return { callId, url: link.url, expiresAt: link.expiresAt.toISOString() };
  }
}
