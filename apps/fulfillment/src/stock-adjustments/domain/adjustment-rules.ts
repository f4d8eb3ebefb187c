import type { TemperatureClass } from '@harvest/contracts/produce';
import { DomainError } from '@harvest/platform/errors';
import { skuFitsRoom } from '../../facilities/domain/storage-rules';
import { WrongTemperatureZoneError } from '../../stock/domain/stock-errors';

/** Why stock changed by hand. `count` is a cycle count's correction, written by the count, not by a caller. */
export const ADJUSTMENT_REASONS = ['spoilage', 'damage', 'qa-discard', 'found'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
export type LedgerReason = AdjustmentReason | 'count';

/** Reasons that are waste: what the waste report sums. */
export const WASTE_REASONS: readonly LedgerReason[] = ['spoilage', 'damage', 'qa-discard'];

/** Found stock comes in; spoilt, damaged and discarded stock goes out. */
export function adjustmentDelta(reason: AdjustmentReason, quantity: number): number {
  return reason === 'found' ? quantity : -quantity;
}

/** A QA discard is QA's decision: a scanner reports spoilage or damage, a supervisor discards. */
export class ReasonNotForScannerError extends DomainError {
  constructor(reason: string) {
    super('forbidden', 'reason-not-for-scanner', `A scanner may not adjust stock for ${reason}`, {
      field: 'reason',
      extensions: { field: 'reason' },
    });
  }
}

export function assertReasonAllowed(reason: AdjustmentReason, isScannerOnly: boolean): void {
  if (isScannerOnly && reason === 'qa-discard') throw new ReasonNotForScannerError(reason);
}

/** Stock promised to pick tasks stays: a change may not take a bin below what is allocated in it. */
export class BelowAllocatedError extends DomainError {
  constructor(what: string, bin: { onHand: number; allocated: number }, field: string) {
    super(
      'conflict',
      'below-allocated',
      `${what}: ${bin.allocated} of the ${bin.onHand} in the bin are allocated to pick tasks; pick or short them first`,
      { field, extensions: { field, onHand: bin.onHand, allocated: bin.allocated } },
    );
  }
}

/** More taken out of a bin than it holds of the lot. */
export class NotEnoughInBinError extends DomainError {
  constructor(what: string, onHand: number, field: string) {
    super('conflict', 'not-enough-in-bin', `${what}: the bin holds ${onHand} of this lot`, {
      field,
      extensions: { field, onHand },
    });
  }
}

/**
 * The bin's on-hand after a change of `delta`; refuses one that would take out more than the bin holds of
 * the lot, or leave less than is allocated.
 */
export function adjustedOnHand(
  bin: { onHand: number; allocated: number },
  delta: number,
  what: string,
  field = 'quantity',
): number {
  const after = bin.onHand + delta;
  if (after < 0) throw new NotEnoughInBinError(what, bin.onHand, field);
  if (after < bin.allocated) throw new BelowAllocatedError(what, bin, field);
  return after;
}

export class SameLocationError extends DomainError {
  constructor() {
    super('unprocessable', 'same-location', 'toLocationBarcode is the bin the stock is in', {
      field: 'toLocationBarcode',
      extensions: { field: 'toLocationBarcode' },
    });
  }
}

/**
 * A move (bin to bin, or room to room) goes only into a room the SKU tolerates, as put-away does: chilled
 * greens never into a freezer. Only unallocated stock moves; the count stays the same.
 */
export function assertMove(
  sku: { skuId: string; name: string; temperatureClass: TemperatureClass },
  from: { locationId: string; onHand: number; allocated: number },
  to: { locationId: string; room: { id: string; name: string; temperatureClass: TemperatureClass } },
  quantity: number,
): void {
  if (from.locationId === to.locationId) throw new SameLocationError();
  if (!skuFitsRoom(sku.temperatureClass, to.room.temperatureClass))
    throw new WrongTemperatureZoneError(sku, to.room);
  adjustedOnHand(from, -quantity, 'Moving that much', 'quantity');
}
