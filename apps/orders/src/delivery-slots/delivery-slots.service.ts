import { Database, selectRows } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DeliverySlot } from './entities/delivery-slot.entity';
import { SlotFullError } from './domain/delivery-slot.errors';
import { chinaLocalToInstant } from './domain/slot-rules';

interface UpdateResult {
  affectedRows: number;
}

/** A window to offer in a zone on a date: times are China local, the cut-off in minutes before its start. */
export interface NewSlot {
  zoneId: string;
  date: string;
  windowStart: string;
  windowEnd: string;
  capacity: number;
  cutoffMinutesBefore: number;
}

/** Delivery windows per zone and date; capacity is taken and given back only by conditional UPDATEs. */
@Injectable()
export class DeliverySlotsService {
  constructor(private readonly db: Database) {}

  /** The windows of a zone from one date to another (both included), in order. */
  listWindows(zoneId: string, from: string, to: string): Promise<DeliverySlot[]> {
    return this.db.read((em) => this.list(em, zoneId, from, to));
  }

  /**
   * Offers a window (idempotent by zone, date and start: an existing one keeps its bookings) and returns it
   * as stored; null, with nothing written, when the zone does not exist.
   */
  create(slot: NewSlot): Promise<DeliverySlot | null> {
    const startsAt = chinaLocalToInstant(slot.date, slot.windowStart);
    const id = `${slot.zoneId}-${slot.date}-${slot.windowStart.replace(':', '')}`;
    return this.db.transaction(async (em) => {
      const zone = await em.query('SELECT id FROM delivery_zone WHERE id = ?', [slot.zoneId]);
      if (zone.length === 0) return null;
      await this.upsert(em, {
        id,
        zoneId: slot.zoneId,
        deliveryDate: slot.date,
        windowStart: slot.windowStart,
        windowEnd: slot.windowEnd,
        startsAt,
        cutoffAt: new Date(startsAt.getTime() - slot.cutoffMinutesBefore * 60_000),
        capacity: slot.capacity,
      });
      return this.find(em, id);
    });
  }

  async find(em: EntityManager, slotId: string): Promise<DeliverySlot | null> {
    return (await selectRows(em, DeliverySlot, 'id = ? LIMIT 1', [slotId]))[0] ?? null;
  }

  /** Takes one order's worth of capacity, atomically; a slot that filled up meanwhile gets 409. */
  async book(em: EntityManager, slotId: string, now: Date): Promise<void> {
    const result: UpdateResult = await em.query(
      'UPDATE delivery_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity AND cutoff_at > ?',
      [slotId, now],
    );
    if (result.affectedRows !== 1) throw new SlotFullError();
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
