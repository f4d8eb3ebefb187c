export { orderPaidV1, orderPaidV1Schema, type OrderPaidV1 } from './v1';
