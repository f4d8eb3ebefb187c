import { TestIssuer } from '@harvest/testing';
import { startIdentityForTest, type IdentityUnderTest } from '@harvest/identity/testing';

describe('identity: phone sign-in codes (real MariaDB, Aliyun SMS test server)', () => {
  let identity: IdentityUnderTest;
  let issuer: TestIssuer;
  let keycloak: string;

  const send = (phone: string, remoteAddress: string) =>
    identity.http.app.inject({ method: 'POST', url: '/phone-codes', payload: { phone }, remoteAddress });
  const verify = (phone: string, code: string, clientAddress = '203.0.113.200', token = keycloak) =>
    identity.http.app.inject({
      method: 'POST',
      url: '/phone-codes/verify',
      payload: { phone, code, clientAddress },
      headers: { authorization: `Bearer ${token}` },
    });
  const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  beforeAll(async () => {
    issuer = await new TestIssuer('identity').start();
    identity = await startIdentityForTest({
      ...issuer.env,
      IDENTITY_SENDS_PER_ADDRESS_PER_HOUR: '3',
      IDENTITY_FAILURES_PER_ADDRESS_PER_HOUR: '8',
    });
    keycloak = await issuer.tokenFor('service', 'svc-kc', { clientId: 'keycloak-phone-code' });
  });

  afterAll(async () => {
    await identity?.close();
    await issuer?.close();
  });

  it('sends a 6-digit code by SMS (202), and the issuer exchanges it once for a stable subject', async () => {
    const sent = await send('138 0013 8001', '203.0.113.1');
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ expiresInSeconds: 300 });
    const [message] = identity.sms.messagesTo('13800138001');
    expect(message).toMatchObject({ signName: 'Harvest', templateCode: 'SMS_HARVEST_SIGN_IN' });
    expect(message!.params.code).toMatch(/^\d{6}$/);

    const first = await verify('+8613800138001', message!.params.code!);
    expect(first.statusCode).toBe(200);
    const { subject } = first.json();
    expect(subject).toMatch(/^[0-9a-f-]{36}$/);

    const used = await verify('+8613800138001', message!.params.code!);
    expect(used.statusCode).toBe(422);
    expect(used.json().type).toBe('urn:harvest:problem:phone-code-refused');

    await identity.ageThrottles(61);
    expect((await send('13800138001', '203.0.113.1')).statusCode).toBe(202);
    const again = await verify('13800138001', identity.lastCodeSentTo('13800138001'));
    expect(again.json()).toEqual({ subject });
  });

  it('locks the code after 5 wrong tries: even the right code and a new send are refused (429)', async () => {
    await send('13800138002', '203.0.113.2');
    const code = identity.lastCodeSentTo('13800138002');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await verify('13800138002', wrongCodeFor(code), '203.0.113.102');
      expect(wrong.statusCode).toBe(422);
    }
    const right = await verify('13800138002', code, '203.0.113.102');
    expect(right.statusCode).toBe(429);
    expect(right.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
    const resend = await send('13800138002', '203.0.113.22');
    expect(resend.statusCode).toBe(429);
    expect(identity.sms.messagesTo('13800138002')).toHaveLength(1);
  });

  it('refuses an expired code', async () => {
    await send('13800138003', '203.0.113.3');
    const code = identity.lastCodeSentTo('13800138003');
    await identity.ageCodes(301);
    const late = await verify('13800138003', code);
    expect(late.statusCode).toBe(422);
    expect(late.json().type).toBe('urn:harvest:problem:phone-code-refused');
  });

  it('throttles sending per phone (one a minute) and per client address (3 an hour here)', async () => {
    expect((await send('13800138004', '203.0.113.4')).statusCode).toBe(202);
    const tooSoon = await send('13800138004', '203.0.113.44');
    expect(tooSoon.statusCode).toBe(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(tooSoon.headers['retry-after'])).toBeLessThanOrEqual(60);

    const address = '198.51.100.9';
    for (const phone of ['13900000001', '13900000002', '13900000003'])
      expect((await send(phone, address)).statusCode).toBe(202);
    const fourth = await send('13900000004', address);
    expect(fourth.statusCode).toBe(429);
    expect(identity.sms.messagesTo('13900000004')).toHaveLength(0);
    expect((await send('13900000004', '198.51.100.10')).statusCode).toBe(202);
  });

  it('throttles failed verifications per client address across phones', async () => {
    const address = '192.0.2.77';
    let last = 0;
    for (let i = 0; i < 9; i++) last = (await verify(`1370000000${i}`, '000000', address)).statusCode;
    expect(last).toBe(429);
  });

  it('lets only the issuers verify: another service or a customer gets 403, no token 401', async () => {
    const orders = await issuer.tokenFor('service', 'orders', { clientId: 'orders' });
    const customer = await issuer.tokenFor('customer', 'c-1', { clientId: 'keycloak-phone-code' });
    expect((await verify('13800138005', '123456', '203.0.113.5', orders)).statusCode).toBe(403);
    expect((await verify('13800138005', '123456', '203.0.113.5', customer)).statusCode).toBe(403);
    const anonymous = await identity.http.app.inject({
      method: 'POST',
      url: '/phone-codes/verify',
      payload: { phone: '13800138005', code: '123456', clientAddress: '203.0.113.5' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses malformed input with a 400 problem naming the field', async () => {
    const badPhone = await send('12345', '203.0.113.6');
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    const badCode = await verify('13800138006', '12ab', '203.0.113.6');
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors).toEqual([expect.objectContaining({ field: 'code' })]);
  });

  it('signs in with phone + password once the customer has set one; shows the phone masked', async () => {
    await send('13800138007', '203.0.113.7');
    const { subject } = (await verify('13800138007', identity.lastCodeSentTo('13800138007'))).json();
    const customer = await issuer.tokenFor('customer', subject);
    const auth = { authorization: `Bearer ${customer}` };
    const weak = await identity.http.app.inject({
      method: 'PUT',
      url: '/customers/me/password',
      payload: { password: '12345678' },
      headers: auth,
    });
    expect(weak.statusCode).toBe(400);
    const set = await identity.http.app.inject({
      method: 'PUT',
      url: '/customers/me/password',
      payload: { password: 'fresh-basil-42' },
      headers: auth,
    });
    expect(set.statusCode).toBe(204);
    const me = await identity.http.app.inject({ method: 'GET', url: '/customers/me', headers: auth });
    expect(me.json()).toEqual({ subject, phone: '+86 138****8007', hasPassword: true });

    const byPassword = (password: string) =>
      identity.http.app.inject({
        method: 'POST',
        url: '/phone-passwords/verify',
        payload: { phone: '13800138007', password, clientAddress: '203.0.113.107' },
        headers: { authorization: `Bearer ${keycloak}` },
      });
    expect((await byPassword('fresh-basil-42')).json()).toEqual({ subject });
    expect((await byPassword('wrong-basil-42')).statusCode).toBe(422);
  });

  it('never logs a code or a phone number, even at trace level', async () => {
    const codes = identity.sms.received.map((m) => m.params.code!);
    expect(codes.length).toBeGreaterThan(5);
    expect(identity.logLines.length).toBeGreaterThan(10);
    // Random ids and timestamps may hold any 6 digits by chance; everything else a line says is checked.
    const log = identity.logLines
      .map((line) => {
        const { trace_id: _t, span_id: _s, request_id: _r, time: _time, ...said } = JSON.parse(line);
        return JSON.stringify(said);
      })
      .join('\n');
    for (const code of codes) expect(log).not.toContain(code);
    for (const { phoneNumbers } of identity.sms.received) expect(log).not.toContain(phoneNumbers);
    expect(log).not.toContain('+86');
  });
});
