import type { TemperatureClass } from '@harvest/contracts/produce';
import { RoomClassSwitchRefusedError, SetpointOutOfRangeError } from './facility-errors';

/** Acceptable air temperature per room class, °C (domain notes: frozen -18 and below, chilled 0-4, cool ~10). */
export const ROOM_RANGES: Record<TemperatureClass, { min: number; max: number }> = {
  frozen: { min: -30, max: -18 },
  chilled: { min: 0, max: 4 },
  cool: { min: 8, max: 13 },
  ambient: { min: 10, max: 25 },
};

/**
 * Room classes a SKU of each class may be stored in. Exact match, except that ambient goods also keep in a
 * cool room; chilled produce is ruined by freezing and cool fruit suffers chill injury, so neither moves down.
 */
const TOLERATED_ROOMS: Record<TemperatureClass, readonly TemperatureClass[]> = {
  frozen: ['frozen'],
  chilled: ['chilled'],
  cool: ['cool'],
  ambient: ['ambient', 'cool'],
};

export function skuFitsRoom(skuClass: TemperatureClass, roomClass: TemperatureClass): boolean {
  return TOLERATED_ROOMS[skuClass].includes(roomClass);
}

export function isWithinRange(roomClass: TemperatureClass, celsius: number): boolean {
  const range = ROOM_RANGES[roomClass];
  return celsius >= range.min && celsius <= range.max;
}

/** A new room's setpoint must lie in its class's range (SetpointOutOfRangeError otherwise). */
export function assertSetpointInRange(roomClass: TemperatureClass, setpointCelsius: number): void {
  if (!isWithinRange(roomClass, setpointCelsius))
    throw new SetpointOutOfRangeError(roomClass, ROOM_RANGES[roomClass]);
}

export type ClassSwitchVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'not_segmented' | 'not_switchable' | 'setpoint_out_of_range' }
  | { allowed: false; reason: 'incompatible_stock'; skuIds: string[] };

/**
 * A segmented room switches between chilled and frozen to follow demand, but only when empty or when
 * everything inside tolerates the new class. `contents` lists the class of each SKU with stock in the room.
 */
export function checkClassSwitch(
  room: { segmented: boolean; temperatureClass: TemperatureClass },
  target: { temperatureClass: TemperatureClass; setpointCelsius: number },
  contents: ReadonlyArray<{ skuId: string; temperatureClass: TemperatureClass }>,
): ClassSwitchVerdict {
  if (!room.segmented) return { allowed: false, reason: 'not_segmented' };
  const switchable: TemperatureClass[] = ['chilled', 'frozen'];
  if (!switchable.includes(room.temperatureClass) || !switchable.includes(target.temperatureClass)) {
    return { allowed: false, reason: 'not_switchable' };
  }
  if (!isWithinRange(target.temperatureClass, target.setpointCelsius))
    return { allowed: false, reason: 'setpoint_out_of_range' };
  const misfits = contents
    .filter((c) => !skuFitsRoom(c.temperatureClass, target.temperatureClass))
    .map((c) => c.skuId);
  if (misfits.length > 0)
    return { allowed: false, reason: 'incompatible_stock', skuIds: [...new Set(misfits)].sort() };
  return { allowed: true };
}

/** checkClassSwitch, refusing with RoomClassSwitchRefusedError (naming the reason, and the SKUs in the way). */
export function assertClassSwitch(
  room: { name: string; segmented: boolean; temperatureClass: TemperatureClass },
  target: { temperatureClass: TemperatureClass; setpointCelsius: number },
  contents: ReadonlyArray<{ skuId: string; temperatureClass: TemperatureClass }>,
): void {
  const verdict = checkClassSwitch(room, target, contents);
  if (!verdict.allowed)
    throw new RoomClassSwitchRefusedError(room, target, ROOM_RANGES[target.temperatureClass], verdict);
}
