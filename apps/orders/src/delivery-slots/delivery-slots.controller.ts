import { ProblemResponses, Roles } from '@harvest/platform/http';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { DeliverySlotsService } from './delivery-slots.service';
import { CreateSlotDto, ListSlotsQueryDto } from './dto/delivery-slot.dto';
import type { DeliverySlot } from './entities/delivery-slot.entity';
import { BadDateRangeError, BadWindowError, UnknownDeliveryZoneError } from './domain/delivery-slot.errors';
import { addDays, checkOfferableDate } from './domain/slot-rules';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { DeliverySlotListView, DeliverySlotView } from './dto/delivery-slot-views.dto';

/** The longest range of days one listing may ask for. */
const MAX_LISTING_DAYS = 14;

const view = (slot: DeliverySlot, now: Date) => ({
  id: slot.id,
  zoneId: slot.zoneId,
  date: slot.deliveryDate,
  windowStart: slot.windowStart,
  windowEnd: slot.windowEnd,
  cutoffAt: slot.cutoffAt.toISOString(),
  remaining: Math.max(0, slot.capacity - slot.booked),
  bookable: slot.booked < slot.capacity && slot.cutoffAt > now,
});

@Controller('delivery-slots')
export class DeliverySlotsController {
  constructor(private readonly slots: DeliverySlotsService) {}

  /** Anyone signed in can see the windows of a zone (up to 14 days from `from`). */
  @Get()
  @ApiOkResponse({ type: DeliverySlotListView })
  @ProblemResponses({ 400: ['bad-date-range'] })
  async list(@Query() query: ListSlotsQueryDto) {
    const to = query.to ?? query.from;
    if (to < query.from || to > addDays(query.from, MAX_LISTING_DAYS))
      throw new BadDateRangeError(MAX_LISTING_DAYS);
    const now = new Date();
    const slots = await this.slots.listWindows(query.zoneId, query.from, to);
    return { slots: slots.map((s) => view(s, now)) };
  }

  @Post()
  @ApiCreatedResponse({ type: DeliverySlotView })
  @ProblemResponses({ 400: ['bad-window', 'slot-date-out-of-range'], 422: ['unknown-zone'] })
  @Roles('admin')
  async create(@Body() body: CreateSlotDto) {
    if (body.windowEnd <= body.windowStart) throw new BadWindowError();
    checkOfferableDate(body.date, new Date());
    const slot = await this.slots.create(body);
    if (!slot) throw new UnknownDeliveryZoneError(body.zoneId);
    return view(slot, new Date());
  }
}
