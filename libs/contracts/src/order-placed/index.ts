export {
  orderPlacedV1,
  orderPlacedV1Schema,
  orderPlacedLineV1Schema,
  type OrderPlacedV1,
  type OrderPlacedV1Read,
} from './v1';
