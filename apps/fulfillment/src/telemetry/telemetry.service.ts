import { excursionRaisedV1 } from '@harvest/contracts/fulfillment-excursion-raised';
import type { TemperatureReadingV1 } from '@harvest/contracts/fulfillment-temperature-reading';
import { Database } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AllocationService } from '../allocation/allocation.service';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment.config';
import { Room } from '../facilities/entities/room.entity';
import { isWithinRange } from '../facilities/domain/storage-rules';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import type { ExcursionQueryDto } from './dto/readings.dto';
import { Excursion } from './entities/excursion.entity';
import { assessReading } from './domain/excursion-detector';
import { UnknownRoomError } from './domain/unknown-room.error';

export interface RecordOutcome {
  stored: boolean;
  excursionId: string | null;
}

/**
 * Stores room readings as a time series and watches each room's run out of range: the reading that makes
 * the run longer than FULFILLMENT_EXCURSION_SECONDS raises one excursion, holds the room's lots and emits
 * fulfillment.excursion-raised, all in the reading's transaction under the room's row lock. Pick tasks on the
 * held lots that nobody has started are allocated again from other lots.
 */
@Injectable()
export class TelemetryService {
  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxWriter,
    private readonly allocation: AllocationService,
    private readonly counts: StockCountsService,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
  ) {}

  /** HTTP batch: applied oldest first in one transaction; an unknown room fails the whole batch (422 naming it). */
  async recordBatch(readings: TemperatureReadingV1[]): Promise<{ stored: number; excursionIds: string[] }> {
    const ordered = readings
      .map((r, index) => ({ r, index }))
      .sort((a, b) => a.r.recordedAt.localeCompare(b.r.recordedAt));
    return this.db.transaction(async (em) => {
      let stored = 0;
      const excursionIds: string[] = [];
      for (const { r, index } of ordered) {
        const outcome = await this.record(em, r, `readings[${index}].roomId`);
        if (outcome.stored) stored++;
        if (outcome.excursionId) excursionIds.push(outcome.excursionId);
      }
      return { stored, excursionIds };
    });
  }

  async record(em: EntityManager, reading: TemperatureReadingV1, field = 'roomId'): Promise<RecordOutcome> {
    const room = await em
      .getRepository(Room)
      .findOne({ where: { id: reading.roomId }, lock: { mode: 'pessimistic_write' } });
    if (!room) throw new UnknownRoomError(reading.roomId, field);
    const at = new Date(reading.recordedAt);
    const insert: { affectedRows: number } = await em.query(
      'INSERT IGNORE INTO temperature_reading (room_id, sensor_id, recorded_at, celsius) VALUES (?, ?, ?, ?)',
      [room.id, reading.sensorId, at, reading.celsius],
    );
    // The same reading again (a sensor gateway retry) is already in the series and in the room's state.
    if (insert.affectedRows === 0) return { stored: false, excursionId: null };
    const verdict = assessReading(
      {
        outOfRangeSince: room.outOfRangeSince,
        lastReadingAt: room.lastReadingAt,
        openExcursion: room.openExcursionId !== null,
      },
      { at, inRange: isWithinRange(room.temperatureClass, reading.celsius) },
      this.config.FULFILLMENT_EXCURSION_SECONDS * 1000,
    );
    if (verdict.kind === 'stale') return { stored: true, excursionId: null };
    let excursionId = room.openExcursionId;
    if (verdict.kind === 'in_range' && verdict.endsExcursion && excursionId) {
      await em.getRepository(Excursion).update({ id: excursionId }, { endedAt: at });
      excursionId = null;
    }
    let raised: string | null = null;
    if (verdict.kind === 'out_of_range' && verdict.raiseExcursion) {
      raised = await this.raise(em, room, verdict.state.outOfRangeSince!, at, reading.celsius);
      excursionId = raised;
    }
    await em.getRepository(Room).update(
      { id: room.id },
      {
        outOfRangeSince: verdict.state.outOfRangeSince,
        lastReadingAt: verdict.state.lastReadingAt,
        openExcursionId: excursionId,
      },
    );
    return { stored: true, excursionId: raised };
  }

  private async raise(
    em: EntityManager,
    room: Room,
    since: Date,
    detectedAt: Date,
    celsius: number,
  ): Promise<string> {
    const id = randomUUID();
    const lots: Array<{ id: string }> = await em.query(
      `SELECT DISTINCT lot.id FROM lot JOIN lot_stock ls ON ls.lot_id = lot.id JOIN location loc ON loc.id = ls.location_id
        WHERE loc.room_id = ? AND ls.on_hand > 0 ORDER BY lot.id FOR UPDATE`,
      [room.id],
    );
    const lotIds = lots.map((l) => l.id);
    if (lotIds.length > 0) {
      await em.query(
        `UPDATE lot SET qa_hold = 1, hold_reason = ? WHERE id IN (${lotIds.map(() => '?').join(', ')})`,
        [`excursion ${id} in ${room.name}`, ...lotIds],
      );
      await this.allocation.reallocateFromHeldLots(em, lotIds);
      await this.counts.announceLots(em, lotIds);
    }
    await em.getRepository(Excursion).insert({
      id,
      roomId: room.id,
      fulfillmentCenterId: room.fulfillmentCenterId,
      temperatureClass: room.temperatureClass,
      outOfRangeSince: since,
      detectedAt,
      endedAt: null,
      lastCelsius: celsius,
      lotsHeld: lotIds.length,
    });
    await this.outbox.append(em, excursionRaisedV1, {
      key: room.id,
      payload: {
        excursionId: id,
        roomId: room.id,
        fulfillmentCenterId: room.fulfillmentCenterId,
        temperatureClass: room.temperatureClass,
        outOfRangeSince: since.toISOString(),
        detectedAt: detectedAt.toISOString(),
        lastCelsius: celsius,
        heldLotIds: lotIds,
      },
    });
    return id;
  }

  async excursions(query: ExcursionQueryDto) {
    return this.db.read((em) =>
      em.getRepository(Excursion).find({
        where: {
          ...(query.fulfillmentCenterId ? { fulfillmentCenterId: query.fulfillmentCenterId } : {}),
          ...(query.roomId ? { roomId: query.roomId } : {}),
        },
        order: { detectedAt: 'DESC' },
        take: 200,
      }),
    );
  }
}
