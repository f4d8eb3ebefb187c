import { randomUUID } from 'node:crypto';
import { type CallcenterTestApp, startCallcenterTestApp } from '@harvest/callcenter/testing';

/** Quality complaints get a 1-second SLA here, so one can be seen going overdue. */
describe('tickets with SLA timers, directory admin, and the embedded default without a vendor', () => {
  let t: CallcenterTestApp;
  const as = async (
    role: 'agent' | 'admin' | 'customer',
    subject = role === 'agent' ? 'agent-1' : 'ops-1',
  ) => ({
    authorization: `Bearer ${await t.token(role, subject)}`,
    'idempotency-key': randomUUID(),
  });
  const open = async (payload: object) =>
    t.app.inject({ method: 'POST', url: '/tickets', headers: await as('agent'), payload });
  const overdueIds = async () =>
    (await t.app.inject({ method: 'GET', url: '/tickets/overdue', headers: await as('admin') }))
      .json()
      .tickets.map((x: { id: string }) => x.id);

  beforeAll(async () => {
    t = await startCallcenterTestApp({
      CALLCENTER_SLA_SECONDS_QUALITY_COMPLAINT: '1',
      CALLCENTER_SLA_SECONDS_OTHER: '3600',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists an open quality complaint as overdue once its SLA passes, and no longer once resolved', async () => {
    const complaint = await open({
      customerId: 'cust-t-1',
      kind: 'quality_complaint',
      description: '草莓到货时有霉斑',
      imageIds: ['img-1', 'img-2'],
    });
    expect(complaint.statusCode).toBe(201);
    const delivery = await open({ customerId: 'cust-t-1', kind: 'delivery', description: '配送晚了两小时' });
    const id = complaint.json().id;
    expect(complaint.json()).toMatchObject({
      status: 'open',
      overdue: false,
      imageIds: ['img-1', 'img-2'],
      openedBy: 'agent-1',
    });
    expect(await overdueIds()).not.toContain(id);

    await new Promise((resolve) => setTimeout(resolve, 1200));
    const overdue = await overdueIds();
    expect(overdue).toContain(id);
    expect(overdue).not.toContain(delivery.json().id);
    expect(
      (await t.app.inject({ method: 'GET', url: `/tickets/${id}`, headers: await as('agent') })).json()
        .overdue,
    ).toBe(true);

    const resolved = await t.app.inject({
      method: 'POST',
      url: `/tickets/${id}/resolve`,
      headers: await as('agent'),
      payload: { resolution: 'store_credit', amountFen: 1500, note: '补偿 15 元' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolution: 'store_credit',
      resolutionAmountFen: 1500,
      resolvedBy: 'agent-1',
      overdue: false,
    });
    expect(await overdueIds()).not.toContain(id);

    const twice = await t.app.inject({
      method: 'POST',
      url: `/tickets/${id}/resolve`,
      headers: await as('agent'),
      payload: { resolution: 'reshipment' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await t.count('SELECT COUNT(*) AS n FROM ticket');
    const badKind = await open({ customerId: 'c', kind: 'rotten', description: 'x' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.body).toContain('kind');
    const unknownField = await open({ customerId: 'c', kind: 'other', description: 'x', priority: 'high' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.body).toContain('priority');
    const badImage = await open({
      customerId: 'c',
      kind: 'other',
      description: 'x',
      imageIds: ['../etc/passwd'],
    });
    expect(badImage.statusCode).toBe(400);
    expect(await t.count('SELECT COUNT(*) AS n FROM ticket')).toBe(before);

    const id = (await open({ customerId: 'c', kind: 'other', description: 'x' })).json().id;
    const noAmount = await t.app.inject({
      method: 'POST',
      url: `/tickets/${id}/resolve`,
      headers: await as('agent'),
      payload: { resolution: 'refund' },
    });
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json()).toMatchObject({ field: 'amountFen' });
    for (const payload of [
      { resolution: 'store_credit', amountFen: null },
      { resolution: 'store_credit', amountFen: 100_000_001 },
    ]) {
      const refused = await t.app.inject({
        method: 'POST',
        url: `/tickets/${id}/resolve`,
        headers: await as('agent'),
        payload,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain('amountFen');
    }
    expect(
      (await t.app.inject({ method: 'GET', url: `/tickets/${id}`, headers: await as('agent') })).json()
        .status,
    ).toBe('open');
  });

  it('keeps one phone number per customer and rejects a non-number, masking every read', async () => {
    const put = async (customerId: string, phone: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/customer-contacts/${customerId}`,
        headers: await as('admin'),
        payload: { name: '客户', phone },
      });
    const saved = await put('cust-d-1', '13800138009');
    expect(saved.statusCode).toBe(200);
    expect(saved.json().phone).toBe('+86138****8009');
    expect((await put('cust-d-2', '+86 138 0013 8009')).statusCode).toBe(409);
    const bad = await put('cust-d-3', 'call me');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'phone' });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/customer-contacts/cust-d-4',
          headers: await as('agent'),
          payload: { name: 'x', phone: '13800138010' },
        })
      ).statusCode,
    ).toBe(403);
    const list = (
      await t.app.inject({ method: 'GET', url: '/customer-contacts', headers: await as('admin') })
    ).json();
    expect(JSON.stringify(list)).not.toContain('13800138009');

    const lookup = async (phone: string) =>
      t.app.inject({
        method: 'GET',
        url: `/customer-contacts/lookup?phone=${encodeURIComponent(phone)}`,
        headers: await as('agent'),
      });
    expect((await lookup('+86 138-0013-8009')).json()).toEqual({
      customerId: 'cust-d-1',
      name: '客户',
      phone: '+86138****8009',
    });
    expect((await lookup('13900000000')).statusCode).toBe(404);
    expect((await lookup('nope')).json()).toMatchObject({ field: 'phone' });

    const remove = async () =>
      t.app.inject({ method: 'DELETE', url: '/customer-contacts/cust-d-1', headers: await as('admin') });
    expect((await remove()).statusCode).toBe(204);
    expect((await lookup('13800138009')).statusCode).toBe(404);
    expect((await remove()).statusCode).toBe(404);
  });

  it('answers click-to-call and recordings with a clear 503 when no vendor is configured', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/customer-contacts/cust-nv',
      headers: await as('admin'),
      payload: { name: '客户', phone: '13800138011' },
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/click-to-call',
      headers: await as('agent'),
      payload: { customerId: 'cust-nv' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      type: 'urn:harvest:problem:vendor-not-configured',
      detail: expect.stringContaining('CALLCENTER_VENDOR_BASE_URL'),
    });
  });
});
