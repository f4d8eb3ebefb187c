import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { CustomersService } from '../customers/customers.service';
import { Customer } from '../customers/entities/customer.entity';
import { DELIVERY_COVERAGE, type DeliveryCoverage } from './delivery-coverage/delivery-coverage.port';
import { defaultAfter, MAX_ADDRESSES } from './domain/address-book';
import { AddressNotFoundError, NotDeliveredError, TooManyAddressesError } from './domain/address.errors';
import type { AddAddressDto } from './dto/address.dto';
import type { AddressView, DeliveryAddressView } from './dto/address-views.dto';
import { CustomerAddress } from './entities/customer-address.entity';

/** A customer's address book: each address resolved to the delivery zone serving it, one of them the default. */
@Injectable()
export class AddressesService {
  constructor(
    private readonly db: Database,
    private readonly customers: CustomersService,
    @Inject(DELIVERY_COVERAGE) private readonly coverage: DeliveryCoverage,
  ) {}

  list(subject: string): Promise<AddressView[]> {
    return this.db.transaction(async (em) => {
      await this.customers.ensureCustomer(em, subject);
      return (await this.book(em, subject)).map(addressView);
    });
  }

  /** The zone is asked before the transaction (no lock held over a network call); a 422 writes nothing. */
  async add(subject: string, input: AddAddressDto): Promise<AddressView> {
    const zoneId = await this.coverage.zoneFor(input.areaCode);
    if (!zoneId) throw new NotDeliveredError(input.areaCode);
    return this.db.transaction(async (em) => {
      const book = await this.lockedBook(em, subject);
      if (book.length >= MAX_ADDRESSES) throw new TooManyAddressesError(MAX_ADDRESSES);
      const address: CustomerAddress = {
        id: randomUUID(),
        customerId: subject,
        recipient: input.recipient,
        areaCode: input.areaCode,
        city: input.city,
        street: input.street,
        zoneId,
        isDefault: false,
        createdAt: new Date(),
      };
      await em.insert(CustomerAddress, address);
      await this.settleDefault(em, subject, [...book, address], input.makeDefault ? address.id : null);
      return addressView(await em.findOneByOrFail(CustomerAddress, { id: address.id }));
    });
  }

  async makeDefault(subject: string, addressId: string): Promise<AddressView> {
    return this.db.transaction(async (em) => {
      const book = await this.lockedBook(em, subject);
      if (!book.some((a) => a.id === addressId)) throw new AddressNotFoundError();
      await this.settleDefault(em, subject, book, addressId);
      return addressView(await em.findOneByOrFail(CustomerAddress, { id: addressId }));
    });
  }

  async remove(subject: string, addressId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const book = await this.lockedBook(em, subject);
      if (!book.some((a) => a.id === addressId)) throw new AddressNotFoundError();
      await em.delete(CustomerAddress, { id: addressId, customerId: subject });
      await this.settleDefault(
        em,
        subject,
        book.filter((a) => a.id !== addressId),
        null,
      );
    });
  }

  /** For orders: the address with the account's phone, if it is this customer's; else AddressNotFoundError. */
  async forDelivery(customerId: string, addressId: string): Promise<DeliveryAddressView> {
    const found = await this.db.read(async (em) => {
      const address = await em.findOne(CustomerAddress, { where: { id: addressId, customerId } });
      const customer = address ? await em.findOne(Customer, { where: { id: customerId } }) : null;
      return address && customer ? { address, customer } : null;
    });
    if (!found) throw new AddressNotFoundError();
    const { address, customer } = found;
    return {
      id: address.id,
      customerId,
      zoneId: address.zoneId,
      recipient: address.recipient,
      phone: customer.phone,
      city: address.city,
      street: address.street,
    };
  }

  private book(em: EntityManager, subject: string): Promise<CustomerAddress[]> {
    return em.find(CustomerAddress, {
      where: { customerId: subject },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The book under the customer row's lock: two writes of one customer take turns, so one default stays one. */
  private async lockedBook(em: EntityManager, subject: string): Promise<CustomerAddress[]> {
    await this.customers.ensureCustomer(em, subject);
    await em.findOne(Customer, { where: { id: subject }, lock: { mode: 'pessimistic_write' } });
    return this.book(em, subject);
  }

  private async settleDefault(
    em: EntityManager,
    subject: string,
    book: readonly CustomerAddress[],
    requested: string | null,
  ): Promise<void> {
    const chosen = defaultAfter(book, requested);
    if (!chosen) return;
    await em.query('UPDATE customer_address SET is_default = (id = ?) WHERE customer_id = ?', [
      chosen,
      subject,
    ]);
  }
}

export function addressView(address: CustomerAddress): AddressView {
  const { id, recipient, areaCode, city, street, zoneId, isDefault, createdAt } = address;
  return { id, recipient, areaCode, city, street, zoneId, isDefault, createdAt: createdAt.toISOString() };
}
