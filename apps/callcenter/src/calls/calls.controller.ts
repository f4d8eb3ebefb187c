import { CurrentPrincipal, Roles, type Principal } from '@harvest/platform/http';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { notFound } from '../problems';
import { CALL_CENTER_VENDOR, type CallCenterVendor } from '../vendor/call-center-vendor.port';
import { vendorProblem } from '../vendor/vendor-problem';
import { callView } from './call-views';
import { CallsService } from './calls.service';

@Controller('calls')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    @Inject(CALL_CENTER_VENDOR) private readonly vendor: CallCenterVendor,
  ) {}

  @Get(':callId')
  @Roles('agent', 'admin')
  async get(@CurrentPrincipal() viewer: Principal, @Param('callId') callId: string) {
    const call = await this.calls.get(callId);
    if (!call) throw notFound(`call ${callId}`);
    return callView(call, viewer);
  }

  /** A fresh link from the vendor on every request: links expire, so none is ever stored. */
  @Get(':callId/recording')
  @Roles('agent', 'admin')
  async recording(@Param('callId') callId: string) {
    const call = await this.calls.get(callId);
    if (!call) throw notFound(`call ${callId}`);
    const link = await this.vendor.recordingLink(callId).catch((error: unknown) => {
      throw vendorProblem(error);
    });
    if (!link) throw notFound(`recording of call ${callId}`);
    return { callId, url: link.url, expiresAt: link.expiresAt.toISOString() };
  }
}
