import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CurrentPrincipal, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent, IDEMPOTENCY_KEY_PATTERN } from '@harvest/platform/idempotency';
import type { FastifyReply } from 'fastify';
import { DevicesService } from './devices.service';
import { assertMayManageDevices, IdempotencyKeyRequiredError } from './domain/device-rules';
import { EnrollDeviceDto } from './dto/enroll-device.dto';

/**
 * Scanner handhelds of one center, managed by its supervisors (agents bound to it) and admins. Enrollment
 * answers the device's client id and secret once (the secret is kept nowhere here), so it takes its
 * Idempotency-Key in its own table instead of @Idempotent(), which would store the answer, secret and all.
 */
@Controller('fulfillment-centers/:centerId/devices')
@Roles('agent', 'admin')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post()
  async enroll(
    @Param('centerId') centerId: string,
    @Body() body: EnrollDeviceDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    assertMayManageDevices(principal, centerId);
    if (!idempotencyKey || !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey))
      throw new IdempotencyKeyRequiredError();
    const enrolled = await this.devices.enroll({
      fulfillmentCenterId: centerId,
      body,
      idempotencyKey,
      enrolledBy: principal.subject,
    });
    reply.status(enrolled.created ? 201 : 200);
    // The answer holds a credential: no cache may keep it (RFC 6749 §5.1 asks the same of token responses).
    reply.header('cache-control', 'no-store');
    if (!enrolled.created) reply.header('idempotent-replayed', 'true');
    return { ...enrolled.device, clientId: enrolled.clientId, clientSecret: enrolled.clientSecret };
  }

  @Get()
  list(@Param('centerId') centerId: string, @CurrentPrincipal() principal: Principal) {
    assertMayManageDevices(principal, centerId);
    return this.devices.list(centerId);
  }

  @Post(':deviceId/disable')
  @HttpCode(200)
  @Idempotent()
  disable(
    @Param('centerId') centerId: string,
    @Param('deviceId') deviceId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    assertMayManageDevices(principal, centerId);
    return this.devices.disable(centerId, deviceId, principal.subject);
  }
}
