export { orderCancelledV1, orderCancelledV1Schema, type OrderCancelledV1 } from './v1';
