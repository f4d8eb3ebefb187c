import { Roles } from '@harvest/platform/http';
import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ordersProblem } from '../problems';
import { DeliverySlotsService } from './delivery-slots.service';
import { CreateSlotDto, ListSlotsQueryDto } from './dto/delivery-slot.dto';
import type { DeliverySlot } from './entities/delivery-slot.entity';
import { addDays } from './slot-rules';

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
  async list(@Query() query: ListSlotsQueryDto) {
    const to = query.to ?? query.from;
    if (to < query.from || to > addDays(query.from, 14))
      throw ordersProblem(400, 'bad-date-range', 'to must be within 14 days after from', { field: 'to' });
    const now = new Date();
    const slots = await this.slots.listWindows(query.zoneId, query.from, to);
    return { slots: slots.map((s) => view(s, now)) };
  }

  @Post()
  @Roles('admin')
  async create(@Body() body: CreateSlotDto) {
    if (body.windowEnd <= body.windowStart)
      throw ordersProblem(400, 'bad-window', 'windowEnd must be after windowStart', { field: 'windowEnd' });
    const slot = await this.slots.create(body);
    if (!slot)
      throw ordersProblem(422, 'unknown-zone', `delivery zone ${body.zoneId} does not exist`, {
        field: 'zoneId',
      });
    return view(slot, new Date());
  }
}
