/**
 * Raw baseline of the order placement row: a bare Fastify route doing checkout's SQL through a mysql2 pool,
 * no Nest, no TypeORM, no validation, no token check, no idempotency-key store.
 *
 * THE SQL BELOW IS A DELIBERATE COPY of orders' checkout transaction (apps/orders/src/orders/checkout.service.ts,
 * inventory/zone-with-center.query.ts, inventory/inventory.service.ts reserve, delivery-slots book,
 * order-lifecycle record, OutboxWriter.appendMany of libs/platform/events): it is the thing we compare against,
 * so it must stay the same statements in the same order. Since ea9a56e that is 14 statements in one
 * transaction for 3 lines: zone joined with its center, SKUs, slot, order (whose unique (customer, key) is the
 * replay check: a duplicate is looked up after the rollback), lines, 3 reservations, one read of the stock
 * rows, slot booking, transition, and one INSERT of the 3 stock events with order.placed. Aligned with the
 * sellable-from-fulfillment stock model (68159f8: reserve while `sellable >= reserved + qty`;
 * inventory.stock-changed still carries the sellable figure as `onHand`).
 * Env: PORT, DB_NAME, DB_POOL_SIZE; WITH_KEY_STORE=true adds the two autocommit writes of the platform's
 * idempotency-key store around the work (an experiment from before checkout dropped the key store).
 */
import Fastify from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { createPool, type PoolConnection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';

interface Line {
  skuId: string;
  quantity?: number;
  estimatedWeightGrams?: number;
}
interface Body {
  address: { zoneId: string; recipient: string; phone: string; city: string; street: string };
  slotId: string;
  lines: Line[];
}
type Row = RowDataPacket & Record<string, unknown>;

const PAYMENT_TIMEOUT_SECONDS = 15 * 60;
const ER_DUP_ENTRY = 1062;
const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

const withKeyStore = process.env.WITH_KEY_STORE === 'true';

async function main(): Promise<void> {
  const pool = createPool({
    host: '127.0.0.1',
    port: 3306,
    user: 'root',
    password: '',
    database: process.env.DB_NAME,
    connectionLimit: Number(process.env.DB_POOL_SIZE ?? 10),
    timezone: 'Z',
  });
  const app = Fastify();
  app.get('/ready', async () => ({ ready: true }));
  app.post<{ Body: Body }>('/orders', async (request, reply) => {
    const customerId = 'bench-customer';
    const key = String(request.headers['idempotency-key']);
    const hash = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
    const conn = await pool.getConnection();
    try {
      if (withKeyStore)
        await conn.query(
          `INSERT INTO idempotency_key (scope, idem_key, request_hash, state, locked_until, expires_at)
           VALUES ('POST /orders bench-customer', ?, ?, 'in_flight', NOW(3) + INTERVAL 30 SECOND, NOW(3) + INTERVAL 24 HOUR)`,
          [key, hash],
        );
      await conn.beginTransaction();
      let result: { status: number; body: unknown };
      try {
        result = await place(conn, customerId, key, hash, request.body);
      } catch (error) {
        await conn.rollback();
        if ((error as { errno?: number }).errno !== ER_DUP_ENTRY) throw error;
        result = { status: 409, body: null };
      }
      // A refusal leaves nothing behind, as in the service (its problem exception rolls back); as there,
      // a refusal or a duplicate key looks for the order this key already placed.
      if (result.status < 400) await conn.commit();
      else {
        if (result.body !== null) await conn.rollback();
        const [replay] = await conn.query<Row[]>(
          'SELECT id, request_hash FROM customer_order WHERE customer_id = ? AND idempotency_key = ? LIMIT 1',
          [customerId, key],
        );
        if (replay.length > 0) return reply.code(201).send({ orderId: replay[0]!.id });
      }
      if (withKeyStore)
        await conn.query(
          `UPDATE idempotency_key SET state = 'completed', response_status = ?, response_body = ?
           WHERE scope = 'POST /orders bench-customer' AND idem_key = ?`,
          [result.status, JSON.stringify(result.body), key],
        );
      return reply.code(result.status).send(result.body);
    } finally {
      conn.release();
    }
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
}

async function place(
  conn: PoolConnection,
  customerId: string,
  key: string,
  hash: string,
  body: Body,
): Promise<{ status: number; body: unknown }> {
  const now = new Date();
  const [[zone]] = await conn.query<Row[]>(
    `SELECT z.id, z.name, c.id AS center_id, c.name AS center_name, c.temperature_classes
     FROM delivery_zone z JOIN fulfillment_center c ON c.id = z.fulfillment_center_id WHERE z.id = ? LIMIT 1`,
    [body.address.zoneId],
  );
  if (!zone) return { status: 422, body: { field: 'address.zoneId' } };
  const center = { id: zone.center_id, name: zone.center_name };
  const skuIds = body.lines.map((l) => l.skuId);
  const [snapshots] = await conn.query<Row[]>('SELECT * FROM sku_snapshot WHERE sku_id IN (?)', [skuIds]);
  const byId = new Map(snapshots.map((s) => [s.sku_id as string, s]));
  const lines = body.lines.map((l, i) => {
    const s = byId.get(l.skuId)!;
    const weighed = s.sold_by === 'weight';
    const units = weighed ? l.estimatedWeightGrams! : l.quantity!;
    const total = weighed ? Math.round((Number(s.price_fen) * units) / 500) : Number(s.price_fen) * units;
    return {
      lineNo: i + 1,
      s,
      units,
      total,
      weighed,
      quantity: l.quantity ?? null,
      grams: l.estimatedWeightGrams ?? null,
    };
  });
  const [[slot]] = await conn.query<Row[]>('SELECT * FROM delivery_slot WHERE id = ? LIMIT 1', [body.slotId]);
  if (!slot || slot.zone_id !== zone.id || (slot.cutoff_at as Date) <= now)
    return { status: 422, body: { field: 'slotId' } };

  const orderId = randomUUID();
  const totalFen = lines.reduce((sum, l) => sum + l.total, 0);
  const paymentDueAt = new Date(now.getTime() + PAYMENT_TIMEOUT_SECONDS * 1000);
  await conn.query(
    `INSERT INTO customer_order (id, customer_id, idempotency_key, request_hash, status, fulfillment_center_id, zone_id, slot_id,
       address, total_fen, paid_fen, refunded_fen, payment_id, payment_due_at, placed_by_agent_id, call_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending_payment', ?, ?, ?, ?, ?, 0, 0, NULL, ?, NULL, NULL, ?, ?)`,
    [
      orderId,
      customerId,
      key,
      hash,
      center.id,
      zone.id,
      slot.id,
      JSON.stringify(body.address),
      totalFen,
      paymentDueAt,
      now,
      now,
    ],
  );
  await conn.query(
    `INSERT INTO order_line (order_id, line_no, sku_id, name, sold_by, temperature_class, quantity, estimated_weight_grams,
       reserved_quantity, unit_price_fen, line_total_fen, picked_quantity, short_pick_reason, actual_weight_grams) VALUES ?`,
    [
      lines.map((l) => [
        orderId,
        l.lineNo,
        l.s.sku_id,
        l.s.name,
        l.s.sold_by,
        l.s.temperature_class,
        l.quantity,
        l.grams,
        l.units,
        l.s.price_fen,
        l.total,
        null,
        null,
        null,
      ]),
    ],
  );
  const bySku = [...lines].sort((a, b) => ((a.s.sku_id as string) < (b.s.sku_id as string) ? -1 : 1));
  for (const l of bySku) {
    const [reserved] = await conn.query<ResultSetHeader>(
      `UPDATE stock_level SET reserved = reserved + ?, version = version + 1
       WHERE sku_id = ? AND fulfillment_center_id = ? AND sellable >= reserved + ?`,
      [l.units, l.s.sku_id, center.id, l.units],
    );
    if (reserved.affectedRows !== 1) return { status: 409, body: { type: 'out-of-stock' } };
  }
  const [levels] = await conn.query<Row[]>(
    'SELECT sku_id, sellable, reserved, version FROM stock_level WHERE fulfillment_center_id = ? AND sku_id IN (?)',
    [center.id, bySku.map((l) => l.s.sku_id)],
  );
  const levelOf = new Map(levels.map((level) => [String(level.sku_id).toLowerCase(), level]));
  const events: OutboxRow[] = bySku.map((l) => {
    const level = levelOf.get(String(l.s.sku_id).toLowerCase())!;
    const sellable = Number(level.sellable);
    return outboxRow('inventory.stock-changed', `${l.s.sku_id}@${center.id}`, {
      skuId: l.s.sku_id,
      fulfillmentCenterId: center.id,
      onHand: sellable,
      reserved: level.reserved,
      available: Math.max(0, sellable - Number(level.reserved)),
      version: level.version,
    });
  });
  const [booked] = await conn.query<ResultSetHeader>(
    'UPDATE delivery_slot SET booked = booked + 1 WHERE id = ? AND booked < capacity AND cutoff_at > ?',
    [slot.id, now],
  );
  if (booked.affectedRows !== 1) return { status: 409, body: { type: 'slot-full' } };
  await conn.query(
    'INSERT INTO order_transition (order_id, from_status, to_status, actor, reason, call_id, at) VALUES (?, NULL, ?, ?, ?, NULL, ?)',
    [orderId, 'pending_payment', `customer:${customerId}`, 'checkout', new Date()],
  );
  events.push(
    outboxRow('order.placed', orderId, {
      orderId,
      customerId,
      fulfillmentCenterId: center.id,
      zoneId: zone.id,
      slot: {
        slotId: slot.id,
        date: slot.delivery_date,
        windowStart: slot.window_start,
        windowEnd: slot.window_end,
      },
      lines: lines.map((l) => ({
        skuId: l.s.sku_id,
        name: l.s.name,
        soldBy: l.s.sold_by,
        temperatureClass: l.s.temperature_class,
        quantity: l.quantity,
        estimatedWeightGrams: l.grams,
        unitPriceFen: l.s.price_fen,
        lineTotalFen: l.total,
      })),
      totalFen,
      paymentDueAt: paymentDueAt.toISOString(),
      placedByAgentId: null,
    }),
  );
  await conn.query(
    `INSERT INTO outbox_event (event_id, topic, event_key, type, version, payload, headers, occurred_at) VALUES ${events
      .map(() => '(?, ?, ?, ?, 1, ?, ?, ?)')
      .join(', ')}`,
    events.flat(),
  );
  return { status: 201, body: { orderId } };
}

type OutboxRow = unknown[];

function outboxRow(type: string, key: string, payload: unknown): OutboxRow {
  return [randomUUID(), type, key, type, JSON.stringify(payload), '{}', sqlTime(new Date())];
}

main().catch((error: Error) => {
  console.error(`order-placement baseline: ${error.message}`);
  process.exit(1);
});
