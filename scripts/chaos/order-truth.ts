/** Checks the order load against the database: every acknowledged order stored, one order per key. */
import type { RowDataPacket } from 'mysql2/promise';
import { SCHEMA_PREFIX } from './chaos-settings';
import type { OrderLoad } from './order-load';
import type { TruthDb } from './truth-db';

export interface OrderTruth {
  acknowledged: number;
  lost: number;
  duplicates: number;
  /** Orders in the database that no client saw acknowledged (a key given up on, or a reply lost). */
  unacknowledgedStored: number;
}

export async function orderTruth(db: TruthDb, load: OrderLoad, customerPrefix: string): Promise<OrderTruth> {
  const table = `${SCHEMA_PREFIX}orders.customer_order`;
  const stored = await db.query<RowDataPacket>(
    `SELECT id, customer_id, idempotency_key FROM ${table} WHERE customer_id LIKE ?`,
    [`${customerPrefix}%`],
  );
  const storedIds = new Set(stored.map((r) => String(r.id)));
  const perKey = new Map<string, number>();
  for (const r of stored) {
    const k = `${r.customer_id}/${r.idempotency_key}`;
    perKey.set(k, (perKey.get(k) ?? 0) + 1);
  }
  const ackedIds = new Set(load.acked.map((o) => o.orderId));
  // Two orders for one key, or one key acknowledged with two different order ids.
  const ackedPerKey = new Map<string, Set<string>>();
  for (const o of load.acked) {
    const k = `${o.customerId}/${o.key}`;
    ackedPerKey.set(k, (ackedPerKey.get(k) ?? new Set()).add(o.orderId));
  }
  const duplicates =
    [...perKey.values()].filter((n) => n > 1).length +
    [...ackedPerKey.values()].filter((ids) => ids.size > 1).length;
  return {
    acknowledged: ackedIds.size,
    lost: [...ackedIds].filter((id) => !storedIds.has(id)).length,
    duplicates,
    unacknowledgedStored: [...storedIds].filter((id) => !ackedIds.has(id)).length,
  };
}
