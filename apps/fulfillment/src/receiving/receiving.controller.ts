import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { Idempotent } from '@harvest/platform/idempotency';
import { CreateExpectedDeliveryDto, ReceiveAgainstDeliveryDto } from './dto/expected-delivery.dto';
import { ExpectedDeliveryView, ReceiptView } from './dto/receiving-views.dto';
import { ReceivingService } from './receiving.service';

/**
 * Advance shipping notices from our farms (the office enters them) and receiving against them at the dock
 * (the center's scanners; admins too). Supervisors (agents bound to the center) may read them.
 */
@Controller('expected-deliveries')
export class ReceivingController {
  constructor(private readonly receiving: ReceivingService) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiCreatedResponse({ type: ExpectedDeliveryView })
  @ProblemResponses({
    404: ['not-found'],
    409: ['unknown-sku'],
    422: ['duplicate-delivery-line', 'harvest-after-delivery', 'lot-too-large'],
  })
  create(@Body() body: CreateExpectedDeliveryDto, @CurrentPrincipal() principal: Principal) {
    return this.receiving.create(body, principal);
  }

  @Get(':deliveryId')
  @Roles('admin', 'scanner', 'agent')
  @ApiOkResponse({ type: ExpectedDeliveryView })
  @ProblemResponses({ 404: ['not-found'] })
  get(@Param('deliveryId') deliveryId: string, @CurrentPrincipal() principal: Principal) {
    return this.receiving.get(deliveryId, principal);
  }

  /** One crate or pallet of a SKU: a lot, on QA hold when the dock temperature is out of range. */
  @Post(':deliveryId/receipts')
  @Roles('admin', 'scanner')
  @Idempotent()
  @ApiCreatedResponse({ type: ReceiptView })
  @ApiHeader({
    name: 'X-Picker-Id',
    required: false,
    description: 'the badge of the person at the handheld (recorded as who did it)',
  })
  @ProblemResponses({
    400: ['bad-picker-id'],
    404: ['not-found'],
    409: ['delivery-closed', 'unknown-sku', 'duplicate-lot-barcode'],
    422: ['harvest-date-required', 'harvest-after-delivery', 'expired-at-receipt', 'lot-too-large'],
  })
  receive(
    @Param('deliveryId') deliveryId: string,
    @Body() body: ReceiveAgainstDeliveryDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.receiving.receive(deliveryId, body, principal, picker);
  }

  /** Unloading finished: lines below their quantity become short; no more receipts. Closing again is a no-op. */
  @Post(':deliveryId/close')
  @HttpCode(200)
  @Roles('admin', 'scanner')
  @Idempotent()
  @ApiOkResponse({ type: ExpectedDeliveryView })
  @ApiHeader({
    name: 'X-Picker-Id',
    required: false,
    description: 'the badge of the person at the handheld (recorded as who did it)',
  })
  @ProblemResponses({ 400: ['bad-picker-id'], 404: ['not-found'] })
  close(
    @Param('deliveryId') deliveryId: string,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.receiving.close(deliveryId, principal, picker);
  }
}
