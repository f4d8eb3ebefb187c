export {
  PAYMENT_CHANNELS,
  PaymentNotificationRejected,
  PaymentProvider,
  PaymentProviderRefusedError,
  PaymentProviderUnavailableError,
  type CreatePaymentRequest,
  type NotificationAcknowledgement,
  type NotificationRejection,
  type NotificationRequest,
  type PaymentChannel,
  type PaymentNotification,
  type PreparedPayment,
  type ProviderPaymentState,
  type ProviderPaymentStatus,
  type RefundRequest,
  type RefundResult,
} from './payment-provider.port';
export { fenToYuan, yuanToFen } from './money';
export { WechatPayProvider, type WechatPaySettings } from './wechat-pay-provider.adapter';
export { AlipayProvider, type AlipaySettings } from './alipay-provider.adapter';
export { createPaymentProviders, paymentsEnvShape, readKey, type PaymentsEnv } from './payments.config';
