import type { TemperatureClass } from '@harvest/contracts/produce';
import { skuFitsRoom } from '../../facilities/domain/storage-rules';
import { addDays } from '../../shared/domain/local-date';
import {
  ExpiredAtReceiptError,
  HarvestAfterDeliveryError,
  HarvestDateRequiredError,
} from './receiving-errors';

/**
 * What produce of each class may measure at the dock (probe in the crate), °C: the room's range widened by
 * what a crate may gain on a refrigerated truck and still be sound. Outside it the lot is taken in on QA
 * hold, not refused: QA decides whether it is sold.
 */
export const DOCK_RANGES: Record<TemperatureClass, { min: number; max: number }> = {
  frozen: { min: -40, max: -15 },
  chilled: { min: 0, max: 5 },
  cool: { min: 5, max: 15 },
  ambient: { min: 2, max: 30 },
};

export type DockVerdict = { inRange: true } | { inRange: false; holdReason: string };

export function dockTemperatureVerdict(skuClass: TemperatureClass, celsius: number): DockVerdict {
  const { min, max } = DOCK_RANGES[skuClass];
  if (celsius >= min && celsius <= max) return { inRange: true };
  return {
    inRange: false,
    holdReason: `dock temperature ${celsius} °C outside ${skuClass} range ${min}..${max} °C`,
  };
}

/**
 * A received lot's expiry: its harvest date plus the SKU's shelf life. The harvest date is the notice's line
 * (or, for a SKU the farm did not announce, the one on the crate); produce already past it is refused.
 */
export function harvestedLotExpiry(
  harvest: { lineHarvestDate: string | null; crateHarvestDate?: string; skuId: string },
  shelfLifeDays: number,
  receiptDate: string,
): { harvestDate: string; expiryDate: string } {
  const harvestDate = harvest.lineHarvestDate ?? harvest.crateHarvestDate;
  if (!harvestDate) throw new HarvestDateRequiredError(harvest.skuId);
  if (harvestDate > receiptDate) throw new HarvestAfterDeliveryError('harvestDate');
  const expiryDate = addDays(harvestDate, shelfLifeDays);
  if (expiryDate < receiptDate) throw new ExpiredAtReceiptError(expiryDate);
  return { harvestDate, expiryDate };
}

/** The notice's lines: harvested on or before the expected delivery date. */
export function assertHarvestBeforeDelivery(
  expectedOn: string,
  lines: ReadonlyArray<{ harvestDate: string }>,
): void {
  lines.forEach((line, i) => {
    if (line.harvestDate > expectedOn) throw new HarvestAfterDeliveryError(`lines[${i}].harvestDate`);
  });
}

export type LineStatus = 'pending' | 'complete' | 'short' | 'over' | 'unexpected';

/**
 * Where a line stands: unexpected (not on the notice), over or complete by what came; while the delivery is
 * open a line below its quantity is pending, once closed it is short.
 */
export function lineStatus(expected: number, received: number, closed: boolean): LineStatus {
  if (expected === 0) return 'unexpected';
  if (received > expected) return 'over';
  if (received === expected) return 'complete';
  return closed ? 'short' : 'pending';
}

export interface CandidateBin {
  barcode: string;
  roomId: string;
  roomName: string;
  roomClass: TemperatureClass;
  /** On hand of the SKU being put away, in this bin. */
  skuOnHand: number;
  /** On hand of anything, in this bin. */
  onHand: number;
}

/**
 * Bins to suggest for put-away, best first: only rooms the SKU tolerates, its own class before a tolerated
 * one (ambient goods in a cool room only when no ambient bin fits), bins already holding the SKU (one face
 * to pick from), then empty bins, then the rest; by barcode within each.
 */
export function suggestPutAway(
  skuClass: TemperatureClass,
  bins: readonly CandidateBin[],
  limit = 3,
): CandidateBin[] {
  const rank = (bin: CandidateBin) =>
    (bin.roomClass === skuClass ? 0 : 10) + (bin.skuOnHand > 0 ? 0 : bin.onHand === 0 ? 1 : 2);
  return bins
    .filter((bin) => skuFitsRoom(skuClass, bin.roomClass))
    .sort((a, b) => rank(a) - rank(b) || a.barcode.localeCompare(b.barcode))
    .slice(0, limit);
}
