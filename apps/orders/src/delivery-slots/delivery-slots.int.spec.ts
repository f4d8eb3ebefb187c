import { createFixture, startOrdersTestApp, type Fixture, type OrdersTestApp } from '@harvest/orders/testing';

describe('delivery slots: bad input gets a 4xx naming the field, and nothing is written (real MariaDB)', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  const slotCount = async () =>
    Number((await t.db.transaction((em) => em.query('SELECT COUNT(*) AS n FROM delivery_slot')))[0].n);
  const admin = async () => ({ authorization: `Bearer ${await t.token('admin', 'ops-1')}` });

  beforeAll(async () => {
    t = await startOrdersTestApp();
    f = await createFixture(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['a day that does not exist', { date: '2026-02-30' }, 'date'],
    ['a 13th month', { date: '2026-13-01' }, 'date'],
    ['a capacity no window holds', { capacity: 2 ** 32 }, 'capacity'],
    ['a cut-off longer than a week', { cutoffMinutesBefore: 7 * 24 * 60 + 1 }, 'cutoffMinutesBefore'],
  ])('creating a slot with %s', async (_name, over, field) => {
    const before = await slotCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/delivery-slots',
      headers: await admin(),
      payload: {
        zoneId: f.zoneId,
        date: '2099-03-01',
        windowStart: '09:00',
        windowEnd: '12:00',
        capacity: 10,
        cutoffMinutesBefore: 60,
        ...over,
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await slotCount()).toBe(before);
  });

  it.each(['1000-01-01', '2999-12-31'])(
    'creating a slot dated %s, outside the offering horizon',
    async (date) => {
      const before = await slotCount();
      const response = await t.app.inject({
        method: 'POST',
        url: '/delivery-slots',
        headers: await admin(),
        payload: {
          zoneId: f.zoneId,
          date,
          windowStart: '09:00',
          windowEnd: '12:00',
          capacity: 10,
          cutoffMinutesBefore: 60,
        },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({
        type: 'urn:harvest:problem:slot-date-out-of-range',
        field: 'date',
      });
      expect(await slotCount()).toBe(before);
    },
  );

  it('listing from a day that does not exist', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/delivery-slots?zoneId=${f.zoneId}&from=2026-02-30`,
      headers: await admin(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'from' })]);
  });
});
