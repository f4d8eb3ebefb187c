import { digestsMatch } from '../../shared/domain/keyed-digest';

/** The one code a phone has outstanding (at most one: a new send replaces it). */
export interface OutstandingCode {
  codeDigest: string | null;
  expiresAt: Date;
  failedAttempts: number;
  lockedUntil: Date | null;
}

export interface CodePolicy {
  maxFailures: number;
  lockSeconds: number;
}

/**
 * What checking a submitted code does: `accepted` consumes the code; `wrong` counts a failure (and at the
 * last one voids the code and locks the phone); `locked` and `none` change nothing. A used code has no
 * digest left, so it reads as `none`, like an expired or never-sent one.
 */
export type CodeCheck =
  | { outcome: 'accepted'; next: OutstandingCode }
  | { outcome: 'wrong'; next: OutstandingCode }
  | { outcome: 'locked'; retryAfterSeconds: number }
  | { outcome: 'none' };

export function checkCode(
  code: OutstandingCode | null,
  submittedDigest: string,
  policy: CodePolicy,
  now: Date,
): CodeCheck {
  if (!code) return { outcome: 'none' };
  if (code.lockedUntil && code.lockedUntil > now)
    return { outcome: 'locked', retryAfterSeconds: secondsBetween(now, code.lockedUntil) };
  if (!code.codeDigest || code.expiresAt <= now) return { outcome: 'none' };
  if (digestsMatch(code.codeDigest, submittedDigest))
    return { outcome: 'accepted', next: { ...code, codeDigest: null, failedAttempts: 0 } };
  const failedAttempts = code.failedAttempts + 1;
  if (failedAttempts < policy.maxFailures) return { outcome: 'wrong', next: { ...code, failedAttempts } };
  return {
    outcome: 'wrong',
    next: {
      ...code,
      codeDigest: null,
      failedAttempts,
      lockedUntil: new Date(now.getTime() + policy.lockSeconds * 1000),
    },
  };
}

/** Whether a new code may be sent to a phone: not while it is locked. */
export function lockedFor(code: OutstandingCode | null, now: Date): number {
  return code?.lockedUntil && code.lockedUntil > now ? secondsBetween(now, code.lockedUntil) : 0;
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000));
}
