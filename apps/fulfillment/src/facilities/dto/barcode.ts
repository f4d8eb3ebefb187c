/**
 * What our scanners read off a bin or lot label (Code 128 and GS1-128 carry printable ASCII): 1-64 characters
 * without spaces. Anything else is not a label, and ASCII keeps a barcode the same length however it is cased,
 * so the location id made from it fits its column.
 */
export const BARCODE = /^[!-~]{1,64}$/;
export const BARCODE_MESSAGE = 'must be 1-64 printable ASCII characters without spaces';
