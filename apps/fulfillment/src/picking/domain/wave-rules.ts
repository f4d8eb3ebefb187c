import type { TemperatureClass } from '@harvest/contracts/produce';

/**
 * Order in which the zones of one delivery slot are picked: frozen last, so it leaves the freezer last and
 * spends the least time out of the cold; chilled just before it.
 */
const PICK_RANK: Record<TemperatureClass, number> = { ambient: 1, cool: 2, chilled: 3, frozen: 4 };

export function pickRank(zone: TemperatureClass): number {
  return PICK_RANK[zone];
}

/** One wave per center, delivery slot (date and window start) and temperature zone; the id is deterministic. */
export function waveId(
  fulfillmentCenterId: string,
  slotDate: string,
  windowStart: string,
  zone: TemperatureClass,
): string {
  return `wave-${fulfillmentCenterId}-${slotDate}-${windowStart.replace(':', '')}-${zone}`;
}
