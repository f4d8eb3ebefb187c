import {
  createPaymentProviders,
  type PaymentChannel,
  type PaymentProvider,
} from '@harvest/platform/payments';
import type { Provider } from '@nestjs/common';
import { ORDERS_CONFIG, paymentNotificationPath, type OrdersConfig } from '../config/orders.config';

/** The configured providers by channel (PAYMENT_PROVIDERS); empty when none is. */
export type PaymentProviders = ReadonlyMap<PaymentChannel, PaymentProvider>;
export const PAYMENT_PROVIDERS = Symbol('PAYMENT_PROVIDERS');

export const paymentProvidersProvider: Provider = {
  provide: PAYMENT_PROVIDERS,
  inject: [ORDERS_CONFIG],
  useFactory: (config: OrdersConfig): PaymentProviders =>
    new Map(createPaymentProviders(config, paymentNotificationPath).map((p) => [p.channel, p])),
};
