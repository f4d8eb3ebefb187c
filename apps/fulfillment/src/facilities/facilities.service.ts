import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { fitsColumn } from '@harvest/platform/http';
import { Injectable } from '@nestjs/common';
import { fulfillmentProblem, notFound } from '../problems';
import type { CreateCenterDto, CreateLocationsDto, CreateRoomDto } from './dto/create-facility.dto';
import type { SwitchRoomClassDto } from './dto/switch-room-class.dto';
import { FulfillmentCenter } from './entities/fulfillment-center.entity';
import { Location } from './entities/location.entity';
import { Room } from './entities/room.entity';
import { checkClassSwitch, isWithinRange, ROOM_RANGES } from './storage-rules';
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
      if (inserted.affectedRows === 0)
        throw fulfillmentProblem(409, 'center-exists', `Fulfillment center ${input.id} already exists`, {
          field: 'id',
        });
      return { id: input.id, name: input.name };
    });
  }

  async createRoom(fulfillmentCenterId: string, input: CreateRoomDto): Promise<RoomView> {
    if (!isWithinRange(input.temperatureClass, input.setpointCelsius)) {
      const range = ROOM_RANGES[input.temperatureClass];
      throw fulfillmentProblem(
        422,
        'setpoint-out-of-range',
        `A ${input.temperatureClass} room's setpoint must be within ${range.min}..${range.max} °C`,
        { field: 'setpointCelsius' },
      );
    }
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(FulfillmentCenter).existsBy({ id: fulfillmentCenterId })))
        throw notFound(`Fulfillment center ${fulfillmentCenterId}`);
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
      if (inserted.affectedRows === 0)
        throw fulfillmentProblem(409, 'room-exists', `Room ${input.id} already exists`, { field: 'id' });
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
    if (tooLong >= 0) {
      throw fulfillmentProblem(
        422,
        'location-id-too-long',
        `Room id and barcode together must be at most ${LOCATION_ID_LENGTH - 1} characters`,
        {
          field: `barcodes[${tooLong}]`,
        },
      );
    }
    return this.db.transaction(async (em) => {
      if (!(await em.getRepository(Room).existsBy({ id: roomId }))) throw notFound(`Room ${roomId}`);
      const taken = await em
        .getRepository(Location)
        .find({ where: barcodes.map((barcode) => ({ barcode })) });
      if (taken.length > 0) {
        throw fulfillmentProblem(
          409,
          'barcode-taken',
          `Barcodes already in use: ${taken
            .map((l) => l.barcode)
            .sort()
            .join(', ')}`,
          { field: 'barcodes' },
        );
      }
      const locations = barcodes.map((barcode) => ({ id: locationId(barcode), roomId, barcode }));
      try {
        await em.getRepository(Location).insert(locations);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        throw fulfillmentProblem(
          409,
          'barcode-taken',
          'A barcode is already in use (or differs from one in use only by case)',
          { field: 'barcodes' },
        );
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
      if (!room) throw notFound(`Room ${roomId}`);
      // Locking the room's stock rows keeps a put-away from slipping in between the check and the switch.
      const contents: Array<{ sku_id: string; temperature_class: TemperatureClass }> = await em.query(
        `SELECT lot.sku_id, s.temperature_class FROM lot_stock ls
           JOIN location loc ON loc.id = ls.location_id
           JOIN lot ON lot.id = ls.lot_id
           JOIN sku_snapshot s ON s.sku_id = lot.sku_id
         WHERE loc.room_id = ? AND ls.on_hand > 0 FOR UPDATE`,
        [roomId],
      );
      const verdict = checkClassSwitch(
        room,
        target,
        contents.map((c) => ({ skuId: c.sku_id, temperatureClass: c.temperature_class })),
      );
      if (!verdict.allowed) {
        const details: Record<typeof verdict.reason, string> = {
          not_segmented: `Room ${room.name} is not segmented; its class cannot change`,
          not_switchable: `A segmented room switches only between chilled and frozen (room is ${room.temperatureClass}, asked ${target.temperatureClass})`,
          setpoint_out_of_range: `Setpoint ${target.setpointCelsius} °C is outside the ${target.temperatureClass} range ${ROOM_RANGES[target.temperatureClass].min}..${ROOM_RANGES[target.temperatureClass].max} °C`,
          incompatible_stock: `Room ${room.name} still holds stock that does not tolerate ${target.temperatureClass}; move it out first`,
        };
        const status = verdict.reason === 'setpoint_out_of_range' ? 422 : 409;
        throw fulfillmentProblem(status, 'room-class-switch-refused', details[verdict.reason], {
          reason: verdict.reason,
          ...(verdict.reason === 'setpoint_out_of_range' ? { field: 'setpointCelsius' } : {}),
          ...(verdict.reason === 'incompatible_stock' ? { skuIds: verdict.skuIds } : {}),
        });
      }
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
