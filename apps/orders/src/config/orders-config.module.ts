import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@harvest/platform/config';
import { loadOrdersConfig, ORDERS_CONFIG } from './orders-config';

/** Provides the validated OrdersConfig; a bad variable fails start-up with a ConfigError naming it. */
@Global()
@Module({})
export class OrdersConfigModule {
  static forRoot(environment: Env): DynamicModule {
    return {
      module: OrdersConfigModule,
      providers: [{ provide: ORDERS_CONFIG, useFactory: () => loadOrdersConfig(environment) }],
      exports: [ORDERS_CONFIG],
    };
  }
}
