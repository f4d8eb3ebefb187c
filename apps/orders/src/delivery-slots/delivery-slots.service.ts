import { selectRows } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ordersProblem } from '../problems';
import { DeliverySlot } from './entities/delivery-slot.entity';

interface UpdateResult {
  affectedRows: number;
}

/** Delivery windows per zone and date; capacity is taken and given back only by conditional UPDATEs. */
@Injectable()
export class DeliverySlotsService {
  async find(em: EntityManager, slotId: string): Promise<DeliverySlot | null> {
    return (await selectRows(em, DeliverySlot, 'id = ? LIMIT 1', [slotId]))[0] ?? null;
  }

  /** Takes one order's worth of capacity, atomically; a slot that filled up meanwhile gets 409. */
  async book(em: EntityManager, slotId: string, now: Date): Promise<void> {
    const result: UpdateResult = await em.query(
      'UPDATE delivery_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity AND cutoff_at > ?',
      [slotId, now],
    );
    if (result.affectedRows !== 1)
      throw ordersProblem(409, 'slot-full', 'the delivery slot is full; choose another window', {
        field: 'slotId',
      });
  }

  async release(em: EntityManager, slotId: string): Promise<void> {
    await em.query('UPDATE delivery_slot SET booked = IF(booked > 0, booked - 1, 0) WHERE id = ?', [slotId]);
  }

  list(em: EntityManager, zoneId: string, from: string, to: string): Promise<DeliverySlot[]> {
    return em
      .getRepository(DeliverySlot)
      .createQueryBuilder('s')
      .where('s.zone_id = :zoneId AND s.delivery_date BETWEEN :from AND :to', { zoneId, from, to })
      .orderBy('s.delivery_date')
      .addOrderBy('s.window_start')
      .getMany();
  }

  /** Creates a slot unless that window exists (idempotent by zone, date and start). */
  async upsert(em: EntityManager, slot: Omit<DeliverySlot, 'booked'>): Promise<void> {
    await em.query(
      `INSERT INTO delivery_slot (id, zone_id, delivery_date, window_start, window_end, starts_at, cutoff_at, capacity, booked)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
       ON DUPLICATE KEY UPDATE capacity = GREATEST(VALUES(capacity), booked), window_end = VALUES(window_end), cutoff_at = VALUES(cutoff_at)`,
      [
        slot.id,
        slot.zoneId,
        slot.deliveryDate,
        slot.windowStart,
        slot.windowEnd,
        slot.startsAt,
        slot.cutoffAt,
        slot.capacity,
      ],
    );
  }
}
