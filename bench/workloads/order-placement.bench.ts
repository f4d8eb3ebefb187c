import { randomUUID } from 'node:crypto';
import { demoProductId } from '../../apps/catalog/src/demo/demo-catalog';
import { addDays, chinaDateOf } from '../../apps/orders/src/delivery-slots/domain/slot-rules';
import { PORTS, type BenchRun } from '../support/bench-run';
import type { BenchProcess } from '../support/child-process';
import { startBaseline } from '../support/harvest-services';
import { measureAlternating, measureHttp } from '../support/load';
import type { RatioRow } from '../support/ratio-table';
import { LOAD } from './load-settings';

const ZONE = 'bj-chaoyang';
/** Windows the demo seed does not use, so these slots are ours; capacity is the route's maximum. */
const WINDOWS = [
  ['06:00', '07:00'],
  ['07:00', '08:00'],
  ['08:00', '09:00'],
] as const;
const SLOT_CAPACITY = 10_000;
const LINES = 3;
const ADDRESS = {
  zoneId: ZONE,
  recipient: '王小明',
  phone: '+86 138 0000 0000',
  city: '北京',
  street: '朝阳区建国路 1 号',
};

/**
 * Order placement, 3 lines: POST /orders (token, validation, Idempotency-Key, checkout transaction with
 * reservations, slot booking and outbox) against a bare Fastify route running the same SQL through mysql2.
 * Stock, zones and slots come from orders' demo seed and its admin slot route; SKUs from catalog's demo
 * seed through the sku-changed events. Every request has a new Idempotency-Key and 3 distinct piece SKUs.
 */
export async function orderPlacementRow(
  run: BenchRun,
  orders: BenchProcess,
  rawWithKeyStore = false,
): Promise<RatioRow> {
  const base = `http://127.0.0.1:${PORTS.orders}`;
  const admin = await run.token('admin', 'bench-admin');
  const customer = await run.token('customer', 'bench-customer');
  const slotIds = await createSlots(base, admin);
  const skuIds = await pieceSkus();
  let n = 0;
  const nextOrder = () => {
    const first = (n * 7) % skuIds.length;
    const lines = Array.from({ length: LINES }, (_, i) => ({
      skuId: skuIds[(first + i * 11) % skuIds.length]!,
      quantity: 1,
    }));
    return JSON.stringify({ address: ADDRESS, slotId: slotIds[n++ % slotIds.length], lines });
  };
  // Embedded events arrive in order: once the last demo SKUs are known, all are.
  const probe = JSON.stringify({
    address: ADDRESS,
    slotId: slotIds[0],
    lines: skuIds.slice(-LINES).map((skuId) => ({ skuId, quantity: 1 })),
  });
  await waitUntilOrdersKnowSkus(base, customer, probe, orders);

  const raw = await startBaseline(
    'raw-order-placement',
    'bench/baselines/order-placement.baseline.ts',
    PORTS.rawOrders,
    {
      DB_NAME: `${run.database.prefix}orders`,
      DB_POOL_SIZE: '10',
      WITH_KEY_STORE: String(rawWithKeyStore),
    },
  );
  try {
    const load = (port: number, pid: number) => (round: number) =>
      measureHttp({
        url: `http://127.0.0.1:${port}/orders`,
        method: 'POST',
        connections: LOAD.connections,
        seconds: LOAD.secondsPerRound,
        warmupSeconds: round === 0 ? LOAD.warmupSeconds : 0,
        cpuPids: [pid],
        nextRequest: () => ({
          method: 'POST',
          path: '/orders',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${customer}`,
            'idempotency-key': randomUUID(),
          },
          body: nextOrder(),
        }),
      });
    const [ours, rawMeasured] = await measureAlternating(
      LOAD.rounds,
      load(PORTS.orders, orders.pid),
      load(PORTS.rawOrders, raw.pid),
    );
    return {
      workload: rawWithKeyStore
        ? 'order placement, 3 lines (raw + key-store writes)'
        : 'order placement, 3 lines',
      unit: 'orders/s',
      target: 0.7,
      ours,
      raw: rawMeasured,
      oursRss: { orders: orders.peakRssMiB() },
      rawRss: { 'fastify+mysql2': raw.peakRssMiB() },
    };
  } finally {
    await raw.stop();
  }
}

async function createSlots(base: string, adminToken: string): Promise<string[]> {
  const date = addDays(chinaDateOf(new Date()), 2);
  const ids: string[] = [];
  for (const [windowStart, windowEnd] of WINDOWS) {
    const response = await fetch(`${base}/delivery-slots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        zoneId: ZONE,
        date,
        windowStart,
        windowEnd,
        capacity: SLOT_CAPACITY,
        cutoffMinutesBefore: 0,
      }),
    });
    if (!response.ok)
      throw new Error(`POST /delivery-slots answered ${response.status}: ${await response.text()}`);
    ids.push(`${ZONE}-${date}-${windowStart.replace(':', '')}`);
  }
  return ids;
}

/** Demo SKUs sold by the piece (the demo seed stocks 5,000 of each at both centers), from catalog's public detail. */
async function pieceSkus(): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= 240; n++) {
    const response = await fetch(`http://127.0.0.1:${PORTS.catalog}/products/${demoProductId(n)}`);
    const product = (await response.json()) as { skus: Array<{ id: string; soldBy: string }> };
    ids.push(...product.skus.filter((s) => s.soldBy === 'piece').map((s) => s.id));
  }
  if (ids.length < 50) throw new Error(`catalog's demo data has only ${ids.length} piece SKUs`);
  return ids;
}

/** The SKU snapshots arrive through catalog's events: place orders until one is accepted (at most 2 min). */
async function waitUntilOrdersKnowSkus(
  base: string,
  customerToken: string,
  probe: string,
  orders: BenchProcess,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    const response = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${customerToken}`,
        'idempotency-key': randomUUID(),
      },
      body: probe,
    });
    if (response.status === 201) return;
    last = `${response.status} ${await response.text()}`;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(
    `orders never accepted a probe order (last answer: ${last.slice(0, 300)}); see ${orders.logFile}`,
  );
}
