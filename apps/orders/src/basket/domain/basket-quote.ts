import type { SoldBy, Substitution, TemperatureClass } from '@harvest/contracts/produce';
import {
  deliveryFeeFor,
  shortOfFreeDeliveryFen,
  type ZoneDeliveryFee,
} from '../../delivery-coverage/domain/delivery-fee';
import { weightPriceFen, type PricedSku } from '../../orders/domain/pricing';

/** A line as the basket holds it: the amount, the customer's substitution choice and the price they saw. */
export interface BasketLineState {
  skuId: string;
  quantity: number | null;
  estimatedWeightGrams: number | null;
  substitution: Substitution;
  /** The SKU's price (per piece or per 500 g) when the line was last written. */
  priceWhenAddedFen: number;
}

/** What the quote is judged against; `served` is null until the basket has a delivery address. */
export interface QuoteFacts {
  skus: ReadonlyMap<string, PricedSku>;
  served: {
    zoneId: string;
    fee: ZoneDeliveryFee;
    center: { id: string; temperatureClasses: readonly TemperatureClass[] };
    /** Units available (sellable - reserved) at the center, per SKU; a SKU it has no row for has none. */
    available: ReadonlyMap<string, number>;
  } | null;
}

/** Something the customer should see about a line; only `price-changed` lets the basket be ordered as is. */
export type LineNotice =
  'price-changed' | 'not-for-sale' | 'out-of-stock' | 'not-enough-stock' | 'temperature-class-not-served';

export const BLOCKING_NOTICES: readonly LineNotice[] = [
  'not-for-sale',
  'out-of-stock',
  'not-enough-stock',
  'temperature-class-not-served',
];

export interface QuotedLine extends BasketLineState {
  name: string | null;
  soldBy: SoldBy | null;
  temperatureClass: TemperatureClass | null;
  /** Today's price, per piece or per 500 g; null for a SKU no longer for sale. */
  unitPriceFen: number | null;
  /** At today's price; 0 for a SKU no longer for sale. */
  lineTotalFen: number;
  priceChanged: boolean;
  /** Units available at the serving center (pieces or grams); null without a delivery address. */
  availableQuantity: number | null;
  /** Whether the serving center can keep the SKU at its temperature class; null without an address. */
  temperatureServed: boolean | null;
  notices: LineNotice[];
}

export interface BasketQuote {
  lines: QuotedLine[];
  /** The goods at today's prices (lines still for sale). */
  goodsFen: number;
  /** Null until the basket has a delivery address. */
  deliveryFeeFen: number | null;
  freeDeliveryFromFen: number | null;
  /** How much more goods make delivery free; null when delivery is never free or no address is chosen. */
  shortOfFreeDeliveryFen: number | null;
  totalFen: number;
  /** Checkout would be accepted as far as the basket can tell: lines, an address, and no blocking notice. */
  orderable: boolean;
}

/**
 * The live quote of a basket: each line at today's price, whether that changed since the customer added it,
 * what the center serving the address has and can keep cold, the zone's delivery fee and the total, all in
 * integer fen. Problems are notices on the lines, never refusals: the customer decides what to change.
 */
export function quoteBasket(lines: readonly BasketLineState[], facts: QuoteFacts): BasketQuote {
  const quoted = lines.map((line) => quoteLine(line, facts));
  const goodsFen = quoted.reduce((sum, l) => sum + l.lineTotalFen, 0);
  const served = facts.served;
  const deliveryFeeFen = served ? deliveryFeeFor(served.fee, goodsFen) : null;
  return {
    lines: quoted,
    goodsFen,
    deliveryFeeFen,
    freeDeliveryFromFen: served?.fee.freeDeliveryFromFen ?? null,
    shortOfFreeDeliveryFen: served ? shortOfFreeDeliveryFen(served.fee, goodsFen) : null,
    totalFen: goodsFen + (deliveryFeeFen ?? 0),
    orderable:
      served !== null &&
      quoted.length > 0 &&
      quoted.every((l) => !l.notices.some((n) => BLOCKING_NOTICES.includes(n))),
  };
}

function quoteLine(line: BasketLineState, { skus, served }: QuoteFacts): QuotedLine {
  const sku = skus.get(line.skuId);
  const forSale = sku !== undefined && sku.status === 'active';
  const notices: LineNotice[] = [];
  if (!forSale) notices.push('not-for-sale');
  const unitPriceFen = forSale ? sku.priceFen : null;
  const priceChanged = unitPriceFen !== null && unitPriceFen !== line.priceWhenAddedFen;
  if (priceChanged) notices.push('price-changed');
  const wanted = line.quantity ?? line.estimatedWeightGrams ?? 0;
  const availableQuantity = served ? (served.available.get(line.skuId) ?? 0) : null;
  if (forSale && availableQuantity !== null) {
    if (availableQuantity <= 0) notices.push('out-of-stock');
    else if (availableQuantity < wanted) notices.push('not-enough-stock');
  }
  const temperatureServed =
    served && sku ? served.center.temperatureClasses.includes(sku.temperatureClass) : null;
  if (forSale && temperatureServed === false) notices.push('temperature-class-not-served');
  return {
    ...line,
    name: sku?.name ?? null,
    soldBy: sku?.soldBy ?? null,
    temperatureClass: sku?.temperatureClass ?? null,
    unitPriceFen,
    lineTotalFen: unitPriceFen === null ? 0 : lineTotal(unitPriceFen, line),
    priceChanged,
    availableQuantity,
    temperatureServed,
    notices,
  };
}

function lineTotal(unitPriceFen: number, line: BasketLineState): number {
  if (line.quantity !== null) return unitPriceFen * line.quantity;
  return weightPriceFen(unitPriceFen, line.estimatedWeightGrams ?? 0);
}
