import { CallsService } from '../calls/calls.service';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../config/callcenter.config';
import { type CallcenterTestApp, captureLogLines, startCallcenterTestApp } from '@harvest/callcenter/testing';
import { RetentionJob, claimClearNumbersSql, claimScreenPopsSql } from './retention.job';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Row = Record<string, unknown>;

/** Retention on the real MariaDB schema (migrations included): pops 168 h, numbers 90 days, batches of 3. */
describe('call-center retention', () => {
  let t: CallcenterTestApp;
  let logs: string[];
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const ago = (ms: number) => new Date(now.getTime() - ms);

  const query = (sql: string, params: unknown[] = []): Promise<Row[]> =>
    t.db.transaction((em) => em.query(sql, params));
  const insertCall = (callId: string, customerNumber: string | null, startedAt: Date) =>
    query(
      `INSERT INTO call_record (call_id, vendor, direction, status, customer_number, customer_id, agent_id, started_at, answered_at, ended_at, duration_seconds, has_recording, source)
       VALUES (?, 'skyline', 'inbound', 'ended', ?, ?, 'agent-ret', ?, ?, ?, 95, 1, 'webhook')`,
      [
        callId,
        customerNumber,
        `cust-${callId}`,
        startedAt,
        new Date(startedAt.getTime() + 5000),
        new Date(startedAt.getTime() + 100_000),
      ],
    );
  const insertPop = (callId: string, createdAt: Date) =>
    query('INSERT INTO screen_pop (agent_id, call_id, payload, created_at) VALUES (?, ?, ?, ?)', [
      'agent-ret',
      callId,
      JSON.stringify({
        callId,
        callerNumber: '+8613800138000',
        customer: { name: '李娜', phone: '+8613800138000' },
      }),
      createdAt,
    ]);
  const calls = async (prefix: string) => {
    const rows = await query('SELECT * FROM call_record WHERE call_id LIKE ? ORDER BY call_id', [
      `${prefix}%`,
    ]);
    return new Map(rows.map((row) => [String(row.call_id), row]));
  };
  const popCallIds = async (prefix: string) =>
    (await query('SELECT call_id FROM screen_pop WHERE call_id LIKE ? ORDER BY call_id', [`${prefix}%`])).map(
      (r) => r.call_id,
    );

  beforeAll(async () => {
    t = await startCallcenterTestApp({
      CALLCENTER_SCREEN_POP_RETENTION_HOURS: '168',
      CALLCENTER_CALL_NUMBER_RETENTION_DAYS: '90',
      CALLCENTER_RETENTION_BATCH_SIZE: '3',
    });
    logs = captureLogLines(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('masks the number of exactly the calls started before the cutoff, in batches, and leaves every other field', async () => {
    for (let i = 0; i < 7; i++)
      await insertCall(`mask-old-${i}`, `+861380013800${i}`, ago(91 * DAY + i * HOUR));
    await insertCall('mask-old-intl', '+442079460958', ago(200 * DAY));
    await insertCall('mask-old-raw', '138*0013*8000', ago(95 * DAY)); // a vendor spelling we could not normalise
    await insertCall('mask-old-none', null, ago(95 * DAY));
    await insertCall('mask-old-masked', '+86139****0000', ago(95 * DAY));
    await insertCall('mask-edge', '+8613800138100', ago(90 * DAY)); // exactly at the cutoff: kept
    await insertCall('mask-new', '+8613800138101', ago(89 * DAY));
    const before = await calls('mask-');

    const report = await t.app.get(RetentionJob).sweep(now);
    expect(report.callNumbersMasked).toBe(9);

    const after = await calls('mask-');
    const expected: Record<string, string | null> = {
      'mask-old-0': '+86138****8000',
      'mask-old-6': '+86138****8006',
      'mask-old-intl': '+4****0958',
      'mask-old-raw': '****',
      'mask-old-none': null,
      'mask-old-masked': '+86139****0000',
      'mask-edge': '+8613800138100',
      'mask-new': '+8613800138101',
    };
    for (const [callId, number] of Object.entries(expected))
      expect(after.get(callId)!.customer_number).toBe(number);
    for (const [callId, row] of before) {
      const changed = after.get(callId)!;
      const masked = !['mask-old-none', 'mask-old-masked', 'mask-edge', 'mask-new'].includes(callId);
      expect(String(changed.customer_number) === String(row.customer_number)).toBe(!masked);
      // The record itself stays as it was: customer, agent, times, duration, recording, source.
      const { customer_number: _n1, updated_at: _u1, number_in_clear: _c1, ...kept } = row;
      const { customer_number: _n2, updated_at: _u2, number_in_clear: _c2, ...keptAfter } = changed;
      expect(keptAfter).toEqual(kept);
    }
    // Three batches of 3: progress logged per batch, and no full number in any line.
    const progress = logs.filter((line) => line.includes('masked the number of'));
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toContain('9 in this run');
    expect(logs.join('\n')).not.toMatch(/13800138\d{3}|2079460958/);

    // Idempotent: a second run finds nothing and writes nothing.
    expect((await t.app.get(RetentionJob).sweep(now)).callNumbersMasked).toBe(0);
    expect(await calls('mask-')).toEqual(after);
  });

  it('deletes exactly the screen pops created before their cutoff', async () => {
    for (let i = 0; i < 5; i++) await insertPop(`pop-old-${i}`, ago(8 * DAY + i * HOUR));
    await insertPop('pop-edge', ago(168 * HOUR));
    await insertPop('pop-recent-1', ago(6 * DAY));
    await insertPop('pop-recent-2', now);

    expect((await t.app.get(RetentionJob).sweep(now)).screenPopsDeleted).toBe(5);
    expect(await popCallIds('pop-')).toEqual(['pop-edge', 'pop-recent-1', 'pop-recent-2']);
    expect((await t.app.get(RetentionJob).sweep(now)).screenPopsDeleted).toBe(0);
    expect(await popCallIds('pop-')).toHaveLength(3);
  });

  it('shows a masked call in its masked form to everyone, and a late event for it does not bring the number back', async () => {
    for (const [role, subject] of [
      ['admin', 'ops-1'],
      ['agent', 'agent-ret'],
    ] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/calls/mask-old-3',
        headers: { authorization: `Bearer ${await t.token(role, subject)}` },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        customerNumber: '+86138****8003',
        customerId: 'cust-mask-old-3',
        durationSeconds: 95,
      });
    }
    // A reconciliation of an old window merges the vendor's full number: the merge keeps the known (masked) one.
    await t.db.transaction((em) =>
      t.app.get(CallsService).apply(
        em,
        'skyline',
        {
          callId: 'mask-old-3',
          direction: 'inbound',
          status: 'ended',
          customerNumber: '+8613800138003',
          agentId: 'agent-ret',
          startedAt: ago(91 * DAY),
          answeredAt: null,
          endedAt: null,
          durationSeconds: 95,
          hasRecording: true,
        },
        'reconciliation',
      ),
    );
    expect((await calls('mask-old-3')).get('mask-old-3')!.customer_number).toBe('+86138****8003');
  });

  it("reads through the migration's indexes, not the whole history", async () => {
    const plan = async (sql: string) => (await query(`EXPLAIN ${sql}`, [now]))[0]!;
    expect(await plan(claimClearNumbersSql(3))).toMatchObject({ key: 'ix_call_record_number_in_clear' });
    expect(await plan(claimScreenPopsSql(3))).toMatchObject({ key: 'ix_screen_pop_created' });
  });

  it('shares the rows between instances sweeping at the same time: each row handled once', async () => {
    for (let i = 0; i < 20; i++)
      await insertCall(
        `pair-${String(i).padStart(2, '0')}`,
        `+86139001390${String(i).padStart(2, '0')}`,
        ago(100 * DAY + i * 1000),
      );
    for (let i = 0; i < 10; i++) await insertPop(`pair-pop-${i}`, ago(10 * DAY + i * 1000));
    // A second instance: its own job over the same database (SKIP LOCKED works across connections).
    const other = new RetentionJob(t.db, t.app.get<CallcenterConfig>(CALLCENTER_CONFIG));
    const [a, b] = await Promise.all([t.app.get(RetentionJob).sweep(now), other.sweep(now)]);
    expect(a.callNumbersMasked + b.callNumbersMasked).toBe(20);
    expect(a.screenPopsDeleted + b.screenPopsDeleted).toBe(10);
    const numbers = [...(await calls('pair-')).values()].map((row) => row.customer_number);
    expect(numbers).toHaveLength(20);
    for (const number of numbers) expect(number).toMatch(/^\+86139\*{4}90\d\d$/);
    expect(await popCallIds('pair-pop-')).toEqual([]);
    await other.onApplicationShutdown();
  });
});
