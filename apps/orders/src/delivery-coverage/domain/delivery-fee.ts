/** A zone's delivery price: a flat fee, waived from a basket value on (null: never waived). */
export interface ZoneDeliveryFee {
  deliveryFeeFen: number;
  freeDeliveryFromFen: number | null;
}

/** The fee for goods worth `goodsFen`: free at or above the zone's threshold, else the zone's fee. */
export function deliveryFeeFor(zone: ZoneDeliveryFee, goodsFen: number): number {
  if (zone.freeDeliveryFromFen !== null && goodsFen >= zone.freeDeliveryFromFen) return 0;
  return zone.deliveryFeeFen;
}

/** How much more would make delivery free; null when it never is, 0 when it already is. */
export function shortOfFreeDeliveryFen(zone: ZoneDeliveryFee, goodsFen: number): number | null {
  if (zone.freeDeliveryFromFen === null) return null;
  return Math.max(0, zone.freeDeliveryFromFen - goodsFen);
}
