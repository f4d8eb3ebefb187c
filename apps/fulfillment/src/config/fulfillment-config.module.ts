import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@harvest/platform/config';
import { FULFILLMENT_CONFIG, loadFulfillmentConfig } from './fulfillment-config';

/** Provides the validated FulfillmentConfig; a bad variable fails start-up with a ConfigError naming it. */
@Global()
@Module({})
export class FulfillmentConfigModule {
  static forRoot(environment: Env): DynamicModule {
    return {
      module: FulfillmentConfigModule,
      providers: [{ provide: FULFILLMENT_CONFIG, useFactory: () => loadFulfillmentConfig(environment) }],
      exports: [FULFILLMENT_CONFIG],
    };
  }
}
