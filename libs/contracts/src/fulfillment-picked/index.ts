export { fulfillmentPickedV1, fulfillmentPickedV1Schema, type FulfillmentPickedV1 } from './v1';
