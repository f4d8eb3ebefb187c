import { OrdersSchema1764000000000 } from './1764000000000-orders-schema.migration';
import { DeferredFulfillmentEvent1764000000001 } from './1764000000001-deferred-fulfillment-event.migration';
import { SellableStock1764000000002 } from './1764000000002-sellable-stock.migration';
import { ProviderPayments1764000000003 } from './1764000000003-provider-payments.migration';
import { ProviderRefunds1764000000004 } from './1764000000004-provider-refunds.migration';
import { ShoppingBasket1765300000000 } from './1765300000000-shopping-basket.migration';

/** The orders schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const ordersMigrations: Array<new () => object> = [
  OrdersSchema1764000000000,
  DeferredFulfillmentEvent1764000000001,
  SellableStock1764000000002,
  ProviderPayments1764000000003,
  ProviderRefunds1764000000004,
  ShoppingBasket1765300000000,
];
