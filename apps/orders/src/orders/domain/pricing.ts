import { PRICE_UNIT_GRAMS, type SoldBy, type TemperatureClass } from '@harvest/contracts/produce';
import { MAX_ORDER_TOTAL_FEN } from './order-limits';

export interface PricedSku {
  skuId: string;
  name: string;
  status: 'draft' | 'active' | 'archived';
  soldBy: SoldBy;
  priceFen: number;
  temperatureClass: TemperatureClass;
}

export interface RequestedLine {
  skuId: string;
  quantity?: number;
  estimatedWeightGrams?: number;
}

export interface PricedLine {
  lineNo: number;
  skuId: string;
  name: string;
  soldBy: SoldBy;
  temperatureClass: TemperatureClass;
  quantity: number | null;
  estimatedWeightGrams: number | null;
  /** Stock units to reserve: pieces, or grams for a weighed SKU. */
  reservedQuantity: number;
  unitPriceFen: number;
  lineTotalFen: number;
}

/** A problem with one requested line; `field` is its path in the request body. */
export interface LineProblem {
  field: string;
  message: string;
}

/** Price of some grams of a weighed SKU priced per 500 g, rounded half up to the fen (integers only). */
export function weightPriceFen(pricePer500gFen: number, grams: number): number {
  return Math.floor((pricePer500gFen * grams * 2 + PRICE_UNIT_GRAMS) / (2 * PRICE_UNIT_GRAMS));
}

/**
 * Prices the requested lines from the local SKU snapshot. Returns every problem found (naming each line),
 * so a customer fixes the basket in one go; nothing is priced unless all lines are good.
 */
export function priceLines(
  requested: RequestedLine[],
  skus: ReadonlyMap<string, PricedSku>,
): { lines: PricedLine[]; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const lines: PricedLine[] = [];
  const seen = new Set<string>();
  requested.forEach((line, index) => {
    const at = `lines[${index}]`;
    if (seen.has(line.skuId)) {
      problems.push({
        field: `${at}.skuId`,
        message: `SKU ${line.skuId} appears on more than one line; put the whole amount on one line`,
      });
      return;
    }
    seen.add(line.skuId);
    const sku = skus.get(line.skuId);
    if (!sku) return void problems.push({ field: `${at}.skuId`, message: `unknown SKU ${line.skuId}` });
    if (sku.status !== 'active')
      return void problems.push({
        field: `${at}.skuId`,
        message: `SKU ${line.skuId} is not for sale (${sku.status})`,
      });
    if (sku.soldBy === 'piece') {
      if (line.estimatedWeightGrams !== undefined) {
        return void problems.push({
          field: `${at}.estimatedWeightGrams`,
          message: `SKU ${line.skuId} is sold by the piece; give a quantity, not a weight`,
        });
      }
      if (line.quantity === undefined)
        return void problems.push({
          field: `${at}.quantity`,
          message: `SKU ${line.skuId} is sold by the piece; quantity is required`,
        });
      lines.push(priced(index, sku, line.quantity, null, line.quantity, sku.priceFen * line.quantity));
    } else {
      if (line.quantity !== undefined) {
        return void problems.push({
          field: `${at}.quantity`,
          message: `SKU ${line.skuId} is sold by weight; give estimatedWeightGrams, not a quantity`,
        });
      }
      if (line.estimatedWeightGrams === undefined) {
        return void problems.push({
          field: `${at}.estimatedWeightGrams`,
          message: `SKU ${line.skuId} is sold by weight; estimatedWeightGrams is required`,
        });
      }
      const grams = line.estimatedWeightGrams;
      lines.push(priced(index, sku, null, grams, grams, weightPriceFen(sku.priceFen, grams)));
    }
  });
  if (problems.length > 0) return { lines: [], problems };
  const totalFen = lines.reduce((sum, line) => sum + line.lineTotalFen, 0);
  if (totalFen > MAX_ORDER_TOTAL_FEN)
    return {
      lines: [],
      problems: [{ field: 'lines', message: `an order may total at most ${MAX_ORDER_TOTAL_FEN} fen` }],
    };
  return { lines, problems };
}

function priced(
  index: number,
  sku: PricedSku,
  quantity: number | null,
  grams: number | null,
  reserved: number,
  total: number,
): PricedLine {
  return {
    lineNo: index + 1,
    skuId: sku.skuId,
    name: sku.name,
    soldBy: sku.soldBy,
    temperatureClass: sku.temperatureClass,
    quantity,
    estimatedWeightGrams: grams,
    reservedQuantity: reserved,
    unitPriceFen: sku.priceFen,
    lineTotalFen: total,
  };
}
