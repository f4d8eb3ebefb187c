import { keyedDigest } from '../../shared/domain/keyed-digest';
import { checkCode, lockedFor, type OutstandingCode } from './phone-code-check';

const SECRET = 'k'.repeat(32);
const now = new Date('2026-12-07T12:00:00Z');
const policy = { maxFailures: 5, lockSeconds: 900 };
const digest = (code: string) => keyedDigest(SECRET, 'code', '+8613800138000', code);
const outstanding = (overrides: Partial<OutstandingCode> = {}): OutstandingCode => ({
  codeDigest: digest('123456'),
  expiresAt: new Date(now.getTime() + 60_000),
  failedAttempts: 0,
  lockedUntil: null,
  ...overrides,
});

describe('checkCode', () => {
  it('accepts the outstanding code once and consumes it', () => {
    const check = checkCode(outstanding(), digest('123456'), policy, now);
    expect(check).toMatchObject({ outcome: 'accepted', next: { codeDigest: null } });
    if (check.outcome !== 'accepted') throw new Error('not accepted');
    expect(checkCode(check.next, digest('123456'), policy, now)).toEqual({ outcome: 'none' });
  });

  it('counts wrong codes and at the fifth voids the code and locks the phone', () => {
    let code = outstanding();
    for (let i = 1; i <= 4; i++) {
      const check = checkCode(code, digest('000000'), policy, now);
      if (check.outcome !== 'wrong') throw new Error(check.outcome);
      expect(check.next).toMatchObject({ failedAttempts: i, lockedUntil: null });
      code = check.next;
    }
    const fifth = checkCode(code, digest('000000'), policy, now);
    expect(fifth).toMatchObject({ outcome: 'wrong', next: { failedAttempts: 5, codeDigest: null } });
    if (fifth.outcome !== 'wrong') throw new Error(fifth.outcome);
    expect(fifth.next.lockedUntil).toEqual(new Date(now.getTime() + 900_000));
    expect(checkCode(fifth.next, digest('123456'), policy, now)).toEqual({
      outcome: 'locked',
      retryAfterSeconds: 900,
    });
    expect(lockedFor(fifth.next, now)).toBe(900);
    expect(lockedFor(fifth.next, new Date(now.getTime() + 900_001))).toBe(0);
  });

  it('refuses an expired code and a phone without one, changing nothing', () => {
    expect(checkCode(outstanding({ expiresAt: now }), digest('123456'), policy, now)).toEqual({
      outcome: 'none',
    });
    expect(checkCode(null, digest('123456'), policy, now)).toEqual({ outcome: 'none' });
  });
});
