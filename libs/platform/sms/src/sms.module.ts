import { type DynamicModule, Module } from '@nestjs/common';
import { createSmsSender, type SmsConfig } from './sms.config';
import { SmsSender } from './sms-sender.port';

/** `SmsModule.forRoot(config)` provides the `SmsSender` port to the whole application. */
@Module({})
export class SmsModule {
  static forRoot(config: SmsConfig): DynamicModule {
    return {
      module: SmsModule,
      global: true,
      providers: [{ provide: SmsSender, useFactory: () => createSmsSender(config) }],
      exports: [SmsSender],
    };
  }
}
