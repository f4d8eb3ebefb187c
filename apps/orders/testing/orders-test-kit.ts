import { skuChangedV1, type SkuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import type { EventContract } from '@harvest/contracts';
import { fulfillmentDeliveredV1 } from '@harvest/contracts/fulfillment-delivered';
import { fulfillmentPackedV1 } from '@harvest/contracts/fulfillment-packed';
import { fulfillmentPickedV1 } from '@harvest/contracts/fulfillment-picked';
import { fulfillmentShippedV1 } from '@harvest/contracts/fulfillment-shipped';
import { fulfillmentShortPickedV1 } from '@harvest/contracts/fulfillment-short-picked';
import { stockCountedV1 } from '@harvest/contracts/fulfillment-stock-counted';
import { orderRefundedV1 } from '@harvest/contracts/order-refunded';
import type { Env } from '@harvest/platform/config';
import { Database } from '@harvest/platform/database';
import { InboxService, OutboxWriter } from '@harvest/platform/events';
import { actingAgentHeaders, type HttpApp, type Role } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import {
  ensureKafkaTopics,
  serviceTestEnvironment,
  withResponseCheck,
  type TestIssuer,
} from '@harvest/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { SkuSnapshotsService } from '../src/catalog-skus/sku-snapshots.service';
import { DeliverySlotsService } from '../src/delivery-slots/delivery-slots.service';
import { addDays, chinaDateOf } from '../src/delivery-slots/domain/slot-rules';
import { ordersService } from '../src/orders.service-definition';
import { signPaymentCallback } from '../src/payments/domain/payment-signature';

export const PAYMENT_SECRET = 'orders-test-payment-secret-0123456789';

export interface OrdersTestApp {
  app: NestFastifyApplication;
  built: HttpApp;
  db: Database;
  /** Unique per run, so SKU ids, zones and Kafka consumer groups never collide with another run. */
  runId: string;
  /** This run's schemas; pass them to a second instance (DB_NAME, EVENTS_DB_NAME) to share its data. */
  schemas: { DB_NAME: string; EVENTS_DB_NAME: string };
  /** The issuer orders trusts (AUTH_ISSUER_URL): in-process, or the one passed to startOrdersTestApp. */
  issuer: TestIssuer;
  token(role: Role, subject: string): Promise<string>;
  /**
   * What callcenter sends for one agent action: its own service token (azp = `service`), the agent
   * (X-Acting-Agent) and the call (X-Call-Id, when given).
   */
  callCenterHeaders(agentId: string, callId?: string, service?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The whole orders service (real MariaDB, real transport), initialised but not listening, on its own schemas. */
export async function startOrdersTestApp(
  extraEnv: Env = {},
  options: { issuer?: TestIssuer } = {},
): Promise<OrdersTestApp> {
  const {
    runId,
    prefix,
    env,
    issuer,
    dropDatabases: dropSchemas,
  } = await serviceTestEnvironment(
    'orders',
    {
      DB_POOL_SIZE: '20',
      PAYMENT_CALLBACK_SECRET: PAYMENT_SECRET,
      ORDERS_EXPIRY_SWEEP_MS: '0',
      ...extraEnv,
    },
    options,
  );
  if (env.EVENTS_TRANSPORT === 'kafka')
    await ensureKafkaTopics(CONSUMED_TOPICS, env.KAFKA_BROKERS ?? '127.0.0.1:9092');
  // A unique name gives this run its own consumer group (Kafka topics are shared between runs).
  const definition = withResponseCheck({ ...ordersService, name: `orders_t_${runId}` });
  let built: HttpApp;
  try {
    built = await createService(definition, { DB_NAME: `${prefix}orders`, ...env });
  } catch (error) {
    await dropSchemas().catch(() => undefined);
    throw error;
  }
  const { app } = built;
  return {
    app,
    built,
    db: app.get(Database),
    runId,
    schemas: { DB_NAME: `${prefix}orders`, EVENTS_DB_NAME: `${prefix}events` },
    issuer,
    token: (role, subject) => issuer.tokenFor(role, subject),
    callCenterHeaders: async (agentId, callId, service = 'callcenter') => ({
      authorization: `Bearer ${await issuer.serviceToken(service)}`,
      ...(callId ? actingAgentHeaders(agentId, callId) : { 'x-acting-agent': agentId }),
    }),
    close: async () => {
      await app.close();
      await dropSchemas();
    },
  };
}

/** Every topic the service consumes: subscribing to a topic Kafka has not created yet fails. */
const CONSUMED_TOPICS = [
  skuChangedV1.topic,
  fulfillmentPickedV1.topic,
  fulfillmentShortPickedV1.topic,
  fulfillmentPackedV1.topic,
  fulfillmentShippedV1.topic,
  fulfillmentDeliveredV1.topic,
  stockCountedV1.topic,
  orderRefundedV1.topic,
];

/** Publishes an event the way a producer does: appended to the outbox in a transaction, then relayed. */
export async function publish<S extends z.ZodTypeAny>(
  t: OrdersTestApp,
  contract: EventContract<S>,
  key: string,
  payload: z.input<S>,
): Promise<string> {
  const outbox = t.app.get(OutboxWriter);
  const envelope = await t.db.transaction((em) => outbox.append(em, contract, { key, payload }));
  return envelope.eventId;
}

export function skuState(skuId: string, over: Partial<SkuChangedV1> = {}): SkuChangedV1 {
  return {
    skuId,
    productId: `product-of-${skuId}`,
    name: `有机测试菜 ${skuId}`,
    categoryId: 'leafy-greens',
    status: 'active',
    soldBy: 'piece',
    priceFen: 1290,
    temperatureClass: 'chilled',
    shelfLifeDays: 5,
    minShelfLifeDaysAtDelivery: 2,
    version: 1,
    ...over,
  };
}

/** Applies SKU states through the consumer's own path (inbox + snapshot), without waiting for a transport. */
export async function applySkus(t: OrdersTestApp, skus: SkuChangedV1[]): Promise<void> {
  const inbox = t.app.get(InboxService);
  const snapshots = t.app.get(SkuSnapshotsService);
  for (const sku of skus) {
    const event = skuChangedV1.create({ key: sku.skuId, payload: sku });
    await inbox.handleOnce('orders.sku-snapshot', event, (em) => snapshots.apply(em, sku));
  }
}

export interface Fixture {
  zoneId: string;
  centerId: string;
  slotId: string;
}

/** A center serving chilled and ambient (not frozen), a zone it serves and tomorrow's slot with the capacity given. */
export async function createFixture(t: OrdersTestApp, capacity = 1000): Promise<Fixture> {
  const tag = `${t.runId}-${randomBytes(2).toString('hex')}`;
  const centerId = `fc-t-${tag}`;
  const zoneId = `zone-${tag}`;
  await t.db.transaction(async (em) => {
    await em.query('INSERT INTO fulfillment_center (id, name, temperature_classes) VALUES (?, ?, ?)', [
      centerId,
      '测试仓',
      'chilled,cool,ambient',
    ]);
    await em.query('INSERT INTO delivery_zone (id, name, fulfillment_center_id) VALUES (?, ?, ?)', [
      zoneId,
      '测试区',
      centerId,
    ]);
  });
  const date = addDays(chinaDateOf(new Date()), 1);
  const slot = await t.app.inject({
    method: 'POST',
    url: '/delivery-slots',
    headers: { authorization: `Bearer ${await t.token('admin', 'ops-1')}` },
    payload: { zoneId, date, windowStart: '14:00', windowEnd: '17:00', capacity, cutoffMinutesBefore: 60 },
  });
  if (slot.statusCode !== 201) throw new Error(`creating the slot failed: ${slot.body}`);
  return { zoneId, centerId, slotId: slot.json().id };
}

/** A 09:00-12:00 slot with explicit instants, e.g. one already started or past its cut-off. */
export async function insertSlot(
  t: OrdersTestApp,
  slot: { id: string; zoneId: string; date: string; startsAt: Date; cutoffAt: Date; capacity: number },
): Promise<void> {
  const slots = t.app.get(DeliverySlotsService);
  await t.db.transaction((em) =>
    slots.upsert(em, { ...slot, deliveryDate: slot.date, windowStart: '09:00', windowEnd: '12:00' }),
  );
}

/** A sellable baseline through the admin route (what fulfillment's count would otherwise set). */
export async function setStock(
  t: OrdersTestApp,
  centerId: string,
  skuId: string,
  sellable: number,
): Promise<void> {
  const response = await t.app.inject({
    method: 'PUT',
    url: `/inventory/${centerId}/${skuId}`,
    headers: { authorization: `Bearer ${await t.token('admin', 'ops-1')}` },
    payload: { sellable },
  });
  if (response.statusCode !== 200) throw new Error(`setting stock failed: ${response.body}`);
}

export async function stockOf(
  t: OrdersTestApp,
  centerId: string,
  skuId: string,
): Promise<{ sellable: number; reserved: number }> {
  const [row] = await t.db.transaction((em) =>
    em.query('SELECT sellable, reserved FROM stock_level WHERE sku_id = ? AND fulfillment_center_id = ?', [
      skuId,
      centerId,
    ]),
  );
  return row;
}

export async function slotBooked(t: OrdersTestApp, slotId: string): Promise<number> {
  const [row] = await t.db.transaction((em) =>
    em.query('SELECT booked FROM delivery_slot WHERE id = ?', [slotId]),
  );
  return row.booked;
}

export const address = (zoneId: string) => ({
  zoneId,
  recipient: '王小明',
  phone: '+86 138 0000 0000',
  city: '北京',
  street: '朝阳区建国路 1 号',
});

export async function checkout(
  t: OrdersTestApp,
  customer: string,
  body: object,
  key: string = randomUUID(),
  role: Role = 'customer',
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/orders',
    headers: { authorization: `Bearer ${await t.token(role, customer)}`, 'idempotency-key': key, ...headers },
    payload: body,
  });
}

/** Sends the provider's signed callback for the exact bytes given. */
export async function payCallback(
  t: OrdersTestApp,
  body: object,
  options: { secret?: string; timestamp?: number } = {},
) {
  const raw = Buffer.from(JSON.stringify(body));
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return t.app.inject({
    method: 'POST',
    url: '/payments/callback',
    headers: {
      'content-type': 'application/json',
      'x-payment-timestamp': timestamp,
      'x-payment-signature': signPaymentCallback(options.secret ?? PAYMENT_SECRET, timestamp, raw),
    },
    payload: raw,
  });
}

/** Outbox rows of one event type for one key: what the service announced, counted. */
export async function outboxCount(t: OrdersTestApp, type: string, key: string): Promise<number> {
  const [row] = await t.db.transaction((em) =>
    em.query('SELECT COUNT(*) AS n FROM outbox_event WHERE type = ? AND event_key = ?', [type, key]),
  );
  return Number(row.n);
}

export async function waitUntil(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Orders' client at the test issuer, for its own token towards identity (basket address and checkout). */
export const ORDERS_CLIENT_SECRET = 'orders-test-client-secret';

/** Lets the orders under test get its client-credentials token for identity from the test issuer. */
export function registerOrdersClient(issuer: TestIssuer): void {
  issuer.registerClient('orders', {
    secret: ORDERS_CLIENT_SECRET,
    audience: ['identity'],
    roles: ['service'],
  });
}

/** A zone's delivery fee and free-delivery threshold, and a district it serves, through the admin routes. */
export async function deliverTo(
  t: OrdersTestApp,
  zoneId: string,
  areaCode: string,
  fee: { deliveryFeeFen: number; freeDeliveryFromFen: number | null },
): Promise<void> {
  const headers = { authorization: `Bearer ${await t.token('admin', 'ops-1')}` };
  const feeAnswer = await t.app.inject({
    method: 'PUT',
    url: `/delivery-zones/${zoneId}/delivery-fee`,
    headers,
    payload: fee,
  });
  if (feeAnswer.statusCode !== 200) throw new Error(`setting the fee failed: ${feeAnswer.body}`);
  const area = await t.app.inject({
    method: 'PUT',
    url: `/delivery-coverage/${areaCode}`,
    headers,
    payload: { zoneId },
  });
  if (area.statusCode !== 200) throw new Error(`assigning the area failed: ${area.body}`);
}
