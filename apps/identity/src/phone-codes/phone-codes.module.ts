import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { SharedModule } from '../shared/shared.module';
import { PhoneCodesController } from './phone-codes.controller';
import { PhoneCodesService } from './phone-codes.service';

/** One-time SMS sign-in codes: sending and the issuers' verification. */
@Module({
  imports: [CustomersModule, SharedModule],
  controllers: [PhoneCodesController],
  providers: [PhoneCodesService],
})
export class PhoneCodesModule {}
