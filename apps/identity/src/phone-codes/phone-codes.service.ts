import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@harvest/platform/database';
import { SmsSender } from '@harvest/platform/sms';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config/identity.config';
import { CustomersService } from '../customers/customers.service';
import { keyedDigest } from '../shared/domain/keyed-digest';
import { SignInRefusedError, TooManyAttemptsError } from '../shared/domain/sign-in.errors';
import { SignInThrottle } from '../shared/sign-in-throttle.service';
import { aliyunPhoneTemplateParams } from './domain/code-message';
import { checkCode, lockedFor, type OutstandingCode } from './domain/phone-code-check';
import { PhoneCode } from './entities/phone-code.entity';

type CodeVerdict =
  | { refused?: undefined; subject: string }
  | { refused: 'wrong' }
  | { refused: 'throttled'; retryAfterSeconds: number };

export interface CodeSent {
  expiresInSeconds: number;
}

/**
 * One-time SMS codes: send (throttled per phone and per client address), verify (single use, expiring,
 * locking the phone after a few wrong codes). Codes exist in clear only in memory between generation and
 * the SMS; the table keeps their keyed digest. Nothing here logs a phone or a code.
 */
@Injectable()
export class PhoneCodesService {
  constructor(
    private readonly db: Database,
    private readonly sms: SmsSender,
    private readonly customers: CustomersService,
    private readonly throttle: SignInThrottle,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async send(phone: string, clientAddress: string): Promise<CodeSent> {
    const now = new Date();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const phoneDigest = this.throttle.digestOf('phone', phone);
    await this.db.transaction(async (em) => {
      // The phone's row is the lock that serialises concurrent sends and checks for one phone.
      await em
        .createQueryBuilder()
        .insert()
        .into(PhoneCode)
        .values({ phoneDigest, codeDigest: null, expiresAt: now, failedAttempts: 0, lockedUntil: null })
        .orIgnore()
        .execute();
      const row = await em.findOneOrFail(PhoneCode, {
        where: { phoneDigest },
        lock: { mode: 'pessimistic_write' },
      });
      const locked = lockedFor(row, now);
      if (locked > 0) throw new TooManyAttemptsError('wrong codes for this phone', locked);
      const wait = Math.max(
        await this.throttle.secondsUntilAllowed(em, 'send-phone', phone, this.perPhone(), now),
        await this.throttle.secondsUntilAllowed(em, 'send-address', clientAddress, this.perAddress(), now),
      );
      if (wait > 0) throw new TooManyAttemptsError('codes requested', wait);
      await em.update(
        PhoneCode,
        { phoneDigest },
        {
          codeDigest: this.codeDigest(phone, code),
          expiresAt: new Date(now.getTime() + this.config.IDENTITY_CODE_TTL_SECONDS * 1000),
          failedAttempts: 0,
          lockedUntil: null,
        },
      );
      await this.throttle.record(em, 'send-phone', phone, now);
      await this.throttle.record(em, 'send-address', clientAddress, now);
      await this.throttle.purge(em, now);
    });
    // After the commit: the provider is slow and the code is useless unless stored. A failed send leaves a
    // stored code nobody received (harmless) and counts against the throttles (so a failing provider is not
    // hammered).
    await this.sms.send(phone, this.config.IDENTITY_CODE_TEMPLATE, aliyunPhoneTemplateParams(code));
    return { expiresInSeconds: this.config.IDENTITY_CODE_TTL_SECONDS };
  }

  /** The phone's subject (created at its first sign-in) when the code is its outstanding one. */
  async verify(phone: string, code: string, clientAddress: string): Promise<string> {
    const now = new Date();
    const phoneDigest = this.throttle.digestOf('phone', phone);
    // A wrong code must be counted even though the call fails: the transaction returns the verdict and the
    // refusal is thrown after its commit.
    const verdict = await this.db.transaction(async (em): Promise<CodeVerdict> => {
      const addressWait = await this.throttle.secondsUntilAllowed(
        em,
        'fail-address',
        clientAddress,
        this.throttle.failuresPerAddress(),
        now,
      );
      if (addressWait > 0) return { refused: 'throttled', retryAfterSeconds: addressWait };
      const row = await em.findOne(PhoneCode, {
        where: { phoneDigest },
        lock: { mode: 'pessimistic_write' },
      });
      const check = checkCode(row, this.codeDigest(phone, code), this.policy(), now);
      switch (check.outcome) {
        case 'accepted':
          await em.update(PhoneCode, { phoneDigest }, toColumns(check.next));
          return { subject: await this.customers.subjectForPhone(em, phone) };
        case 'wrong':
          await em.update(PhoneCode, { phoneDigest }, toColumns(check.next));
          await this.throttle.record(em, 'fail-address', clientAddress, now);
          return { refused: 'wrong' };
        case 'locked':
          return { refused: 'throttled', retryAfterSeconds: check.retryAfterSeconds };
        case 'none':
          await this.throttle.record(em, 'fail-address', clientAddress, now);
          return { refused: 'wrong' };
      }
    });
    if (verdict.refused === undefined) return verdict.subject;
    if (verdict.refused === 'throttled')
      throw new TooManyAttemptsError('wrong codes', verdict.retryAfterSeconds);
    throw new SignInRefusedError('code');
  }

  private codeDigest(phone: string, code: string): string {
    return keyedDigest(this.config.IDENTITY_HASH_SECRET, 'code', phone, code);
  }

  private policy() {
    return {
      maxFailures: this.config.IDENTITY_CODE_MAX_FAILURES,
      lockSeconds: this.config.IDENTITY_LOCK_SECONDS,
    };
  }

  private perPhone() {
    return [
      { max: 1, windowSeconds: this.config.IDENTITY_SEND_INTERVAL_SECONDS },
      { max: this.config.IDENTITY_SENDS_PER_PHONE_PER_HOUR, windowSeconds: 3600 },
    ];
  }

  private perAddress() {
    return [{ max: this.config.IDENTITY_SENDS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 }];
  }
}

function toColumns(code: OutstandingCode): Partial<PhoneCode> {
  return {
    codeDigest: code.codeDigest,
    expiresAt: code.expiresAt,
    failedAttempts: code.failedAttempts,
    lockedUntil: code.lockedUntil,
  };
}
