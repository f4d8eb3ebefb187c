export { skuChangedV1, skuChangedV1Schema, type SkuChangedV1 } from './v1';
