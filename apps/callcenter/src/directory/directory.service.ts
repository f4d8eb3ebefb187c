import { Database, isDuplicateKeyError } from '@harvest/platform/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PhoneTakenError } from './domain/contact-rules';
import { CustomerContact } from './entities/customer-contact.entity';

export type ContactUpsert =
  { outcome: 'saved'; contact: CustomerContact } | { outcome: 'phone-taken'; heldBy: string };

@Injectable()
export class DirectoryService {
  constructor(private readonly db: Database) {}

  byPhone(phoneE164: string, em?: EntityManager): Promise<CustomerContact | null> {
    const run = (m: EntityManager) => m.findOne(CustomerContact, { where: { phoneE164 } });
    return em ? run(em) : this.db.read(run);
  }

  byId(customerId: string): Promise<CustomerContact | null> {
    return this.db.read((em) => em.findOne(CustomerContact, { where: { customerId } }));
  }

  list(limit: number, offset: number): Promise<[CustomerContact[], number]> {
    return this.db.read((em) =>
      em.findAndCount(CustomerContact, { order: { customerId: 'ASC' }, take: limit, skip: offset }),
    );
  }

  /** Removes a customer's contact (their number stops identifying them); true when there was one. */
  async remove(customerId: string): Promise<boolean> {
    const result = await this.db.transaction((em) => em.delete(CustomerContact, { customerId }));
    return (result.affected ?? 0) > 0;
  }

  /** Saves an admin's contact; a number already another customer's is refused (PhoneTakenError, 409). */
  async put(customerId: string, name: string, phoneE164: string): Promise<CustomerContact> {
    const result = await this.upsert(customerId, name, phoneE164);
    if (result.outcome === 'phone-taken') throw new PhoneTakenError(result.heldBy);
    return result.contact;
  }

  /**
   * One phone number belongs to one customer (unique key). Two admins saving the same number at once: the
   * loser's duplicate-key error is answered as phone-taken (its message, which holds the number, is not logged).
   */
  async upsert(customerId: string, name: string, phoneE164: string): Promise<ContactUpsert> {
    try {
      return await this.save(customerId, name, phoneE164);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const holder = await this.byPhone(phoneE164);
      return { outcome: 'phone-taken', heldBy: holder?.customerId ?? 'another customer' };
    }
  }

  private save(customerId: string, name: string, phoneE164: string): Promise<ContactUpsert> {
    return this.db.transaction(async (em) => {
      const holder = await em.findOne(CustomerContact, {
        where: { phoneE164 },
        lock: { mode: 'pessimistic_write' },
      });
      if (holder && holder.customerId !== customerId)
        return { outcome: 'phone-taken', heldBy: holder.customerId };
      await em.query(
        'INSERT INTO customer_contact (customer_id, name, phone_e164) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), phone_e164 = VALUES(phone_e164)',
        [customerId, name, phoneE164],
      );
      return {
        outcome: 'saved',
        contact: await em.findOneOrFail(CustomerContact, { where: { customerId } }),
      };
    });
  }
}
