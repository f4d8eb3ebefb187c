import { excursionRaisedV1 } from '@harvest/contracts/fulfillment-excursion-raised';
import { createFixture, startOrdersTestApp, type Fixture, type OrdersTestApp } from '@harvest/orders/testing';
import { FulfillmentTestKit, inDays, waitFor } from '@harvest/fulfillment/testing';
import { openExcursions, openQaCases, QaMetricsJob } from './qa-metrics.job';

const MINUTE = 60_000;

interface CaseView {
  id: string;
  status: string;
  lots: Array<{ lotId: string; decision: string | null; qaHold: boolean; onHand: number }>;
}

/**
 * Issue 22's QA acceptance, with the real orders service in-process (Kafka): an excursion opens one QA case
 * listing the held lots, even when its event comes again (the same envelope, and a copy under a new id);
 * a release makes a lot sellable in orders again, a discard writes it off; the gauges the alert rules read
 * follow. MariaDB + Kafka.
 */
describe('QA cases on excursions, into orders (MariaDB + Kafka)', () => {
  let orders: OrdersTestApp;
  let f: Fixture;
  let kit: FulfillmentTestKit;
  let qa: string;
  const bin = (code: string) => `${f.centerId}-${code}`.toUpperCase();

  beforeAll(async () => {
    orders = await startOrdersTestApp({
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: '127.0.0.1:9092',
      EVENTS_MAX_ATTEMPTS: '20',
      EVENTS_RETRY_BACKOFF_MAX_MS: '1000',
    });
    f = await createFixture(orders);
    kit = await FulfillmentTestKit.start({
      FULFILLMENT_EXCURSION_SECONDS: String(10 * 60),
      FULFILLMENT_GAUGES_MS: '0',
    });
    await kit.createCenter(f.centerId);
    qa = await kit.issuer.tokenFor('agent', 'qa-1', { fulfillmentCenterId: f.centerId });
  }, 180_000);

  afterAll(async () => {
    await kit?.close();
    await orders?.close();
  });

  const sellableInOrders = async (skuId: string) => {
    const res = await orders.app.inject({
      method: 'GET',
      url: `/inventory/${f.centerId}/${skuId}`,
      headers: { authorization: `Bearer ${await orders.token('admin', 'ops-1')}` },
    });
    return res.statusCode === 200 ? (res.json() as { sellable: number }).sellable : null;
  };
  const sellableBecomes = (skuId: string, sellable: number) =>
    waitFor(
      `orders' sellable ${skuId} = ${sellable}`,
      async () => (await sellableInOrders(skuId)) === sellable,
      60_000,
    );
  const gauge = async (metric: typeof openExcursions) =>
    (await metric.get()).values.find((v) => v.labels.fulfillment_center === f.centerId)?.value;

  it('opens one case for an excursion, even redelivered; a release sells again, a discard writes off', async () => {
    const sku = await kit.publishSku({ skuId: `sku-tofu-${kit.suffix}` });
    const a = await kit.stockLot({
      skuId: sku.skuId,
      centerId: f.centerId,
      quantity: 12,
      expiryDate: inDays(8),
      bin: bin('CHL-01'),
    });
    const b = await kit.stockLot({
      skuId: sku.skuId,
      centerId: f.centerId,
      quantity: 8,
      expiryDate: inDays(8),
      bin: bin('CHL-02'),
    });
    await sellableBecomes(sku.skuId, 20);

    // The chiller is out of range for longer than the 10-minute window: one excursion, both lots held.
    const chiller = `${f.centerId}-chl`;
    const t0 = Date.now() - 60 * MINUTE;
    const reading = (minutes: number, celsius: number) => ({
      roomId: chiller,
      sensorId: 'probe-1',
      celsius,
      recordedAt: new Date(t0 + minutes * MINUTE).toISOString(),
    });
    const raised = await kit.request(
      'POST',
      '/telemetry/readings',
      kit.serviceToken,
      { readings: [reading(0, 9), reading(11, 9.5)] },
      null,
    );
    expect(raised.json()).toMatchObject({ excursionIds: [expect.any(String)] });
    await sellableBecomes(sku.skuId, 0);

    const cases = async () =>
      (
        (await kit.request('GET', `/qa-cases?fulfillmentCenterId=${f.centerId}`, qa)).json() as {
          qaCases: CaseView[];
        }
      ).qaCases;
    const [opened] = await waitFor('the QA case', async () => {
      const found = await cases();
      return found.length > 0 ? found : null;
    });
    expect(opened!.status).toBe('open');
    expect(opened!.lots.map((l) => l.lotId).sort()).toEqual([a.id, b.id].sort());
    expect(opened!.lots.every((l) => l.qaHold && l.decision === null)).toBe(true);

    // Redelivery: the same envelope again (the inbox drops it), and a copy under a new event id (the unique
    // excursion id keeps it one case). Wait until the copy is handled, then there is still one case.
    const [row] = await kit.query<{
      event_id: string;
      event_key: string;
      payload: string;
      occurred_at: Date;
    }>(
      "SELECT event_id, event_key, payload, occurred_at FROM {db}.outbox_event WHERE topic = 'fulfillment.excursion-raised'",
    );
    const payload = JSON.parse(row!.payload) as Parameters<typeof excursionRaisedV1.create>[0]['payload'];
    await kit.sendRaw(
      excursionRaisedV1.topic,
      row!.event_key,
      JSON.stringify({
        eventId: row!.event_id,
        type: excursionRaisedV1.type,
        version: excursionRaisedV1.version,
        topic: excursionRaisedV1.topic,
        key: row!.event_key,
        occurredAt: new Date(row!.occurred_at).toISOString(),
        payload,
        headers: {},
      }),
    );
    const copy = excursionRaisedV1.create({ key: row!.event_key, payload });
    await kit.sendRaw(excursionRaisedV1.topic, row!.event_key, JSON.stringify(copy));
    await waitFor(
      'the copy handled',
      async () =>
        (await kit.query('SELECT 1 FROM {db}.inbox_event WHERE event_id = ?', [copy.eventId])).length > 0,
    );
    expect((await cases()).map((c) => c.id)).toEqual([opened!.id]);

    // The gauges the alert rules read: one open excursion, one open case.
    const metrics = kit.http.app.get(QaMetricsJob);
    await metrics.refresh();
    expect([await gauge(openExcursions), await gauge(openQaCases)]).toEqual([1, 1]);

    // Not a scanner's decision; a reason is required.
    const scanner = await kit.scannerToken(f.centerId);
    const decide = (lotId: string, body: object, token = qa) =>
      kit.request('POST', `/qa-cases/${opened!.id}/lots/${lotId}/decision`, token, body);
    expect((await decide(a.id, { decision: 'release', reason: 'probe 3.1 °C' }, scanner)).statusCode).toBe(
      403,
    );
    const noReason = await decide(a.id, { decision: 'release' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.headers['content-type']).toMatch(/problem\+json/);

    const released = await decide(a.id, { decision: 'release', reason: 'core probe 3.1 °C, sound' });
    expect(released.statusCode).toBe(200);
    expect((released.json() as CaseView).status).toBe('open');
    await sellableBecomes(sku.skuId, 12);
    expect((await decide(a.id, { decision: 'discard', reason: 'changed my mind' })).json()).toMatchObject({
      type: 'urn:harvest:problem:lot-already-decided',
    });

    const discarded = await decide(b.id, { decision: 'discard', reason: 'core probe 9 °C for 40 min' });
    expect(discarded.json()).toMatchObject({ status: 'closed' });
    expect((discarded.json() as CaseView).lots.find((l) => l.lotId === b.id)).toMatchObject({
      onHand: 0,
      qaHold: true,
      decision: 'discard',
    });
    expect(
      await kit.query('SELECT reason, quantity_delta FROM {db}.stock_adjustment WHERE lot_id = ?', [b.id]),
    ).toEqual([{ reason: 'qa-discard', quantity_delta: -8 }]);
    const last = (await kit.outbox('fulfillment.stock-counted', `${sku.skuId}@${f.centerId}`)).at(-1)!;
    expect(last.payload).toMatchObject({ onHand: 12, sellable: 12, held: 0 });
    await sellableBecomes(sku.skuId, 12);

    // Back in range: the excursion ends; the case is closed.
    await kit.request('POST', '/telemetry/readings', kit.serviceToken, { readings: [reading(30, 3)] }, null);
    await metrics.refresh();
    expect([await gauge(openExcursions), await gauge(openQaCases)]).toEqual([0, 0]);
  }, 180_000);
});
