import { MysqlAdvisoryLease } from '@harvest/platform/events';
import type { SkylineCallRecord } from './vendor/skyline/skyline-payloads';
import {
  addContact,
  type CallcenterTestApp,
  FakeSkylineVendor,
  skylineEvent,
  startCallcenterTestApp,
  WEBHOOK_SECRET,
} from '@harvest/callcenter/testing';
import { ReconciliationJob } from './reconciliation.job';

const nowSeconds = () => Math.floor(Date.now() / 1000);

function vendorRecord(callId: string, over: Partial<SkylineCallRecord> = {}): SkylineCallRecord {
  const start = nowSeconds() - 600;
  return {
    call_id: callId,
    direction: 'in',
    caller: '13800138003',
    callee: '4008001234',
    agent_id: 'agent-3',
    start_time: start,
    answer_time: start + 4,
    end_time: start + 94,
    duration: 90,
    recording: true,
    ...over,
  };
}

describe('reconciliation against the vendor call-record list, and recording links', () => {
  let t: CallcenterTestApp;
  const vendor = new FakeSkylineVendor();
  const admin = async () => ({ authorization: `Bearer ${await t.token('admin', 'ops-1')}` });
  const reconcile = async () =>
    t.app.inject({
      method: 'POST',
      url: '/reconciliations',
      headers: await admin(),
      payload: { from: new Date(Date.now() - 3600_000).toISOString() },
    });
  const call = async (callId: string) =>
    (
      await t.db.transaction((em) =>
        em.query(
          'SELECT status, source, agent_id AS agentId, customer_id AS customerId, duration_seconds AS duration, has_recording AS rec FROM call_record WHERE call_id = ?',
          [callId],
        ),
      )
    )[0];

  beforeAll(async () => {
    await vendor.start();
    t = await startCallcenterTestApp({
      CALLCENTER_VENDOR_BASE_URL: vendor.baseUrl,
      CALLCENTER_VENDOR_API_KEY: vendor.apiKey,
      CALLCENTER_VENDOR_RETRIES: '0',
    });
    await addContact(t, 'cust-rec-1', '张伟', '+8613800138003');
  });

  afterAll(async () => {
    await t?.close();
    await vendor.stop();
  });

  it('fills in calls whose webhooks were all lost, and completes a call whose later webhooks were lost', async () => {
    for (const id of ['lost-1', 'lost-2', 'lost-3']) vendor.records.set(id, vendorRecord(id));
    vendor.records.set('old-call', vendorRecord('old-call', { start_time: nowSeconds() - 3 * 3600 })); // outside the window
    // Only the ringing webhook of this call arrived.
    vendor.records.set('partly-lost', vendorRecord('partly-lost'));
    const ringing = await vendor.sendWebhook(
      t.webhookUrl,
      skylineEvent('call.ringing', 'partly-lost', {
        caller: '13800138003',
        agentId: 'agent-3',
        occurredAt: new Date((nowSeconds() - 600) * 1000),
      }),
      { secret: WEBHOOK_SECRET },
    );
    expect(ringing.status).toBe(200);
    expect(await call('partly-lost')).toMatchObject({ status: 'ringing', source: 'webhook' });

    const response = await reconcile();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ examined: 4, created: 3 }); // three pages of two: paging followed
    for (const id of ['lost-1', 'lost-2', 'lost-3']) {
      expect(await call(id)).toEqual({
        status: 'ended',
        source: 'reconciliation',
        agentId: 'agent-3',
        customerId: 'cust-rec-1',
        duration: 90,
        rec: 1,
      });
    }
    expect(await call('partly-lost')).toMatchObject({
      status: 'ended',
      source: 'webhook',
      duration: 90,
      rec: 1,
    });
    expect(await call('old-call')).toBeUndefined();

    // Running it again changes nothing.
    expect((await reconcile()).json()).toMatchObject({ examined: 4, created: 0 });
    expect(
      await t.count(
        "SELECT COUNT(*) AS n FROM call_record WHERE call_id IN ('lost-1', 'lost-2', 'lost-3', 'partly-lost')",
      ),
    ).toBe(4);
  });

  it('runs on one leader only: while another holds the lease the job does nothing', async () => {
    const job = t.app.get(ReconciliationJob);
    const database = String(t.db.writer.options.database);
    const rival = new MysqlAdvisoryLease(t.db.writer, `harvest.cc-reconcile.${database}`);
    expect(await rival.holds()).toBe(true);
    vendor.records.set('while-rival', vendorRecord('while-rival'));
    expect(await job.tick()).toBe(false);
    expect(await call('while-rival')).toBeUndefined();
    await rival.release();
    expect(await job.tick()).toBe(true);
    expect(await call('while-rival')).toMatchObject({ source: 'reconciliation' });
  });

  it('fetches a fresh recording link from the vendor on every request and stores none', async () => {
    const headers = { authorization: `Bearer ${await t.token('agent', 'agent-3')}` };
    const first = await t.app.inject({ method: 'GET', url: '/calls/lost-1/recording', headers });
    const second = await t.app.inject({ method: 'GET', url: '/calls/lost-1/recording', headers });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      callId: 'lost-1',
      url: expect.stringContaining('https://recordings.skyline.example/lost-1.mp3?sig='),
      expiresAt: expect.any(String),
    });
    expect(second.json().url).not.toBe(first.json().url);
    const [row] = await t.db.transaction((em) =>
      em.query('SELECT * FROM call_record WHERE call_id = ?', ['lost-1']),
    );
    expect(JSON.stringify(row)).not.toContain('recordings.skyline');

    vendor.records.set('no-rec', vendorRecord('no-rec', { recording: false }));
    await reconcile();
    expect((await t.app.inject({ method: 'GET', url: '/calls/no-rec/recording', headers })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: '/calls/unknown/recording', headers })).statusCode).toBe(
      404,
    );
  });

  it('answers 503 when the vendor list cannot be read, and refuses a bad window naming the field', async () => {
    vendor.mode = { kind: 'failing', status: 502 };
    const failing = await reconcile();
    expect(failing.statusCode).toBe(503);
    vendor.mode = { kind: 'healthy' };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/reconciliations',
      headers: await admin(),
      payload: { from: 'yesterday' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
  });
});
