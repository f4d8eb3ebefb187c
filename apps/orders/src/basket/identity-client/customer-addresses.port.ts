import { DomainError } from '@harvest/platform/errors';

/** A customer's address as identity (its one owner) gives it for a delivery. */
export interface DeliveryAddressRecord {
  id: string;
  zoneId: string;
  recipient: string;
  /** The account's phone; null when the customer signed in without one. */
  phone: string | null;
  city: string;
  street: string;
}

/** Identity's address book, read when a customer picks a basket's address and when the basket is ordered. */
export interface CustomerAddresses {
  /** The address if it is this customer's; null when it is not (or no longer) in their book. */
  deliveryAddress(customerId: string, addressId: string): Promise<DeliveryAddressRecord | null>;
}

export const CUSTOMER_ADDRESSES = Symbol('CUSTOMER_ADDRESSES');

export class IdentityUnavailableError extends DomainError {
  constructor(reason: string) {
    super('unavailable', 'identity-unavailable', `Customer addresses cannot be read: ${reason}`, {
      retryAfterSeconds: 5,
    });
  }
}
