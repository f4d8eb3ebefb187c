import { DeviceClients, deviceClientsOf } from '@harvest/platform/device-clients';
import { Module } from '@nestjs/common';
import { FULFILLMENT_CONFIG, type FulfillmentConfig } from '../config/fulfillment.config';
import { DevicesController } from './devices.controller';
import { DevicesService } from './devices.service';

/** Device tokens are for this service: their audience is its name. */
const DEVICE_TOKEN_AUDIENCE = 'fulfillment';

@Module({
  controllers: [DevicesController],
  providers: [
    DevicesService,
    {
      provide: DeviceClients,
      useFactory: (config: FulfillmentConfig) => deviceClientsOf(config, DEVICE_TOKEN_AUDIENCE),
      inject: [FULFILLMENT_CONFIG],
    },
  ],
})
export class DevicesModule {}
