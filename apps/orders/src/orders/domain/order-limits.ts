/**
 * What one order may hold, in the shop's own terms: a household or a small restaurant buys a few hundred
 * pieces or some tens of kilograms of one product, never millions. The DTOs refuse more, and the bounds keep
 * every line and order total inside the INT UNSIGNED columns (catalog prices are at most 1 000 000 fen).
 */
export const MAX_LINE_PIECES = 500;
/** 50 kg of one weighed product. */
export const MAX_LINE_GRAMS = 50_000;
/** 1 000 000 yuan: the most an order, a payment or a refund can be. */
export const MAX_ORDER_TOTAL_FEN = 100_000_000;
/**
 * A cancellation's note is kept after its reason ("customer_request: <note>") in the transition's
 * VARCHAR(512) reason column, so it has less room than the 512 characters of a refund's note.
 */
export const MAX_CANCEL_NOTE_LENGTH = 480;
