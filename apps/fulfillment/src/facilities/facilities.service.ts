import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { fitsColumn } from '@harvest/platform/http';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@harvest/platform/errors';
import type { CreateCenterDto, CreateLocationsDto, CreateRoomDto } from './dto/create-facility.dto';
import type { SwitchRoomClassDto } from './dto/switch-room-class.dto';
import { Facility } from './entities/facility.entity';
import { Location } from './entities/location.entity';
import { Room } from './entities/room.entity';
import {
  BarcodeTakenError,
  CenterExistsError,
  LocationIdTooLongError,
  RoomExistsError,
} from './domain/facility-errors';
import { assertClassSwitch, assertSetpointInRange, ROOM_RANGES } from './domain/storage-rules';
import type { TemperatureClass } from '@harvest/contracts/produce';

export interface RoomView {
  id: string;
  fulfillmentCenterId: string;
  name: string;
  temperatureClass: TemperatureClass;
  setpointCelsius: number;
  segmented: boolean;
  rangeCelsius: { min: number; max: number };
  locations: number;
}

function roomView(room: Room, locations: number): RoomView {
  return {
    id: room.id,
    fulfillmentCenterId: room.fulfillmentCenterId,
    name: room.name,
    temperatureClass: room.temperatureClass,
    setpointCelsius: room.setpointCelsius,
    segmented: room.segmented,
    rangeCelsius: ROOM_RANGES[room.temperatureClass],
    locations,
  };
}

/** The location table's id column, VARCHAR(64). */
const LOCATION_ID_LENGTH = 64;

/** Cold rooms and their bins: listing, and the class switch of a segmented room. */
@Injectable()
export class FacilitiesService {
  constructor(private readonly db: Database) {}

  async createCenter(input: CreateCenterDto): Promise<{ id: string; name: string }> {
    return this.db.transaction(async (em) => {
      const inserted: { affectedRows: number } = await em.query(
        'INSERT IGNORE INTO fulfillment_center (id, name) VALUES (?, ?)',
        [input.id, input.name],
      );
      if (inserted.affectedRows === 0) throw new CenterExistsError(input.id);
      return { id: input.id, name: input.name };
    });
  }

  async createRoom(fulfillmentCenterId: string, input: CreateRoomDto): Promise<RoomView> {
    assertSetpointInRange(input.temperatureClass, input.setpointCelsius);
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(Facility).existsBy({ id: fulfillmentCenterId })))
        throw new NotFoundError(`Fulfillment center ${fulfillmentCenterId}`);
      const inserted: { affectedRows: number } = await em.query(
        'INSERT IGNORE INTO room (id, fulfillment_center_id, name, temperature_class, setpoint_celsius, segmented) VALUES (?, ?, ?, ?, ?, ?)',
        [
          input.id,
          fulfillmentCenterId,
          input.name,
          input.temperatureClass,
          input.setpointCelsius,
          input.segmented,
        ],
      );
      if (inserted.affectedRows === 0) throw new RoomExistsError(input.id);
      return roomView(await em.getRepository(Room).findOneByOrFail({ id: input.id }), 0);
    });
  }

  /**
   * Labels bins in a room; a barcode already used anywhere is refused (409 naming it) and nothing is written.
   * A location's id is the room id and the barcode lower-cased: it must fit its VARCHAR(64) (422 naming the
   * barcode otherwise), and two barcodes that differ only by case, here or in a concurrent request, get the
   * same 409 from the unique keys.
   */
  async createLocations(
    roomId: string,
    input: CreateLocationsDto,
  ): Promise<{ roomId: string; locations: Array<{ id: string; barcode: string }> }> {
    const barcodes = [...new Set(input.barcodes)];
    const locationId = (barcode: string) => `${roomId}-${barcode.toLowerCase()}`;
    const tooLong = input.barcodes.findIndex(
      (barcode) => !fitsColumn(locationId(barcode), LOCATION_ID_LENGTH, (id) => id),
    );
    if (tooLong >= 0) throw new LocationIdTooLongError(LOCATION_ID_LENGTH, `barcodes[${tooLong}]`);
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(Room).existsBy({ id: roomId }))) throw new NotFoundError(`Room ${roomId}`);
      const taken = await em
        .getRepository(Location)
        .find({ where: barcodes.map((barcode) => ({ barcode })) });
      if (taken.length > 0) throw new BarcodeTakenError(taken.map((l) => l.barcode));
      const locations = barcodes.map((barcode) => ({ id: locationId(barcode), roomId, barcode }));
      try {
        await em.getRepository(Location).insert(locations);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        throw new BarcodeTakenError();
      }
      return { roomId, locations: locations.map(({ id, barcode }) => ({ id, barcode })) };
    });
  }

  async rooms(fulfillmentCenterId: string): Promise<RoomView[]> {
    return this.db.read(async (em) => {
      const rooms = await em
        .getRepository(Room)
        .find({ where: { fulfillmentCenterId }, order: { id: 'ASC' } });
      const counts: Array<{ room_id: string; n: string }> = await em.query(
        'SELECT l.room_id, COUNT(*) AS n FROM location l JOIN room r ON r.id = l.room_id WHERE r.fulfillment_center_id = ? GROUP BY l.room_id',
        [fulfillmentCenterId],
      );
      const byRoom = new Map(counts.map((c) => [c.room_id, Number(c.n)]));
      return rooms.map((room) => roomView(room, byRoom.get(room.id) ?? 0));
    });
  }

  /** Switches a segmented room's class; refused (409, naming the SKUs) while stock inside would not tolerate it. */
  async switchClass(roomId: string, target: SwitchRoomClassDto): Promise<RoomView> {
    return this.db.transaction(async (em) => {
      const room = await em
        .getRepository(Room)
        .findOne({ where: { id: roomId }, lock: { mode: 'pessimistic_write' } });
      if (!room) throw new NotFoundError(`Room ${roomId}`);
      // Locking the room's stock rows keeps a put-away from slipping in between the check and the switch.
      const contents: Array<{ sku_id: string; temperature_class: TemperatureClass }> = await em.query(
        `SELECT lot.sku_id, s.temperature_class FROM lot_stock ls
           JOIN location loc ON loc.id = ls.location_id
           JOIN lot ON lot.id = ls.lot_id
           JOIN sku_snapshot s ON s.sku_id = lot.sku_id
         WHERE loc.room_id = ? AND ls.on_hand > 0 FOR UPDATE`,
        [roomId],
      );
      assertClassSwitch(
        room,
        target,
        contents.map((c) => ({ skuId: c.sku_id, temperatureClass: c.temperature_class })),
      );
      room.temperatureClass = target.temperatureClass;
      room.setpointCelsius = target.setpointCelsius;
      // The old class's range no longer applies: the telemetry run starts over.
      room.outOfRangeSince = null;
      room.openExcursionId = null;
      await em.getRepository(Room).save(room);
      const locations = await em.getRepository(Location).countBy({ roomId });
      return roomView(room, locations);
    });
  }
}
