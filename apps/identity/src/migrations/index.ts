import { IdentitySchema1765200000000 } from './1765200000000-identity-schema.migration';
import { CustomerAddresses1765300000000 } from './1765300000000-customer-addresses.migration';

/** The identity schema's own migrations, in order (the outbox and inbox tables come from the events library). */
export const identityMigrations: Array<new () => object> = [
  IdentitySchema1765200000000,
  CustomerAddresses1765300000000,
];
