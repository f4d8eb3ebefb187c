import { checkPasswordStrength, hashPassword, passwordMatches, WeakPasswordError } from './password-hash';

describe('password hashing (scrypt)', () => {
  it('matches the password it hashed and nothing else; each hash has its own salt', async () => {
    const hash = await hashPassword('fresh-basil-42');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await passwordMatches('fresh-basil-42', hash)).toBe(true);
    expect(await passwordMatches('fresh-basil-43', hash)).toBe(false);
    expect(await hashPassword('fresh-basil-42')).not.toBe(hash);
  });

  it('refuses a stored value of another scheme', async () => {
    expect(await passwordMatches('x', 'bcrypt$whatever')).toBe(false);
  });

  it('refuses short and digits-only passwords, naming the field', () => {
    expect(() => checkPasswordStrength('short')).toThrow(WeakPasswordError);
    expect(() => checkPasswordStrength('12345678')).toThrow(expect.objectContaining({ field: 'password' }));
    expect(() => checkPasswordStrength('long enough')).not.toThrow();
  });
});
