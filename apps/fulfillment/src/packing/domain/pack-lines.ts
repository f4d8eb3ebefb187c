import { DomainError } from '@harvest/platform/errors';

// The input a refusal is about travels as the problem's `field` member, as clients of this service read it.

export class NotPickedError extends DomainError {
  constructor(skuId: string, orderId: string, index: number) {
    super('unprocessable', 'not-picked', `${skuId} was not picked for order ${orderId}`, {
      extensions: { field: `lines[${index}].skuId` },
    });
  }
}

export class DuplicateLineError extends DomainError {
  constructor(skuId: string, index: number) {
    super('unprocessable', 'duplicate-line', `${skuId} is weighed twice`, {
      extensions: { field: `lines[${index}].skuId` },
    });
  }
}

export class UnweighedLinesError extends DomainError {
  constructor(missing: string[]) {
    super('unprocessable', 'unweighed-lines', `Weigh every picked line; missing ${missing.join(', ')}`, {
      extensions: { field: 'lines', missing },
    });
  }
}

/**
 * The packing bench's weights by SKU: every SKU picked for the order is weighed exactly once, and nothing
 * that was not picked.
 */
export function weighPickedLines(
  orderId: string,
  lines: ReadonlyArray<{ skuId: string; actualWeightGrams: number }>,
  pickedSkus: ReadonlySet<string>,
): Map<string, number> {
  const weights = new Map<string, number>();
  lines.forEach((line, index) => {
    if (!pickedSkus.has(line.skuId)) throw new NotPickedError(line.skuId, orderId, index);
    if (weights.has(line.skuId)) throw new DuplicateLineError(line.skuId, index);
    weights.set(line.skuId, line.actualWeightGrams);
  });
  const missing = [...pickedSkus].filter((skuId) => !weights.has(skuId)).sort();
  if (missing.length > 0) throw new UnweighedLinesError(missing);
  return weights;
}
