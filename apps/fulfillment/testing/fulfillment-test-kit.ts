import type { EventContract } from '@harvest/contracts';
import { skuChangedV1, type SkuChangedV1 } from '@harvest/contracts/catalog-sku-changed';
import { orderPaidV1 } from '@harvest/contracts/order-paid';
import { orderPlacedV1, type OrderPlacedV1 } from '@harvest/contracts/order-placed';
import type { HttpApp } from '@harvest/platform/http';
import { createService } from '@harvest/platform/runtime';
import {
  TEST_RATE_LIMITS,
  connectAsRoot,
  dropDatabase,
  ensureKafkaTopics,
  TestIssuer,
  uniqueDatabaseName,
  withResponseCheck,
} from '@harvest/testing';
import {
  Admin,
  type BaseOptions,
  compatibilityPartitioner,
  Consumer,
  MessagesStreamModes,
  Producer,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import type { Connection } from 'mysql2/promise';
import { randomBytes, randomUUID } from 'node:crypto';
import { fulfillmentService } from '../src/fulfillment.service-definition';
import { addDays, chinaDate } from '../src/shared/domain/local-date';

const BROKER = '127.0.0.1:9092';

/** Topics the service consumes; a test group starts at their end, so other runs' events are not replayed. */
const CONSUMED = [
  'order.placed',
  'order.paid',
  'order.cancelled',
  'catalog.sku-changed',
  'fulfillment.temperature-reading',
  'fulfillment.excursion-raised',
];

export const today = () => chinaDate();
export const inDays = (days: number) => addDays(chinaDate(), days);

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function kafka(clientId: string): BaseOptions {
  return { clientId, bootstrapBrokers: [BROKER], connectTimeout: 3000, retries: 3, retryDelay: 300 };
}

/**
 * Commits the topics' current ends as the group's position, so a consumer of the group starts there and
 * not at the oldest event (the service starts a new group at the oldest). The group has no member yet, so the
 * admin client sets its offsets directly, without joining it.
 */
async function startGroupAtEnd(client: BaseOptions, groupId: string, topics: string[]): Promise<void> {
  const admin = new Admin(client);
  try {
    await ensureKafkaTopics(topics, BROKER);
    const { topics: found } = await admin.metadata({ topics, forceUpdate: true });
    const ends = await admin.listOffsets({
      topics: topics.map((name) => ({
        name,
        partitions: [...Array(found.get(name)!.partitionsCount).keys()].map((partitionIndex) => ({
          partitionIndex,
          timestamp: -1n,
        })),
      })),
    });
    await admin.alterConsumerGroupOffsets({
      groupId,
      topics: ends.map(({ name, partitions }) => ({
        name,
        partitionOffsets: partitions.map((p) => ({ partition: p.partitionIndex, offset: p.offset })),
      })),
    });
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/**
 * Until the group has its one member, the service's (by client id, not a helper that has not left yet),
 * joined and assigned: from then on the service consumes what we publish.
 */
async function waitForStableGroup(
  client: BaseOptions,
  groupId: string,
  memberClientId: string,
): Promise<void> {
  const admin = new Admin(client);
  try {
    await waitFor(`the service's consumer to join group ${groupId}`, async () => {
      const group = (await admin.describeGroups({ groups: [groupId] })).get(groupId);
      const members = [...(group?.members.values() ?? [])];
      return (
        String(group?.state).toUpperCase() === 'STABLE' &&
        members.length === 1 &&
        members[0]!.clientId === memberClientId
      );
    });
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/**
 * The whole fulfillment service on real MariaDB and Kafka, with its own schema and consumer group, a
 * producer to play orders and catalog, and root SQL for assertions.
 */
export class FulfillmentTestKit {
  readonly suffix = randomBytes(4).toString('hex');
  readonly dbName = uniqueDatabaseName('fulfillment');
  readonly eventsDbName = uniqueDatabaseName('fulfillment_ev');
  readonly group = `fulfillment-test-${this.suffix}`;
  http!: HttpApp;
  sql!: Connection;
  private producer!: Producer<string, string, string, string>;
  /** The issuer fulfillment trusts (AUTH_ISSUER_URL), in-process. */
  readonly issuer = new TestIssuer();
  adminToken!: string;
  serviceToken!: string;

  static async start(env: Record<string, string> = {}): Promise<FulfillmentTestKit> {
    const kit = new FulfillmentTestKit();
    await kit.boot(env);
    return kit;
  }

  private async boot(extraEnv: Record<string, string>): Promise<void> {
    this.sql = await connectAsRoot();
    try {
      await startGroupAtEnd(kafka(`fulfillment-test-admin-${this.suffix}`), this.group, CONSUMED);
    } catch (error) {
      throw new Error(
        `Kafka at ${BROKER} did not let the test group start (start it: bash infra/local/harness up): ${(error as Error).message}`,
      );
    }
    this.producer = new Producer({
      ...kafka(`fulfillment-test-producer-${this.suffix}`),
      serializers: stringSerializers,
      partitioner: compatibilityPartitioner,
      autocreateTopics: true,
    });
    await this.issuer.start();
    const env = {
      ...this.issuer.env,
      AUTH_AUDIENCE: 'fulfillment',
      LOG_LEVEL: 'warn',
      DB_NAME: this.dbName,
      EVENTS_DB_NAME: this.eventsDbName,
      EVENTS_TRANSPORT: 'kafka',
      KAFKA_BROKERS: BROKER,
      KAFKA_CLIENT_ID: `fulfillment-test-${this.suffix}`,
      EVENTS_RELAY_POLL_MS: '50',
      EVENTS_RETRY_BACKOFF_MS: '50',
      EVENTS_RETRY_BACKOFF_MAX_MS: '200',
      EVENTS_KAFKA_SESSION_TIMEOUT_MS: '6000',
      // The expiry job's timer stays off: a test runs a sweep itself, for the day it chooses.
      FULFILLMENT_EXPIRY_SWEEP_MS: '0',
      ...TEST_RATE_LIMITS,
      ...extraEnv,
    };
    // Its own consumer group (the definition's name), so no other running fulfillment takes our events.
    this.http = await createService(withResponseCheck({ ...fulfillmentService, name: this.group }), env);
    // createService returns once the consumer runs, not once it joined: a test's wait then measured the join too.
    await waitForStableGroup(kafka(`fulfillment-test-admin-${this.suffix}`), this.group, env.KAFKA_CLIENT_ID);
    this.adminToken = await this.issuer.tokenFor('admin', 'ops-1');
    this.serviceToken = await this.issuer.serviceToken('gateway-1');
  }

  scannerToken(
    fulfillmentCenterId: string,
    subject = `scanner-${randomUUID().slice(0, 8)}`,
  ): Promise<string> {
    return this.issuer.tokenFor('scanner', subject, { fulfillmentCenterId });
  }

  async close(): Promise<void> {
    await this.http?.app.close();
    await this.producer?.close().catch(() => undefined);
    await this.sql?.end().catch(() => undefined);
    await this.issuer.close();
    await dropDatabase(this.dbName);
    await dropDatabase(this.eventsDbName);
  }

  async publish<C extends EventContract>(
    contract: C,
    key: string,
    payload: Parameters<C['create']>[0]['payload'],
  ): Promise<void> {
    const envelope = contract.create({ key, payload });
    await this.producer.send({ messages: [{ topic: contract.topic, key, value: JSON.stringify(envelope) }] });
  }

  /** Sends an envelope as it is (a redelivery of an event the service published: same eventId). */
  async sendRaw(topic: string, key: string, envelope: string): Promise<void> {
    await this.producer.send({ messages: [{ topic, key, value: envelope }] });
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [rows] = await this.sql.query(sql.replaceAll('{db}', `\`${this.dbName}\``), params);
    return rows as T[];
  }

  request(
    method: 'GET' | 'POST',
    url: string,
    token: string,
    payload?: object,
    idempotencyKey: string | null = randomUUID(),
  ) {
    return this.http.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(idempotencyKey && method === 'POST' ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(payload ? { payload } : {}),
    });
  }

  /** A center with one room per class (frozen and chilled segmented) and two bins each, over the admin API. */
  async createCenter(centerId: string): Promise<void> {
    const created = async (res: { statusCode: number; body: string }) => {
      if (res.statusCode !== 201) throw new Error(`set-up failed: ${res.statusCode} ${res.body}`);
    };
    await created(
      await this.request('POST', '/fulfillment-centers', this.adminToken, { id: centerId, name: centerId }),
    );
    const rooms: Array<[string, string, number, number]> = [
      ['frozen', 'FRZ', -20, 1],
      ['chilled', 'CHL', 2, 1],
      ['cool', 'COL', 10, 0],
      ['ambient', 'AMB', 18, 0],
    ];
    for (const [zone, code, setpoint, segmented] of rooms) {
      const roomId = `${centerId}-${code.toLowerCase()}`;
      const room = {
        id: roomId,
        name: `${centerId} ${zone} room`,
        temperatureClass: zone,
        setpointCelsius: setpoint,
        segmented: segmented === 1,
      };
      await created(
        await this.request('POST', `/fulfillment-centers/${centerId}/rooms`, this.adminToken, room),
      );
      const barcodes = [1, 2].map((bin) => `${centerId}-${code}-0${bin}`.toUpperCase());
      await created(await this.request('POST', `/rooms/${roomId}/locations`, this.adminToken, { barcodes }));
    }
  }

  /** Publishes a SKU as catalog would and waits until the service holds it. */
  async publishSku(sku: Partial<SkuChangedV1> & { skuId: string }): Promise<SkuChangedV1> {
    const full: SkuChangedV1 = {
      productId: `p-${sku.skuId}`,
      name: `菠菜 ${sku.skuId}`,
      categoryId: 'leafy-greens',
      status: 'active',
      soldBy: 'piece',
      priceFen: 990,
      temperatureClass: 'chilled',
      shelfLifeDays: 7,
      minShelfLifeDaysAtDelivery: 2,
      version: 1,
      ...sku,
    };
    await this.publish(skuChangedV1, full.skuId, full);
    await waitFor(
      `SKU ${full.skuId} snapshot`,
      async () =>
        (
          await this.query('SELECT 1 FROM {db}.sku_snapshot WHERE sku_id = ? AND version >= ?', [
            full.skuId,
            full.version,
          ])
        ).length > 0,
    );
    return full;
  }

  /** Receives a lot and puts all of it away into the bin, over HTTP as an admin. */
  async stockLot(input: {
    skuId: string;
    centerId: string;
    quantity: number;
    expiryDate: string;
    bin: string;
    receiptDate?: string;
  }): Promise<{ id: string; barcode: string }> {
    const received = await this.request('POST', '/lots', this.adminToken, {
      skuId: input.skuId,
      fulfillmentCenterId: input.centerId,
      quantity: input.quantity,
      receiptDate: input.receiptDate ?? inDays(-1),
      expiryDate: input.expiryDate,
    });
    if (received.statusCode !== 201)
      throw new Error(`receive failed: ${received.statusCode} ${received.body}`);
    const lot = received.json() as { id: string; barcode: string };
    const put = await this.request('POST', `/lots/${lot.id}/put-away`, this.adminToken, {
      locationBarcode: input.bin,
      quantity: input.quantity,
    });
    if (put.statusCode !== 201) throw new Error(`put-away failed: ${put.statusCode} ${put.body}`);
    return lot;
  }

  /** Plays order.placed then order.paid and waits until the order is allocated (or already finished picking). */
  async placeAndPay(order: {
    orderId: string;
    centerId: string;
    deliveryDate: string;
    lines: OrderPlacedV1['lines'];
  }): Promise<void> {
    await this.publish(orderPlacedV1, order.orderId, {
      orderId: order.orderId,
      customerId: 'cust-1',
      fulfillmentCenterId: order.centerId,
      zoneId: 'zone-1',
      slot: {
        slotId: `slot-${order.deliveryDate}`,
        date: order.deliveryDate,
        windowStart: '09:00',
        windowEnd: '12:00',
      },
      lines: order.lines,
      totalFen: order.lines.reduce((sum, l) => sum + l.lineTotalFen, 0),
      paymentDueAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      placedByAgentId: null,
    });
    await this.publish(orderPaidV1, order.orderId, {
      orderId: order.orderId,
      customerId: 'cust-1',
      fulfillmentCenterId: order.centerId,
      paymentId: `pay-${order.orderId}`,
      amountFen: order.lines.reduce((sum, l) => sum + l.lineTotalFen, 0),
      paidAt: new Date().toISOString(),
    });
    await waitFor(`order ${order.orderId} allocated`, async () => {
      const [row] = await this.query<{ status: string }>(
        'SELECT status FROM {db}.fulfillment_order WHERE order_id = ?',
        [order.orderId],
      );
      return row && row.status !== 'awaiting';
    });
  }

  /**
   * Collects what reaches a Kafka topic from now on (its own group, started at the topic's end). On a topic
   * this service publishes (fulfillment.*), only its own events count, by their eventId in its outbox: every
   * other fulfillment service on the shared broker (another spec's, another worktree's) consumes our order
   * events too, answers them from its own database (an unknown center: all short) and publishes to the same
   * topic under our keys. Other services' topics (order.refunded, ...) are collected as they come.
   */
  async watchTopic(topic: string): Promise<{
    received: Array<{ key: string; payload: Record<string, unknown> }>;
    stop: () => Promise<void>;
  }> {
    const client = kafka(`fulfillment-test-watch-${this.suffix}`);
    const groupId = `fulfillment-test-watch-${this.suffix}-${topic}`;
    await startGroupAtEnd(client, groupId, [topic]);
    const consumer = new Consumer({
      ...client,
      groupId,
      deserializers: stringDeserializers,
      sessionTimeout: 6000,
      heartbeatInterval: 600,
    });
    const received: Array<{ key: string; payload: Record<string, unknown> }> = [];
    // Other runs' fulfillment services on the shared broker answer our order events too, under our order ids:
    // on fulfillment's own topics, only what this service published counts.
    const ownTopic = topic.startsWith('fulfillment.');
    const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.COMMITTED });
    let inOrder = Promise.resolve(); // the outbox lookups are chained, so `received` keeps the topic's order
    stream.on('data', (message) => {
      const envelope = JSON.parse(message.value!) as { eventId: string; payload: Record<string, unknown> };
      inOrder = inOrder.then(async () => {
        if (ownTopic && !(await this.published(envelope.eventId))) return;
        received.push({ key: message.key!, payload: envelope.payload });
      });
    });
    return {
      received,
      stop: async () => {
        await stream.close().catch(() => undefined);
        await consumer.close(true);
      },
    };
  }

  /** Whether this service published the event: the relay publishes from the outbox row, so it is there by then. */
  private async published(eventId: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM {db}.outbox_event WHERE event_id = ?', [eventId])).length > 0;
  }

  async outbox(topic: string, key: string): Promise<Array<{ payload: Record<string, unknown> }>> {
    const rows = await this.query<{ payload: string }>(
      'SELECT payload FROM {db}.outbox_event WHERE topic = ? AND event_key = ? ORDER BY id',
      [topic, key],
    );
    return rows.map((r) => ({ payload: JSON.parse(r.payload) as Record<string, unknown> }));
  }
}

export const pieceLine = (
  skuId: string,
  quantity: number,
  temperatureClass: OrderPlacedV1['lines'][number]['temperatureClass'] = 'chilled',
) => ({
  skuId,
  name: `菠菜 ${skuId}`,
  soldBy: 'piece' as const,
  temperatureClass,
  quantity,
  estimatedWeightGrams: null,
  unitPriceFen: 990,
  lineTotalFen: 990 * quantity,
});

export const weighedLine = (
  skuId: string,
  grams: number,
  temperatureClass: OrderPlacedV1['lines'][number]['temperatureClass'],
) => ({
  skuId,
  name: `牛肉 ${skuId}`,
  soldBy: 'weight' as const,
  temperatureClass,
  quantity: null,
  estimatedWeightGrams: grams,
  unitPriceFen: 4000,
  lineTotalFen: Math.round((4000 * grams) / 500),
});
