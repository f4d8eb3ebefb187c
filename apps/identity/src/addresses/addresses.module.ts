import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { AddressesController } from './addresses.controller';
import { AddressesService } from './addresses.service';
import { DELIVERY_COVERAGE } from './delivery-coverage/delivery-coverage.port';
import { OrdersCoverageHttpAdapter } from './delivery-coverage/orders-coverage-http.adapter';

/** Customers' address books, each address resolved to the delivery zone that serves it. */
@Module({
  imports: [CustomersModule],
  controllers: [AddressesController],
  providers: [
    AddressesService,
    {
      provide: DELIVERY_COVERAGE,
      inject: [IDENTITY_CONFIG],
      useFactory: (config: IdentityConfig) =>
        new OrdersCoverageHttpAdapter(config.IDENTITY_ORDERS_URL, config.IDENTITY_ORDERS_TIMEOUT_MS),
    },
  ],
})
export class AddressesModule {}
