import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { Idempotent } from '@harvest/platform/idempotency';
import { Body, Controller, Headers, Post } from '@nestjs/common';
import { callView } from './call-views';
import { ClickToCallService } from './click-to-call.service';
import { CallView } from './dto/call-views.dto';
import { ClickToCallDto } from './dto/click-to-call.dto';
import { VENDOR_CALL, vendorRejectionAsProblem } from './vendor/vendor-problem';

/** An agent calls a customer back: the vendor rings the agent's phone, then the customer's. */
@Controller('click-to-call')
export class ClickToCallController {
  constructor(private readonly clickToCall: ClickToCallService) {}

  @Post()
  @Idempotent()
  @Roles('agent')
  @ApiCreatedResponse({ type: CallView, description: 'The outbound call, ringing the agent first.' })
  @ProblemResponses({ 404: ['not-found'] })
  @ProblemResponses(VENDOR_CALL)
  async call(
    @CurrentPrincipal() agent: Principal,
    @Body() body: ClickToCallDto,
    @Headers('idempotency-key') idempotencyKey: string,
  ) {
    // @Idempotent() has already refused a request without a well-formed key.
    const call = await this.clickToCall
      .call(agent.subject, body.customerId, idempotencyKey)
      .catch(vendorRejectionAsProblem);
    return callView(call, agent);
  }
}
