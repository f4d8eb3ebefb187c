import { Module } from '@nestjs/common';
import { FarmsController } from './farms.controller';
import { FarmsService } from './farms.service';

/** Origin farms (read-only over HTTP). */
@Module({ controllers: [FarmsController], providers: [FarmsService] })
export class FarmsModule {}
