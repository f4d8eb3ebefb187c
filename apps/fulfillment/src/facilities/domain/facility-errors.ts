import type { TemperatureClass } from '@harvest/contracts/produce';
import { DomainError } from '@harvest/platform/errors';
import type { ClassSwitchVerdict } from './storage-rules';

type Range = { min: number; max: number };

// The input a refusal is about travels as the problem's `field` member, as clients of this service read it.

export class CenterExistsError extends DomainError {
  constructor(id: string) {
    super('conflict', 'center-exists', `Fulfillment center ${id} already exists`, {
      extensions: { field: 'id' },
    });
  }
}

export class RoomExistsError extends DomainError {
  constructor(id: string) {
    super('conflict', 'room-exists', `Room ${id} already exists`, { extensions: { field: 'id' } });
  }
}

export class SetpointOutOfRangeError extends DomainError {
  constructor(temperatureClass: TemperatureClass, range: Range) {
    super(
      'unprocessable',
      'setpoint-out-of-range',
      `A ${temperatureClass} room's setpoint must be within ${range.min}..${range.max} °C`,
      { extensions: { field: 'setpointCelsius' } },
    );
  }
}

/** A location's id is the room id and the barcode: it must fit its column. */
export class LocationIdTooLongError extends DomainError {
  constructor(maxLength: number, field: string) {
    super(
      'unprocessable',
      'location-id-too-long',
      `Room id and barcode together must be at most ${maxLength - 1} characters`,
      { extensions: { field } },
    );
  }
}

export class BarcodeTakenError extends DomainError {
  /** Names the barcodes found in use; without them, a concurrent request or a case-only difference won. */
  constructor(taken?: readonly string[]) {
    super(
      'conflict',
      'barcode-taken',
      taken
        ? `Barcodes already in use: ${[...taken].sort().join(', ')}`
        : 'A barcode is already in use (or differs from one in use only by case)',
      { extensions: { field: 'barcodes' } },
    );
  }
}

type Refusal = Extract<ClassSwitchVerdict, { allowed: false }>;

/** A segmented room's class switch refused: a bad setpoint is unprocessable, anything else a conflict. */
export class RoomClassSwitchRefusedError extends DomainError {
  constructor(
    room: { name: string; temperatureClass: TemperatureClass },
    target: { temperatureClass: TemperatureClass; setpointCelsius: number },
    /** The target class's range. */
    range: Range,
    verdict: Refusal,
  ) {
    const details: Record<Refusal['reason'], string> = {
      not_segmented: `Room ${room.name} is not segmented; its class cannot change`,
      not_switchable: `A segmented room switches only between chilled and frozen (room is ${room.temperatureClass}, asked ${target.temperatureClass})`,
      setpoint_out_of_range: `Setpoint ${target.setpointCelsius} °C is outside the ${target.temperatureClass} range ${range.min}..${range.max} °C`,
      incompatible_stock: `Room ${room.name} still holds stock that does not tolerate ${target.temperatureClass}; move it out first`,
    };
    super(
      verdict.reason === 'setpoint_out_of_range' ? 'unprocessable' : 'conflict',
      'room-class-switch-refused',
      details[verdict.reason],
      {
        extensions: {
          reason: verdict.reason,
          ...(verdict.reason === 'setpoint_out_of_range' ? { field: 'setpointCelsius' } : {}),
          ...(verdict.reason === 'incompatible_stock' ? { skuIds: verdict.skuIds } : {}),
        },
      },
    );
  }
}
