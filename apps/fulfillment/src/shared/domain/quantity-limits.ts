/**
 * How much one lot, pick or parcel line can be at a fresh-food center: a lot off one farm truck is at most
 * some tonnes of one product, an order line at most 500 pieces or 50 kg (orders' own bound). Quantities count
 * pieces, or grams for a weighed SKU. The DTOs refuse more, so nothing reaches the INT UNSIGNED columns that
 * would not fit them or make no sense.
 */
/** 5 t of a weighed SKU. */
export const MAX_LOT_QUANTITY = 5_000_000;
/** Pieces of one product in one lot: a truck of boxed produce. */
export const MAX_LOT_PIECES = 20_000;
/** One pick task or parcel line: the largest order line (50 kg) with room for the scale's over-weight. */
export const MAX_LINE_QUANTITY = 100_000;
