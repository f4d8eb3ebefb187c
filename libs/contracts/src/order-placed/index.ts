export { orderPlacedV1, orderPlacedV1Schema, orderPlacedLineV1Schema, type OrderPlacedV1 } from './v1';
