import type { SHORT_PICK_REASONS } from '@harvest/contracts/fulfillment-short-picked';

export type ShortReason = (typeof SHORT_PICK_REASONS)[number];

export interface FinishedTask {
  skuId: string;
  lotId: string | null;
  status: 'picked' | 'short';
  pickedQuantity: number;
  shortReason: ShortReason | null;
}

export interface LineOutcome {
  skuId: string;
  orderedQuantity: number;
  pickedQuantity: number;
  /** Set exactly when the line is short. */
  reason: ShortReason | null;
  /** Lots the line was picked from, in task order (FEFO). */
  lotIds: string[];
}

/**
 * What an order's finished tasks add up to, per line. A line is short when any of its tasks is; it then
 * reports fewer than ordered even if a weighed pick of the same line came in heavy (the contract requires
 * it, and the customer is refunded the missing part). A complete line reports the ordered figure: a weighed
 * line's real weight follows at packing.
 */
export function summarizePicking(
  lines: ReadonlyArray<{ skuId: string; orderedQuantity: number }>,
  tasks: ReadonlyArray<FinishedTask>,
): { short: boolean; lines: LineOutcome[] } {
  const outcomes = lines.map((line) => {
    const mine = tasks.filter((t) => t.skuId === line.skuId);
    const picked = mine.reduce((sum, t) => sum + t.pickedQuantity, 0);
    const reason = mine.find((t) => t.status === 'short')?.shortReason ?? null;
    const lotIds = [
      ...new Set(mine.filter((t) => t.lotId !== null && t.pickedQuantity > 0).map((t) => t.lotId!)),
    ];
    const pickedQuantity = reason ? Math.min(picked, line.orderedQuantity - 1) : line.orderedQuantity;
    return { skuId: line.skuId, orderedQuantity: line.orderedQuantity, pickedQuantity, reason, lotIds };
  });
  return { short: outcomes.some((o) => o.reason !== null), lines: outcomes };
}
