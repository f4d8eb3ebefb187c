export { stockChangedV1, stockChangedV1Schema, type StockChangedV1 } from './v1';
