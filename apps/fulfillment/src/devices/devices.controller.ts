import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Idempotent, IDEMPOTENCY_KEY_PATTERN } from '@harvest/platform/idempotency';
import type { FastifyReply } from 'fastify';
import { DevicesService } from './devices.service';
import { assertMayManageDevices, IdempotencyKeyRequiredError } from './domain/device-rules';
import { DeviceView, EnrolledDeviceView } from './dto/device-views.dto';
import { EnrollDeviceDto } from './dto/enroll-device.dto';

/**
 * Scanner handhelds of one center, managed by its supervisors (agents bound to it) and admins. Enrollment
 * answers the device's client id and secret once (the secret is kept nowhere here), so it takes its
 * Idempotency-Key in its own table instead of @Idempotent(), which would store the answer, secret and all.
 */
@Controller('fulfillment-centers/:centerId/devices')
@Roles('agent', 'admin')
@ProblemResponses({ 403: ['not-center-supervisor'], 404: ['not-found'] })
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post()
  // Idempotency-Key is required (400 idempotency-key-required without one), yet the released document has it
  // optional, as the header was first described: saying so is a breaking change until the next release.
  @ApiCreatedResponse({ type: EnrolledDeviceView, description: 'Enrolled; the secret is shown this once.' })
  @ApiOkResponse({
    type: EnrolledDeviceView,
    description: 'A retry (Idempotent-Replayed: true), with a new secret.',
  })
  @ProblemResponses({
    400: ['idempotency-key-required'],
    409: ['enrollment-in-progress', 'device-disabled'],
    422: ['device-enrollment-off', 'idempotency-key-reused'],
    503: ['device-issuer-unavailable', 'device-registration-refused'],
  })
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
  @ApiOkResponse({ type: [DeviceView] })
  list(@Param('centerId') centerId: string, @CurrentPrincipal() principal: Principal) {
    assertMayManageDevices(principal, centerId);
    return this.devices.list(centerId);
  }

  @Post(':deviceId/disable')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: DeviceView })
  @ProblemResponses({ 503: ['device-issuer-unavailable'] })
  disable(
    @Param('centerId') centerId: string,
    @Param('deviceId') deviceId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    assertMayManageDevices(principal, centerId);
    return this.devices.disable(centerId, deviceId, principal.subject);
  }
}
