import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SkuSnapshot } from '../catalog-skus/entities/sku-snapshot.entity';
import { DeliverySlot } from '../delivery-slots/entities/delivery-slot.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { OrderTransition } from '../orders/entities/order-transition.entity';
import { Order } from '../orders/entities/order.entity';
import {
  address,
  applySkus,
  createFixture,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '../testing/orders-test-kit';
import { insertRows, selectRows } from './entity-sql';

/** The plain statements must store and read exactly what the repository stores and reads. */
describe('insertRows and selectRows against the repository (real MariaDB)', () => {
  let t: OrdersTestApp;
  let f: Fixture;
  const sku = (name: string) => `sku-${t.runId}-${name}`;
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => t.db.transaction(work);
  const rawRow = (table: string, where: string, parameters: unknown[]) =>
    tx(async (em) => (await em.query(`SELECT * FROM ${table} WHERE ${where}`, parameters))[0]);

  beforeAll(async () => {
    t = await startOrdersTestApp();
    f = await createFixture(t);
    await applySkus(t, [skuState(sku('a')), skuState(sku('b'), { soldBy: 'weight', priceFen: 2990 })]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const order = (id: string): Order => ({
    id,
    customerId: 'cust-sql',
    idempotencyKey: id,
    requestHash: 'f'.repeat(64),
    status: 'pending_payment',
    fulfillmentCenterId: f.centerId,
    zoneId: f.zoneId,
    slotId: f.slotId,
    address: { ...address(f.zoneId), street: '朝阳区 "引号" 1 号' },
    totalFen: 1234,
    paidFen: 0,
    refundedFen: 0,
    paymentId: null,
    paymentDueAt: new Date('2026-11-24T01:02:03.456Z'),
    placedByAgentId: 'agent-1',
    callId: null,
    createdAt: new Date('2026-11-24T00:00:00.007Z'),
    updatedAt: new Date('2026-11-24T00:00:00.007Z'),
  });
  const lines = (orderId: string): OrderLine[] =>
    [1, 2].map((lineNo) => ({
      orderId,
      lineNo,
      skuId: sku(lineNo === 1 ? 'a' : 'b'),
      name: '有机菠菜',
      soldBy: lineNo === 1 ? 'piece' : 'weight',
      temperatureClass: 'chilled',
      quantity: lineNo === 1 ? 2 : null,
      estimatedWeightGrams: lineNo === 1 ? null : 750,
      reservedQuantity: lineNo === 1 ? 2 : 750,
      unitPriceFen: 990,
      lineTotalFen: 1980,
      pickedQuantity: null,
      shortPickReason: null,
      actualWeightGrams: null,
    }));

  it('inserts orders and lines with the same stored values as repository.insert', async () => {
    const [viaRepository, viaSql] = [randomUUID(), randomUUID()];
    await tx(async (em) => {
      await em.getRepository(Order).insert(order(viaRepository));
      await em.getRepository(OrderLine).insert(lines(viaRepository));
    });
    await tx(async (em) => {
      await insertRows(em, Order, [order(viaSql)]);
      await insertRows(em, OrderLine, lines(viaSql));
    });
    const orderRow = async (id: string) => {
      const { id: _id, idempotency_key: _key, ...rest } = await rawRow('customer_order', 'id = ?', [id]);
      return rest;
    };
    expect(await orderRow(viaSql)).toEqual(await orderRow(viaRepository));
    const lineRows = async (id: string) =>
      (await tx((em) => em.query('SELECT * FROM order_line WHERE order_id = ? ORDER BY line_no', [id]))).map(
        ({ order_id: _id, ...rest }: Record<string, unknown>) => rest,
      );
    expect(await lineRows(viaSql)).toEqual(await lineRows(viaRepository));
    expect(await lineRows(viaSql)).toHaveLength(2);
  });

  it('leaves a generated id to the database and answers it', async () => {
    const orderId = randomUUID();
    const transition: Omit<OrderTransition, 'id'> = {
      orderId,
      fromStatus: null,
      toStatus: 'pending_payment',
      actor: 'customer:cust-sql',
      reason: 'checkout',
      callId: null,
      at: new Date('2026-11-24T00:00:01.250Z'),
    };
    const { insertId } = await tx(async (em) => {
      await insertRows(em, Order, [order(orderId)]);
      return insertRows(em, OrderTransition, [transition as OrderTransition]);
    });
    const stored = await tx((em) => em.getRepository(OrderTransition).findOneByOrFail({ orderId }));
    expect(insertId).toBeGreaterThan(0);
    // mysql2 hands a BIGINT back as a number; the entity's callers take String(id).
    expect({ ...stored, id: String(stored.id) }).toEqual({ id: String(insertId), ...transition });
  });

  it('reads entities exactly as findBy does (dates, date strings, transformers)', async () => {
    await tx(async (em) => {
      for (const [entity, where, parameters, find] of [
        [DeliverySlot, 'id = ? LIMIT 1', [f.slotId], { id: f.slotId }],
        [SkuSnapshot, 'sku_id IN (?)', [[sku('a'), sku('b')]], [{ skuId: sku('a') }, { skuId: sku('b') }]],
        [Order, 'customer_id = ?', ['cust-sql'], { customerId: 'cust-sql' }],
      ] as const) {
        const plain = await selectRows(em, entity, where, [...parameters]);
        const repository = await em.getRepository(entity).findBy(find as never);
        expect(plain.length).toBeGreaterThan(0);
        expect(plain).toEqual(expect.arrayContaining(repository));
        expect(plain).toHaveLength(repository.length);
        for (const e of plain) expect(e).toBeInstanceOf(entity);
      }
    });
  });
});
