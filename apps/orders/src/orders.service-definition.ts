import { keepRawBody } from '@harvest/platform/http';
import type { ServiceDefinition } from '@harvest/platform/runtime';
import { BasketModule } from './basket/basket.module';
import { BasketLine } from './basket/entities/basket-line.entity';
import { Basket } from './basket/entities/basket.entity';
import { SkuSnapshot } from './catalog-skus/entities/sku-snapshot.entity';
import { loadOrdersConfig, ORDERS_CONFIG } from './config/orders.config';
import { seedOrdersDemoData } from './demo/seed-demo-data';
import { DeliverySlot } from './delivery-slots/entities/delivery-slot.entity';
import { DeliveryZone } from './inventory/entities/delivery-zone.entity';
import { FulfillmentCenter } from './inventory/entities/fulfillment-center.entity';
import { StockLevel } from './inventory/entities/stock-level.entity';
import { ordersMigrations } from './migrations';
import { OrderLine } from './orders/entities/order-line.entity';
import { OrderRefund } from './orders/entities/order-refund.entity';
import { OrderTransition } from './orders/entities/order-transition.entity';
import { Order } from './orders/entities/order.entity';
import { OrdersModule } from './orders/orders.module';
import { CatalogSkusModule } from './catalog-skus/catalog-skus.module';
import { DeliverySlotsModule } from './delivery-slots/delivery-slots.module';
import { DeliveryCoverageModule } from './delivery-coverage/delivery-coverage.module';
import { DeliveryZoneArea } from './delivery-coverage/entities/delivery-zone-area.entity';
import { FulfillmentEventsModule } from './fulfillment-events/fulfillment-events.module';
import { InventoryModule } from './inventory/inventory.module';
import { OrderLifecycleModule } from './order-lifecycle/order-lifecycle.module';
import { PaymentsModule } from './payments/payments.module';
import { ReservationExpiryModule } from './reservation-expiry/reservation-expiry.module';
import { PAYMENT_CALLBACK_PATH } from './payments/payment-callback.controller';
import {
  ALIPAY_NOTIFICATION_PATH,
  WECHATPAY_NOTIFICATION_PATH,
} from './payments/payment-notifications.controller';
import { acceptFormBodyOn } from './payments/form-body';
import { PaymentEvent } from './payments/entities/payment-event.entity';
import { Payment } from './payments/entities/payment.entity';
import { ProviderRefundEvent } from './payments/entities/provider-refund-event.entity';
import { ProviderRefund } from './payments/entities/provider-refund.entity';

/** The callback and the providers' notifications are small; anything bigger is not from a provider. */
const PAYMENT_CALLBACK_LIMIT_BYTES = 16 * 1024;

/**
 * The orders service as the runtime starts it: its schema, its settings, its feature modules and its demo
 * data. The platform (database, outbox/inbox, events, HTTP, health, metrics) comes from the runtime.
 */
export const ordersService: ServiceDefinition = {
  name: 'orders',
  port: 3002,
  schema: {
    entities: [
      SkuSnapshot,
      FulfillmentCenter,
      DeliveryZone,
      DeliveryZoneArea,
      StockLevel,
      DeliverySlot,
      Order,
      OrderLine,
      OrderTransition,
      OrderRefund,
      Payment,
      PaymentEvent,
      ProviderRefund,
      ProviderRefundEvent,
      Basket,
      BasketLine,
    ],
    migrations: ordersMigrations,
  },
  config: { token: ORDERS_CONFIG, load: loadOrdersConfig },
  imports: [
    CatalogSkusModule,
    InventoryModule,
    DeliverySlotsModule,
    DeliveryCoverageModule,
    OrderLifecycleModule,
    OrdersModule,
    BasketModule,
    PaymentsModule,
    FulfillmentEventsModule,
    ReservationExpiryModule,
  ],
  seedDemoData: seedOrdersDemoData,
  configureServer: (server) => {
    keepRawBody(
      server,
      [PAYMENT_CALLBACK_PATH, WECHATPAY_NOTIFICATION_PATH, ALIPAY_NOTIFICATION_PATH],
      PAYMENT_CALLBACK_LIMIT_BYTES,
    );
    // Alipay posts its notifications as a form; no other route takes one.
    acceptFormBodyOn(server, [ALIPAY_NOTIFICATION_PATH]);
  },
};
