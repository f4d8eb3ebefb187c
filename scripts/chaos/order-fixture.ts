/**
 * What the order load needs, from the demo data the services seed (SEED_DEMO_DATA=true): sellable piece SKUs
 * that orders has learned from catalog.sku-changed, and one roomy delivery slot created through the admin API.
 */
import { randomBytes } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import type { TestIssuer } from '@harvest/testing';
import { FRONT_DOOR, SCHEMA_PREFIX } from './chaos-settings';
import { waitFor } from './harness-cli';
import type { OrderFixture } from './order-load';
import type { TruthDb } from './truth-db';

const ZONE = 'bj-chaoyang';

export interface ChaosFixture extends OrderFixture {
  /** A fresh admin token each time: a chaos run outlasts the longest lifetime a staff token may have. */
  adminToken(): Promise<string>;
  productIds: string[];
  searchTerms: string[];
}

/** The run's secret for the signed callbacks and webhooks (payment, call center vendor, image URLs). */
export const newTierSecret = () => randomBytes(32).toString('hex');

/** Tokens come from the run's in-process issuer, the one every instance verifies against (AUTH_ISSUER_URL). */
export async function prepareFixture(db: TruthDb, issuer: TestIssuer): Promise<ChaosFixture> {
  const tokenFor = (subject: string, role: 'customer' | 'admin' = 'customer') =>
    issuer.issue({ subject, roles: [role] }, { expiresIn: '1h' });
  let skus: RowDataPacket[] = [];
  await waitFor(
    'orders knows the demo SKUs (catalog.sku-changed through Kafka)',
    async () => {
      skus = await db
        .query(
          `SELECT sku_id, product_id, name FROM ${SCHEMA_PREFIX}orders.sku_snapshot
         WHERE status = 'active' AND sold_by = 'piece' ORDER BY sku_id LIMIT 60`,
        )
        .catch(() => []);
      return skus.length >= 20;
    },
    180_000,
    1_000,
  );
  const adminToken = () => tokenFor('chaos-admin', 'admin');
  let slots = 0;
  return {
    adminToken,
    newSlot: async () => createSlot(await adminToken(), slots++),
    zoneId: ZONE,
    skuIds: skus.map((s) => String(s.sku_id)),
    productIds: [...new Set(skus.map((s) => String(s.product_id)))],
    searchTerms: [...new Set(skus.map((s) => String(s.name).split(/\s+/)[0]))].slice(0, 10),
    tokenFor: (customerId) => tokenFor(customerId),
  };
}

/**
 * Tomorrow (China date), no cut-off, capacity 10,000: a one-hour window starting at a minute no earlier slot
 * of today's runs used (now's minute of the day, plus N).
 */
async function createSlot(adminToken: string, n: number): Promise<string> {
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
  const now = new Date();
  const minute = (now.getUTCHours() * 60 + now.getUTCMinutes() + n * 7) % (23 * 60);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const response = await fetch(`${FRONT_DOOR}/orders/delivery-slots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      zoneId: ZONE,
      date: tomorrow,
      windowStart: hhmm(minute),
      windowEnd: hhmm(minute + 60),
      capacity: 10_000,
      cutoffMinutesBefore: 0,
    }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`creating a delivery slot: ${response.status} ${text.slice(0, 200)}`);
  return (JSON.parse(text) as { id: string }).id;
}
