import {
  addContact,
  type CallcenterTestApp,
  captureLogLines,
  FakeSkylineVendor,
  OLD_WEBHOOK_SECRET,
  skylineEvent,
  startCallcenterTestApp,
  WEBHOOK_SECRET,
} from '@harvest/callcenter/testing';

const PHONE = '+8613800138001';

describe('vendor webhooks (real MariaDB, Skyline adapter)', () => {
  let t: CallcenterTestApp;
  const vendor = new FakeSkylineVendor();
  let logs: string[];
  const send = (
    body: object | Buffer,
    options: { secret?: string; timestamp?: number; signature?: string } = {},
  ) => vendor.sendWebhook(t.webhookUrl, body, { secret: WEBHOOK_SECRET, ...options });
  const sideEffects = async (callId: string) => ({
    events: await t.count('SELECT COUNT(*) AS n FROM webhook_event WHERE call_id = ?', [callId]),
    calls: await t.count('SELECT COUNT(*) AS n FROM call_record WHERE call_id = ?', [callId]),
    pops: await t.count('SELECT COUNT(*) AS n FROM screen_pop WHERE call_id = ?', [callId]),
  });
  const none = { events: 0, calls: 0, pops: 0 };

  beforeAll(async () => {
    t = await startCallcenterTestApp();
    logs = captureLogLines(t);
    await addContact(t, 'cust-wh-1', '王小明', '138 0013 8001');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('applies a correctly signed ringing event: the call is recorded, linked to the customer and popped', async () => {
    const response = await send(skylineEvent('call.ringing', 'call-ok-1'));
    expect(response).toEqual({ status: 200, body: { applied: true, eventId: expect.any(String) } });
    expect(await sideEffects('call-ok-1')).toEqual({ events: 1, calls: 1, pops: 1 });
    const [call] = await t.db.transaction((em) =>
      em.query(
        'SELECT status, customer_id AS customerId, customer_number AS number, agent_id AS agentId FROM call_record WHERE call_id = ?',
        ['call-ok-1'],
      ),
    );
    expect(call).toEqual({ status: 'ringing', customerId: 'cust-wh-1', number: PHONE, agentId: 'agent-1' });
  });

  it('accepts the previous secret during a rotation', async () => {
    expect(
      (await send(skylineEvent('call.ringing', 'call-rotated'), { secret: OLD_WEBHOOK_SECRET })).status,
    ).toBe(200);
    expect((await sideEffects('call-rotated')).calls).toBe(1);
  });

  it('refuses a forged signature, a tampered body, a missing signature and a stale or future timestamp with 401 and no side effect', async () => {
    const forged = await send(skylineEvent('call.ringing', 'call-forged'), {
      secret: 'an-attackers-guess-0123456789',
    });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ type: 'urn:harvest:problem:webhook-unauthenticated' });

    const genuine = Buffer.from(
      JSON.stringify(skylineEvent('call.ringing', 'call-tampered', { agentId: 'agent-1' })),
    );
    const timestamp = Math.floor(Date.now() / 1000);
    const { signSkylinePayload } = await import('../calls/vendor/skyline/skyline-signature');
    const signature = signSkylinePayload(WEBHOOK_SECRET, String(timestamp), genuine);
    const tampered = Buffer.from(genuine.toString().replace('agent-1', 'agent-9'));
    expect((await send(tampered, { timestamp, signature })).status).toBe(401);

    expect((await send(skylineEvent('call.ringing', 'call-unsigned'), { signature: '' })).status).toBe(401);
    const sixMinutes = 6 * 60;
    expect(
      (await send(skylineEvent('call.ringing', 'call-stale'), { timestamp: timestamp - sixMinutes })).status,
    ).toBe(401);
    expect(
      (await send(skylineEvent('call.ringing', 'call-future'), { timestamp: timestamp + sixMinutes })).status,
    ).toBe(401);

    for (const callId of ['call-forged', 'call-tampered', 'call-unsigned', 'call-stale', 'call-future'])
      expect(await sideEffects(callId)).toEqual(none);
  });

  it('drops a replayed event by its id, also when the copies arrive at once', async () => {
    const ringing = skylineEvent('call.ringing', 'call-replayed');
    expect((await send(ringing)).body).toMatchObject({ applied: true });
    const replays = await Promise.all(Array.from({ length: 5 }, () => send(ringing)));
    expect(replays.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replays.map((r) => r.body)).toEqual(
      Array(5).fill({ applied: false, duplicate: true, eventId: ringing.id }),
    );
    expect(await sideEffects('call-replayed')).toEqual({ events: 1, calls: 1, pops: 1 });

    // A replay of an old event arriving after the call ended changes nothing either.
    await send(skylineEvent('call.ended', 'call-replayed', { duration: 30 }));
    expect((await send(ringing)).body).toMatchObject({ duplicate: true });
    const [row] = await t.db.transaction((em) =>
      em.query('SELECT status FROM call_record WHERE call_id = ?', ['call-replayed']),
    );
    expect(row.status).toBe('ended');
  });

  it('answers a signed but unknown body with 400 and writes nothing', async () => {
    const response = await send({ id: 'evt-odd', event: 'call.transferred', data: {} });
    expect(response.status).toBe(400);
    expect(await t.count("SELECT COUNT(*) AS n FROM webhook_event WHERE event_id = 'evt-odd'")).toBe(0);
  });

  it.each([
    ['2^32', 2 ** 32],
    ['2^63', 2 ** 63],
    ['1e308', 1e308],
    ['a day and a second', 24 * 60 * 60 + 1],
  ])(
    'answers a signed call.ended with a duration of %s with 400 naming data.duration, and writes nothing',
    async (_name, duration) => {
      const callId = `call-long-${duration}`;
      const response = await send(skylineEvent('call.ended', callId, { duration }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        type: 'urn:harvest:problem:webhook-malformed',
        field: 'data.duration',
      });
      expect(await sideEffects(callId)).toEqual(none);
    },
  );

  it('accepts a call of a whole day', async () => {
    expect((await send(skylineEvent('call.ended', 'call-day-long', { duration: 24 * 60 * 60 }))).status).toBe(
      200,
    );
  });

  it('merges events arriving out of order into one call, recording included', async () => {
    const start = new Date(Date.now() - 60_000);
    await send(
      skylineEvent('recording.ready', 'call-ooo', { occurredAt: new Date(start.getTime() + 50_000) }),
    );
    await send(
      skylineEvent('call.ended', 'call-ooo', {
        duration: 40,
        occurredAt: new Date(start.getTime() + 45_000),
      }),
    );
    await send(skylineEvent('call.answered', 'call-ooo', { occurredAt: new Date(start.getTime() + 5_000) }));
    await send(skylineEvent('call.ringing', 'call-ooo', { occurredAt: start }));
    const [row] = await t.db.transaction((em) =>
      em.query(
        'SELECT status, duration_seconds AS duration, has_recording AS rec, started_at AS startedAt FROM call_record WHERE call_id = ?',
        ['call-ooo'],
      ),
    );
    expect(row).toEqual({ status: 'ended', duration: 40, rec: 1, startedAt: start });
    expect((await sideEffects('call-ooo')).pops).toBe(0); // the late ringing and answered popped nothing
  });

  it('shows the full number only to the agent on the call; other agents and admins see it masked', async () => {
    const view = async (role: 'agent' | 'admin', subject: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/calls/call-ok-1',
          headers: { authorization: `Bearer ${await t.token(role, subject)}` },
        })
      ).json();
    expect((await view('agent', 'agent-1')).customerNumber).toBe(PHONE);
    expect((await view('agent', 'agent-2')).customerNumber).toBe('+86138****8001');
    expect((await view('admin', 'ops-1')).customerNumber).toBe('+86138****8001');
    const contact = await t.app.inject({
      method: 'GET',
      url: '/customer-contacts/cust-wh-1',
      headers: { authorization: `Bearer ${await t.token('agent', 'agent-1')}` },
    });
    expect(contact.json()).toEqual({ customerId: 'cust-wh-1', name: '王小明', phone: '+86138****8001' });
    const customer = await t.app.inject({
      method: 'GET',
      url: '/calls/call-ok-1',
      headers: { authorization: `Bearer ${await t.token('customer', 'cust-wh-1')}` },
    });
    expect(customer.statusCode).toBe(403);
  });

  it('counts webhooks by outcome in /metrics', async () => {
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    for (const outcome of ['applied', 'duplicate', 'signature', 'timestamp', 'malformed']) {
      expect(metrics).toMatch(
        new RegExp(`harvest_callcenter_webhooks_total\\{vendor="skyline",outcome="${outcome}"\\} [1-9]`),
      );
    }
  });

  it('never writes a full phone number to the log', async () => {
    const joined = logs.join('\n');
    expect(joined).toContain('call call-ok-1 ringing (caller +86138****8001');
    expect(joined).not.toContain('13800138001');
    expect(joined).not.toContain('138 0013 8001');
  });
});
