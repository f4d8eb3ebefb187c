import { TokenPolicy, TokenRefusedError } from './token-policy';

const NOW = 1_800_000_000;
const policy = new TokenPolicy({ issuer: 'harvest', audience: 'harvest-api', algorithms: ['HS256'] });

const claims = (over: Record<string, unknown> = {}) => ({
  sub: 'c-1',
  role: 'customer',
  iss: 'harvest',
  aud: 'harvest-api',
  iat: NOW - 10,
  exp: NOW + 600,
  ...over,
});

const refusal = (payload: Record<string, unknown>): string => {
  try {
    policy.principalOf(payload, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRefusedError);
    return (error as Error).message;
  }
  throw new Error('the policy accepted the token');
};

describe('TokenPolicy', () => {
  it('accepts a token within the rules and hands back its principal', () => {
    expect(policy.principalOf(claims({ aud: ['other-api', 'harvest-api'] }), NOW)).toEqual({
      subject: 'c-1',
      role: 'customer',
    });
  });

  it('refuses a token without exp, or with exp that is not a number', () => {
    const { exp: _exp, ...withoutExp } = claims();
    expect(refusal(withoutExp)).toMatch(/no expiry/);
    expect(refusal(claims({ exp: String(NOW + 60) }))).toMatch(/no expiry/);
  });

  it('refuses an expired token', () => {
    expect(refusal(claims({ exp: NOW }))).toMatch(/expired/);
  });

  it('refuses a missing or foreign audience and a foreign issuer', () => {
    const { aud: _aud, ...withoutAud } = claims();
    expect(refusal(withoutAud)).toMatch(/aud/);
    expect(refusal(claims({ aud: 'someone-else' }))).toMatch(/aud/);
    expect(refusal(claims({ aud: [] }))).toMatch(/aud/);
    expect(refusal(claims({ iss: 'evil' }))).toMatch(/issuer/);
    const { iss: _iss, ...withoutIss } = claims();
    expect(refusal(withoutIss)).toMatch(/issuer/);
  });

  it('refuses iat or nbf in the future beyond the clock skew, and tolerates it within', () => {
    expect(refusal(claims({ iat: NOW + 31 }))).toMatch(/not valid yet/);
    expect(refusal(claims({ nbf: NOW + 31 }))).toMatch(/not valid yet/);
    expect(policy.principalOf(claims({ iat: NOW + 30, nbf: NOW + 30 }), NOW).subject).toBe('c-1');
  });

  it.each([
    ['customer', 3600],
    ['agent', 3600],
    ['admin', 3600],
    ['scanner', 300],
    ['service', 600],
  ])('limits a %s token to %i s, from iat and from now', (role, max) => {
    expect(policy.principalOf(claims({ role, iat: NOW, exp: NOW + max }), NOW).role).toBe(role);
    expect(refusal(claims({ role, iat: NOW, exp: NOW + max + 1 }))).toMatch(`${max} s`);
    // A token issued long ago may not have been valid for longer than its kind allows either.
    expect(refusal(claims({ role, iat: NOW - max, exp: NOW + 5 }))).toMatch(`${max} s`);
    // Without iat, the time left still counts.
    const { iat: _iat, ...withoutIat } = claims({ role, exp: NOW + max + 1 });
    expect(refusal(withoutIat)).toMatch(`${max} s`);
  });

  it('takes the per-kind limits and the skew from its settings', () => {
    const strict = new TokenPolicy({
      issuer: 'harvest',
      audience: 'harvest-api',
      algorithms: ['HS256'],
      maxLifetimeSeconds: { customer: 60 },
      clockSkewSeconds: 0,
    });
    expect(() => strict.principalOf(claims({ iat: NOW, exp: NOW + 61 }), NOW)).toThrow(/60 s/);
    expect(() => strict.principalOf(claims({ iat: NOW + 1, exp: NOW + 30 }), NOW)).toThrow(/not valid yet/);
  });

  it('refuses an algorithm other than the configured one', () => {
    for (const alg of ['none', 'HS512', 'RS256', undefined]) {
      expect(() => policy.checkHeader({ alg })).toThrow(/HS256/);
    }
    expect(() => policy.checkHeader({ alg: 'HS256' })).not.toThrow();
  });

  it('lets only a service act on behalf of someone, and a call id only come with that someone', () => {
    expect(
      policy.principalOf(
        claims({
          sub: 'callcenter',
          role: 'service',
          act: { sub: 'agent-5' },
          call_id: 'call-1',
          exp: NOW + 60,
        }),
        NOW,
      ),
    ).toEqual({ subject: 'callcenter', role: 'service', actor: { subject: 'agent-5' }, callId: 'call-1' });
    expect(refusal(claims({ role: 'agent', act: { sub: 'agent-5' } }))).toMatch(/Only a service/);
    expect(refusal(claims({ role: 'service', call_id: 'call-1', exp: NOW + 60 }))).toMatch(/call id/);
    expect(refusal(claims({ role: 'superuser' }))).toMatch(/known role/);
  });
});
