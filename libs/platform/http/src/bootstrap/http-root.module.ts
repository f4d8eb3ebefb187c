import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { HTTP_CONFIG, type HttpConfig } from '../http-config';
import { PlatformHttpModule } from '../platform-http.module';

@Module({})
export class HttpRootModule {
  /** Wraps the app's module with the HTTP platform and makes the loaded config injectable everywhere. */
  static wrap(appModule: Type | DynamicModule, config: HttpConfig): DynamicModule {
    return {
      module: HttpRootModule,
      global: true,
      imports: [PlatformHttpModule, appModule],
      providers: [{ provide: HTTP_CONFIG, useValue: config }],
      exports: [HTTP_CONFIG],
    };
  }
}
