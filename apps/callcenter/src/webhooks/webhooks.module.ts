import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { ScreenPopModule } from '../screen-pop/screen-pop.module';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [CallsModule, ScreenPopModule],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
