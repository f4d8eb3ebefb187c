import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Env } from '@harvest/platform/config';
import { CALLCENTER_CONFIG, loadCallcenterConfig } from './callcenter-config';

/** Provides the validated CallcenterConfig; a bad variable fails start-up with a ConfigError naming it. */
@Global()
@Module({})
export class CallcenterConfigModule {
  static forRoot(environment: Env): DynamicModule {
    return {
      module: CallcenterConfigModule,
      providers: [{ provide: CALLCENTER_CONFIG, useFactory: () => loadCallcenterConfig(environment) }],
      exports: [CALLCENTER_CONFIG],
    };
  }
}
