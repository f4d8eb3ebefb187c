import { DomainError } from '@harvest/platform/errors';

export interface CountedLot {
  lotId: string;
  /** On hand in the bin when the count was submitted (never shown to the counter: the count is blind). */
  expected: number;
  counted: number;
}

export interface CountVerdict {
  expectedUnits: number;
  countedUnits: number;
  /** Sum over lots of |counted - expected|: a swap of two lots' labels is a variance too. */
  varianceUnits: number;
  needsApproval: boolean;
}

/**
 * Whether a bin's count is applied at once or waits for a supervisor: a variance above `thresholdPercent` of
 * what the bin should hold needs approval; any variance in a bin that should be empty does too (nothing to
 * take a percentage of). A count that matches is applied (nothing changes).
 */
export function assessCount(lines: readonly CountedLot[], thresholdPercent: number): CountVerdict {
  const expectedUnits = lines.reduce((sum, l) => sum + l.expected, 0);
  const countedUnits = lines.reduce((sum, l) => sum + l.counted, 0);
  const varianceUnits = lines.reduce((sum, l) => sum + Math.abs(l.counted - l.expected), 0);
  const needsApproval =
    varianceUnits > 0 && (expectedUnits === 0 || varianceUnits * 100 > thresholdPercent * expectedUnits);
  return { expectedUnits, countedUnits, varianceUnits, needsApproval };
}

/**
 * The lots of a blind count: every lot the counter scanned, and every lot the bin holds that they did not
 * (counted 0). `held` maps lot id to its on-hand in the bin.
 */
export function countLines(
  scanned: ReadonlyArray<{ lotId: string; counted: number }>,
  held: ReadonlyMap<string, number>,
): CountedLot[] {
  const lines = scanned.map((s) => ({
    lotId: s.lotId,
    expected: held.get(s.lotId) ?? 0,
    counted: s.counted,
  }));
  const seen = new Set(scanned.map((s) => s.lotId));
  for (const [lotId, onHand] of held)
    if (!seen.has(lotId) && onHand > 0) lines.push({ lotId, expected: onHand, counted: 0 });
  return lines.sort((a, b) => a.lotId.localeCompare(b.lotId));
}

export type CountStatus = 'applied' | 'pending-approval' | 'rejected';

export class CountNotPendingError extends DomainError {
  constructor(countId: string, status: CountStatus) {
    super('conflict', 'count-not-pending', `Cycle count ${countId} is ${status}, not waiting for approval`, {
      extensions: { status },
    });
  }
}

export function assertPending(countId: string, status: CountStatus): void {
  if (status !== 'pending-approval') throw new CountNotPendingError(countId, status);
}

/** One lot scanned twice in one count: which figure is the count? */
export class LotCountedTwiceError extends DomainError {
  constructor(index: number) {
    super(
      'unprocessable',
      'lot-counted-twice',
      `lines[${index}].lotBarcode is already counted in this count`,
      {
        field: `lines[${index}].lotBarcode`,
        extensions: { field: `lines[${index}].lotBarcode` },
      },
    );
  }
}

export function assertEachLotOnce(lotBarcodes: readonly string[]): void {
  const seen = new Set<string>();
  lotBarcodes.forEach((barcode, i) => {
    if (seen.has(barcode)) throw new LotCountedTwiceError(i);
    seen.add(barcode);
  });
}
