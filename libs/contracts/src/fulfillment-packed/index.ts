export { fulfillmentPackedV1, fulfillmentPackedV1Schema, type FulfillmentPackedV1 } from './v1';
