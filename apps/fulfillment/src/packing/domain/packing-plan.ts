import type { TemperatureClass } from '@harvest/contracts/produce';

export type Packaging = 'insulated_box' | 'carton';
export type Coolant = 'none' | 'gel_pack' | 'dry_ice';

export interface PackingRules {
  coolantMinPercent: number;
  coolantMaxPercent: number;
  coolantMaxTransitHours: number;
  summerExtraPercent: number;
  insulatedBoxGrams: number;
  cartonGrams: number;
}

export interface PackedItem {
  skuId: string;
  temperatureClass: TemperatureClass;
  /** Net product weight as weighed at the packing bench. */
  grams: number;
}

export interface PlannedParcel {
  zone: 'frozen' | 'chilled' | 'dry';
  packaging: Packaging;
  coolant: Coolant;
  coolantGrams: number;
  productGrams: number;
  grossWeightGrams: number;
  skuIds: string[];
}

/**
 * Frozen and chilled goods never share a box (dry ice would freeze the greens); cool and ambient goods ride
 * together in a plain carton. Gel packs for chilled, dry ice for frozen.
 */
const ZONE_OF: Record<TemperatureClass, PlannedParcel['zone']> = {
  frozen: 'frozen',
  chilled: 'chilled',
  cool: 'dry',
  ambient: 'dry',
};
const BOX: Record<PlannedParcel['zone'], { packaging: Packaging; coolant: Coolant }> = {
  frozen: { packaging: 'insulated_box', coolant: 'dry_ice' },
  chilled: { packaging: 'insulated_box', coolant: 'gel_pack' },
  dry: { packaging: 'carton', coolant: 'none' },
};

/** June to September: hot months need more coolant. */
function isSummer(date: Date): boolean {
  const month = date.getUTCMonth() + 1;
  return month >= 6 && month <= 9;
}

/**
 * Coolant as a percentage of product weight: from the minimum for the shortest transit rising linearly to
 * the maximum at the configured longest transit, plus the summer extra, never above the maximum.
 */
export function coolantPercent(rules: PackingRules, transitHours: number, packedAt: Date): number {
  const share = Math.min(1, Math.max(0, transitHours / rules.coolantMaxTransitHours));
  const base = rules.coolantMinPercent + (rules.coolantMaxPercent - rules.coolantMinPercent) * share;
  return Math.min(rules.coolantMaxPercent, base + (isSummer(packedAt) ? rules.summerExtraPercent : 0));
}

/** One parcel per zone present, in the order frozen, chilled, dry. */
export function planParcels(
  items: ReadonlyArray<PackedItem>,
  rules: PackingRules,
  transitHours: number,
  packedAt: Date,
): PlannedParcel[] {
  const zones: Array<PlannedParcel['zone']> = ['frozen', 'chilled', 'dry'];
  const percent = coolantPercent(rules, transitHours, packedAt);
  return zones.flatMap((zone) => {
    const inZone = items.filter((item) => ZONE_OF[item.temperatureClass] === zone);
    if (inZone.length === 0) return [];
    const { packaging, coolant } = BOX[zone];
    const productGrams = inZone.reduce((sum, item) => sum + item.grams, 0);
    const coolantGrams = coolant === 'none' ? 0 : Math.ceil((productGrams * percent) / 100);
    const boxGrams = packaging === 'insulated_box' ? rules.insulatedBoxGrams : rules.cartonGrams;
    return [
      {
        zone,
        packaging,
        coolant,
        coolantGrams,
        productGrams,
        grossWeightGrams: productGrams + coolantGrams + boxGrams,
        skuIds: inZone.map((i) => i.skuId),
      },
    ];
  });
}
