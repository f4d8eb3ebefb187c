import { Module } from '@nestjs/common';
import { PickingModule } from '../picking/picking.module';
import { SkusModule } from '../skus/skus.module';
import { AllocationService } from './allocation.service';

@Module({
  imports: [SkusModule, PickingModule],
  providers: [AllocationService],
  exports: [AllocationService],
})
export class AllocationModule {}
