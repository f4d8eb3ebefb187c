import { TokenPolicy, TokenRefusedError } from './token-policy';

const NOW = 1_800_000_000;
const policy = new TokenPolicy({
  issuer: 'https://id.test/realms/harvest',
  audience: 'orders',
  algorithms: ['RS256', 'ES256'],
});

const claims = (over: Record<string, unknown> = {}) => ({
  sub: 'c-1',
  roles: ['customer'],
  iss: 'https://id.test/realms/harvest',
  aud: 'orders',
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
    expect(policy.principalOf(claims({ aud: ['other-api', 'orders'] }), NOW)).toEqual({
      subject: 'c-1',
      roles: ['customer'],
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
    const roles = [role];
    expect(policy.principalOf(claims({ roles, iat: NOW, exp: NOW + max }), NOW).roles).toEqual(roles);
    expect(refusal(claims({ roles, iat: NOW, exp: NOW + max + 1 }))).toMatch(`${max} s`);
    // A token issued long ago may not have been valid for longer than its kind allows either.
    expect(refusal(claims({ roles, iat: NOW - max, exp: NOW + 5 }))).toMatch(`${max} s`);
    // Without iat, the time left still counts.
    const { iat: _iat, ...withoutIat } = claims({ roles, exp: NOW + max + 1 });
    expect(refusal(withoutIat)).toMatch(`${max} s`);
  });

  it('holds a token with several roles to the strictest of their limits', () => {
    const roles = ['agent', 'scanner'];
    expect(refusal(claims({ roles, iat: NOW, exp: NOW + 301 }))).toMatch(/scanner token may \(300 s\)/);
    expect(policy.principalOf(claims({ roles, iat: NOW, exp: NOW + 300 }), NOW).roles).toEqual(roles);
  });

  it('reads roles, azp, the center and scopes; ignores role names that are not ours, needs one of ours', () => {
    expect(
      policy.principalOf(
        claims({
          sub: 'kc-uuid-1',
          roles: ['agent', 'default-roles-harvest', 'admin', 'agent'],
          azp: 'agent-console',
          fulfillment_center_id: 'fc-ams-1',
          scope: 'openid profile',
          exp: NOW + 60,
        }),
        NOW,
      ),
    ).toEqual({
      subject: 'kc-uuid-1',
      roles: ['agent', 'admin'],
      clientId: 'agent-console',
      fulfillmentCenterId: 'fc-ams-1',
      scopes: ['openid', 'profile'],
    });
    expect(refusal(claims({ roles: ['offline_access'] }))).toMatch(/known role/);
    expect(refusal(claims({ roles: [] }))).toMatch(/known role/);
    expect(refusal(claims({ roles: 'customer' }))).toMatch(/known role/);
    const { roles: _roles, ...withoutRoles } = claims({ role: 'admin' });
    expect(refusal(withoutRoles)).toMatch(/known role/);
  });

  it('takes the per-kind limits and the skew from its settings', () => {
    const strict = new TokenPolicy({
      issuer: 'https://id.test/realms/harvest',
      audience: 'orders',
      algorithms: ['RS256'],
      maxLifetimeSeconds: { customer: 60 },
      clockSkewSeconds: 0,
    });
    expect(() => strict.principalOf(claims({ iat: NOW, exp: NOW + 61 }), NOW)).toThrow(/60 s/);
    expect(() => strict.principalOf(claims({ iat: NOW + 1, exp: NOW + 30 }), NOW)).toThrow(/not valid yet/);
  });

  it('refuses an algorithm other than the configured ones, HS256 included', () => {
    for (const alg of ['none', 'HS256', 'HS512', 'PS256', 'ES384', undefined]) {
      expect(() => policy.checkHeader({ alg })).toThrow(/RS256 or ES256/);
    }
    expect(() => policy.checkHeader({ alg: 'RS256' })).not.toThrow();
    expect(() => policy.checkHeader({ alg: 'ES256' })).not.toThrow();
  });
});
