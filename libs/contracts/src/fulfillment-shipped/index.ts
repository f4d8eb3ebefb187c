export { fulfillmentShippedV1, fulfillmentShippedV1Schema, type FulfillmentShippedV1 } from './v1';
