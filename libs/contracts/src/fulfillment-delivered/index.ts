export { fulfillmentDeliveredV1, fulfillmentDeliveredV1Schema, type FulfillmentDeliveredV1 } from './v1';
