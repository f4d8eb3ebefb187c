import { Module } from '@nestjs/common';
import { DeliveryCoverageController } from './delivery-coverage.controller';
import { DeliveryCoverageService } from './delivery-coverage.service';

/** Where we deliver (district → zone) and what delivery costs, per zone. */
@Module({
  controllers: [DeliveryCoverageController],
  providers: [DeliveryCoverageService],
  exports: [DeliveryCoverageService],
})
export class DeliveryCoverageModule {}
