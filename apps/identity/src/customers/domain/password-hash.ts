import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { DomainError } from '@harvest/platform/errors';

/**
 * Passwords with node:crypto's scrypt (no native add-on to build, unlike argon2/bcrypt packages), stored
 * self-describing: `scrypt$N$r$p$salt$hash` (base64), so the cost can rise later without breaking old hashes.
 * N=2^15, r=8, p=1 is OWASP's scrypt minimum (32 MiB, tens of ms a check).
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

export class WeakPasswordError extends DomainError {
  constructor(detail: string) {
    super('invalid', 'weak-password', detail, { field: 'password' });
  }
}

/** At least 8 characters, not only digits (a 6-digit PIN is a code, not a password). */
export function checkPasswordStrength(password: string): void {
  if (password.length < 8) throw new WeakPasswordError('must be at least 8 characters');
  if (/^\d+$/.test(password)) throw new WeakPasswordError('must not be digits only');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}
