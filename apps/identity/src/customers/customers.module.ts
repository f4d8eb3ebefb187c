import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';

/** Customers' identities: subject per phone, the customer's own view, the optional password. */
@Module({
  imports: [SharedModule],
  controllers: [CustomersController],
  providers: [CustomersService],
  exports: [CustomersService],
})
export class CustomersModule {}
