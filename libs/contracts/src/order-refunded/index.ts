export { orderRefundedV1, orderRefundedV1Schema, REFUND_REASONS, type OrderRefundedV1 } from './v1';
