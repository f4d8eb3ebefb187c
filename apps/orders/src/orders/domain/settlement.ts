import { weightPriceFen } from './pricing';

/** The part of an order line that settlement needs. */
export interface SettlementLine {
  skuId: string;
  soldBy: 'piece' | 'weight';
  reservedQuantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
}

export interface LineRefund {
  skuId: string;
  amountFen: number;
}

/**
 * What a short pick refunds: the missing pieces at the unit price, or the missing grams of a weighed line
 * at its price per 500 g, never more than the line cost.
 */
export function shortPickRefunds(lines: SettlementLine[], picked: ReadonlyMap<string, number>): LineRefund[] {
  const refunds: LineRefund[] = [];
  for (const line of lines) {
    const got = picked.get(line.skuId) ?? line.reservedQuantity;
    const missing = Math.max(0, line.reservedQuantity - got);
    if (missing === 0) continue;
    const amount =
      line.soldBy === 'piece' ? line.unitPriceFen * missing : weightPriceFen(line.unitPriceFen, missing);
    refunds.push({ skuId: line.skuId, amountFen: Math.min(amount, line.lineTotalFen) });
  }
  return refunds;
}

/**
 * Settles weighed lines from the packed weights: the customer paid for the estimate, so a lighter line is
 * refunded the difference and a heavier one is not charged extra (we carry the overweight). `billableGrams`
 * is what was charged for after any short pick (picked grams), so a short-picked line is not refunded twice.
 */
export function weightSettlementRefunds(
  lines: Array<SettlementLine & { billableGrams: number }>,
  actualGrams: ReadonlyMap<string, number>,
): LineRefund[] {
  const refunds: LineRefund[] = [];
  for (const line of lines) {
    const actual = actualGrams.get(line.skuId);
    if (line.soldBy !== 'weight' || actual === undefined || actual >= line.billableGrams) continue;
    const amount =
      weightPriceFen(line.unitPriceFen, line.billableGrams) - weightPriceFen(line.unitPriceFen, actual);
    if (amount > 0) refunds.push({ skuId: line.skuId, amountFen: amount });
  }
  return refunds;
}
