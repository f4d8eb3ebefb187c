import { ClientCredentials, HTTP_CONFIG, type HttpConfig } from '@harvest/platform/http';
import { Module } from '@nestjs/common';
import { CatalogSkusModule } from '../catalog-skus/catalog-skus.module';
import { ORDERS_CONFIG, type OrdersConfig } from '../config/orders.config';
import { OrdersModule } from '../orders/orders.module';
import { BasketCheckoutService } from './basket-checkout.service';
import { BasketController } from './basket.controller';
import { BasketService } from './basket.service';
import { GuestBasketController } from './guest-basket.controller';
import { CUSTOMER_ADDRESSES } from './identity-client/customer-addresses.port';
import { IdentityAddressesHttpAdapter } from './identity-client/identity-addresses-http.adapter';

/** Customers' server-side baskets, their live quote, and ordering them through checkout. */
@Module({
  imports: [CatalogSkusModule, OrdersModule],
  controllers: [BasketController, GuestBasketController],
  providers: [
    BasketService,
    BasketCheckoutService,
    {
      provide: CUSTOMER_ADDRESSES,
      inject: [ORDERS_CONFIG, HTTP_CONFIG],
      useFactory: (config: OrdersConfig, http: HttpConfig) =>
        new IdentityAddressesHttpAdapter(
          config.ORDERS_IDENTITY_URL,
          config.AUTH_CLIENT_SECRET
            ? new ClientCredentials({
                issuerUrl: http.AUTH_ISSUER_URL,
                clientId: config.AUTH_CLIENT_ID,
                clientSecret: config.AUTH_CLIENT_SECRET,
                timeoutMs: config.ORDERS_IDENTITY_TIMEOUT_MS,
              })
            : null,
          config.ORDERS_IDENTITY_TIMEOUT_MS,
        ),
    },
  ],
})
export class BasketModule {}
