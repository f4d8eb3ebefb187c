import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { DirectoryModule } from '../directory/directory.module';
import { ClickToCallController } from './click-to-call.controller';
import { ClickToCallService } from './click-to-call.service';

@Module({ imports: [CallsModule, DirectoryModule], controllers: [ClickToCallController], providers: [ClickToCallService] })
export class ClickToCallModule {}
