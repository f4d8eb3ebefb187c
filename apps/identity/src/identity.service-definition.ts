import type { ServiceDefinition } from '@harvest/platform/runtime';
import { AddressesModule } from './addresses/addresses.module';
import { CustomerAddress } from './addresses/entities/customer-address.entity';
import { IDENTITY_CONFIG, loadIdentityConfig } from './config/identity.config';
import { CustomersModule } from './customers/customers.module';
import { Customer } from './customers/entities/customer.entity';
import { seedDemoCustomers } from './demo/seed-demo-customers';
import { identityMigrations } from './migrations';
import { PhoneCode } from './phone-codes/entities/phone-code.entity';
import { ThrottleEvent } from './phone-codes/entities/throttle-event.entity';
import { PhoneCodesModule } from './phone-codes/phone-codes.module';
import { SharedModule } from './shared/shared.module';

/**
 * The identity service as the runtime starts it: customers' sign-in identities (phone, one-time SMS codes,
 * optional password) that the issuers (Keycloak's phone-code authenticator, the embedded issuer) verify
 * before they issue a customer token, and the one owner of customers' personal data: the phone and the address
 * book (each address resolved to a delivery zone through orders' coverage). It signs no token itself.
 */
export const identityService: ServiceDefinition = {
  name: 'identity',
  port: 3006,
  schema: { entities: [Customer, CustomerAddress, PhoneCode, ThrottleEvent], migrations: identityMigrations },
  uses: ['sms'],
  config: { token: IDENTITY_CONFIG, load: loadIdentityConfig },
  imports: [SharedModule, CustomersModule, AddressesModule, PhoneCodesModule],
  seedDemoData: seedDemoCustomers,
};
