/** A lot's stock in one bin, as allocation sees it. Dates are local calendar dates, YYYY-MM-DD. */
export interface CandidateStock {
  lotId: string;
  locationId: string;
  expiryDate: string;
  receiptDate: string;
  qaHold: boolean;
  /** On hand minus already allocated. */
  available: number;
}

export interface AllocationRequest {
  /** Pieces, or grams for a weighed SKU. */
  quantity: number;
  /** Today at the fulfillment center: a lot whose expiry date is before it has expired. */
  today: string;
  /** The delivery date of the order's slot. */
  deliveryDate: string;
  /** From the SKU's category: days of shelf life the customer must still have on the delivery date. */
  minShelfLifeDaysAtDelivery: number;
}

export interface AllocationResult {
  picks: Array<{ lotId: string; locationId: string; quantity: number }>;
  /** What could not be allocated (0 when the line is complete). */
  shortQuantity: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from one local date to another (dates only, so no time-zone drift). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Why a lot may not serve this order, or null when it may. */
export function ineligibility(
  stock: CandidateStock,
  request: AllocationRequest,
): 'qa_hold' | 'expired' | 'short_shelf_life' | 'empty' | null {
  if (stock.available <= 0) return 'empty';
  if (stock.qaHold) return 'qa_hold';
  if (stock.expiryDate < request.today) return 'expired';
  if (daysBetween(request.deliveryDate, stock.expiryDate) < request.minShelfLifeDaysAtDelivery)
    return 'short_shelf_life';
  return null;
}

/**
 * FEFO: serve the line from the earliest-expiring eligible lots (ties: the oldest receipt, then ids, so the
 * result is deterministic), splitting across lots and bins when one is not enough. Held, expired and
 * short-dated lots are never used; whatever the eligible stock cannot cover is reported as short.
 */
export function allocateFefo(
  candidates: ReadonlyArray<CandidateStock>,
  request: AllocationRequest,
): AllocationResult {
  const eligible = candidates
    .filter((stock) => ineligibility(stock, request) === null)
    .sort(
      (a, b) =>
        a.expiryDate.localeCompare(b.expiryDate) ||
        a.receiptDate.localeCompare(b.receiptDate) ||
        a.lotId.localeCompare(b.lotId) ||
        a.locationId.localeCompare(b.locationId),
    );
  const picks: AllocationResult['picks'] = [];
  let remaining = request.quantity;
  for (const stock of eligible) {
    if (remaining === 0) break;
    const take = Math.min(stock.available, remaining);
    picks.push({ lotId: stock.lotId, locationId: stock.locationId, quantity: take });
    remaining -= take;
  }
  return { picks, shortQuantity: remaining };
}
