import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '@harvest/platform/database';
import { NotFoundError } from '@harvest/platform/errors';
import { SignInThrottle } from '../shared/sign-in-throttle.service';
import { SignInRefusedError, TooManyAttemptsError } from '../shared/domain/sign-in.errors';
import { maskPhoneNumber } from '../shared/domain/phone-number';
import { checkPasswordStrength, hashPassword, passwordMatches } from './domain/password-hash';
import { Customer } from './entities/customer.entity';

export interface CustomerView {
  subject: string;
  /** Masked: the customer's own app shows which number it is, nobody needs it in full; null without one. */
  phone: string | null;
  hasPassword: boolean;
}

/** Wrong passwords for one phone before it is held off for a while (like wrong codes). */
const PASSWORD_FAILURES = { max: 5, windowSeconds: 900 };

/** Customers' identities: the subject each phone signs in as, created at the first sign-in; their password. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly db: Database,
    private readonly throttle: SignInThrottle,
  ) {}

  /** The phone's subject, created on first use, inside the caller's transaction. */
  async subjectForPhone(em: EntityManager, phone: string): Promise<string> {
    await em
      .createQueryBuilder()
      .insert()
      .into(Customer)
      .values({ id: randomUUID(), phone, passwordHash: null })
      .orIgnore()
      .execute();
    const customer = await em.findOneOrFail(Customer, { where: { phone } });
    return customer.id;
  }

  /**
   * The signed-in customer's row, made at their first authenticated call when they signed in without a phone
   * (a browser sign-in at the issuer): the account is the issuer's subject, whatever way it signed in.
   */
  async ensureCustomer(em: EntityManager, subject: string): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(Customer)
      .values({ id: subject, phone: null, passwordHash: null })
      .orIgnore()
      .execute();
  }

  async describe(subject: string): Promise<CustomerView> {
    const customer = await this.db.transaction(async (em) => {
      await this.ensureCustomer(em, subject);
      return em.findOneOrFail(Customer, { where: { id: subject } });
    });
    return {
      subject: customer.id,
      phone: customer.phone === null ? null : maskPhoneNumber(customer.phone),
      hasPassword: customer.passwordHash !== null,
    };
  }

  async setPassword(subject: string, password: string): Promise<void> {
    checkPasswordStrength(password);
    const hash = await hashPassword(password);
    const result = await this.db.transaction((em) =>
      em.update(Customer, { id: subject }, { passwordHash: hash }),
    );
    if (!result.affected) throw new NotFoundError('Customer');
  }

  /** The subject of the phone whose password this is; counts failures per phone and per client address. */
  async verifyPassword(phone: string, password: string, clientAddress: string): Promise<string> {
    const now = new Date();
    const customer = await this.db.transaction(async (em) => {
      const wait = Math.max(
        await this.throttle.secondsUntilAllowed(em, 'fail-phone', phone, [PASSWORD_FAILURES], now),
        await this.throttle.secondsUntilAllowed(
          em,
          'fail-address',
          clientAddress,
          this.throttle.failuresPerAddress(),
          now,
        ),
      );
      if (wait > 0) throw new TooManyAttemptsError('failed sign-ins', wait);
      return em.findOne(Customer, { where: { phone } });
    });
    // Unknown phones cost a hash too, so the time taken does not tell whether the phone is known.
    const matches = await passwordMatches(password, customer?.passwordHash ?? UNKNOWN_HASH);
    if (customer?.passwordHash && matches) return customer.id;
    await this.db.transaction(async (em) => {
      await this.throttle.record(em, 'fail-phone', phone, now);
      await this.throttle.record(em, 'fail-address', clientAddress, now);
    });
    throw new SignInRefusedError('password');
  }
}

/** A valid hash of a random password, checked against when the phone has none. */
const UNKNOWN_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
