import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, ProblemResponses, Roles, type Principal } from '@harvest/platform/http';
import { ApiOkResponse } from '@nestjs/swagger';
import { Idempotent } from '@harvest/platform/idempotency';
import { pickerOf } from './domain/picker';
import { ConfirmPickDto, ScanBarcodeDto, ShortPickDto } from './dto/scan.dto';
import { NextTaskView, SCAN_STEP_REFUSALS, ScannerTaskView } from './dto/picking-views.dto';
import { PickingService } from './picking.service';

/**
 * The handheld scanner: next task → scan location → scan lot → confirm (or short). Every request carries an
 * Idempotency-Key (Wi-Fi in cold rooms drops answers), and the task's state machine also treats a repeat
 * of the step just done as success, for a retry under a new key. The device's token proves the center; the
 * picker identifies on the device with the badge they scanned, `X-Picker-Id` (domain/picker.ts), which is
 * recorded on the task and the order beside the device.
 */
@Controller('scanner/tasks')
@Roles('scanner')
@ProblemResponses({ 403: ['scanner-not-bound'] })
export class ScannerController {
  constructor(private readonly picking: PickingService) {}

  @Post('next')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: NextTaskView })
  @ProblemResponses({ 400: ['bad-picker-id'] })
  next(@CurrentPrincipal() principal: Principal, @Headers('x-picker-id') picker: string | undefined) {
    return this.picking.next(principal, pickerOf(principal.subject, picker));
  }

  @Post(':taskId/scan-location')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: ScannerTaskView })
  @ProblemResponses(SCAN_STEP_REFUSALS)
  scanLocation(
    @Param('taskId') taskId: string,
    @Body() body: ScanBarcodeDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.picking.step(
      taskId,
      { kind: 'scan_location', barcode: body.barcode },
      principal,
      pickerOf(principal.subject, picker),
    );
  }

  @Post(':taskId/scan-lot')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: ScannerTaskView })
  @ProblemResponses(SCAN_STEP_REFUSALS)
  scanLot(
    @Param('taskId') taskId: string,
    @Body() body: ScanBarcodeDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.picking.step(
      taskId,
      { kind: 'scan_lot', barcode: body.barcode },
      principal,
      pickerOf(principal.subject, picker),
    );
  }

  @Post(':taskId/confirm')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: ScannerTaskView })
  @ProblemResponses(SCAN_STEP_REFUSALS)
  confirm(
    @Param('taskId') taskId: string,
    @Body() body: ConfirmPickDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.picking.step(
      taskId,
      { kind: 'confirm', quantity: body.quantity },
      principal,
      pickerOf(principal.subject, picker),
    );
  }

  @Post(':taskId/short')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: ScannerTaskView })
  @ProblemResponses(SCAN_STEP_REFUSALS)
  short(
    @Param('taskId') taskId: string,
    @Body() body: ShortPickDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-picker-id') picker: string | undefined,
  ) {
    return this.picking.step(
      taskId,
      { kind: 'short', reason: body.reason, pickedQuantity: body.pickedQuantity ?? 0 },
      principal,
      pickerOf(principal.subject, picker),
    );
  }
}
