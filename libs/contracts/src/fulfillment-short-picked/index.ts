export {
  fulfillmentShortPickedV1,
  fulfillmentShortPickedV1Schema,
  SHORT_PICK_REASONS,
  type FulfillmentShortPickedV1,
} from './v1';
