import { AsyncLocalStorage } from 'node:async_hooks';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import {
  address,
  applySkus,
  checkout,
  createFixture,
  setStock,
  skuState,
  startOrdersTestApp,
  type Fixture,
  type OrdersTestApp,
} from '../testing/orders-test-kit';

/**
 * Counts the statements one checkout sends to MySQL (each is one round trip), including the idempotency-key
 * store's and BEGIN/COMMIT. Only statements issued from within the request's async context are counted, so the
 * relay and other pollers of the same process do not disturb the figure.
 */
describe('checkout round trips (real MariaDB)', () => {
  const statements = new AsyncLocalStorage<string[]>();
  const originalQuery = MysqlQueryRunner.prototype.query;
  let t: OrdersTestApp;
  let f: Fixture;
  const sku = (name: string) => `sku-${t.runId}-${name}`;

  beforeAll(async () => {
    MysqlQueryRunner.prototype.query = function (
      this: MysqlQueryRunner,
      ...args: Parameters<MysqlQueryRunner['query']>
    ) {
      statements.getStore()?.push(args[0]);
      return originalQuery.apply(this, args);
    } as MysqlQueryRunner['query'];
    t = await startOrdersTestApp();
    f = await createFixture(t);
    await applySkus(t, [skuState(sku('a')), skuState(sku('b')), skuState(sku('c'))]);
    for (const name of ['a', 'b', 'c']) await setStock(t, f.centerId, sku(name), 100);
  });

  afterAll(async () => {
    MysqlQueryRunner.prototype.query = originalQuery;
    await t?.close();
  });

  it('places a 3-line order in a fixed, small number of statements', async () => {
    const sent: string[] = [];
    const response = await statements.run(sent, () =>
      checkout(t, 'cust-rt', {
        address: address(f.zoneId),
        slotId: f.slotId,
        lines: ['a', 'b', 'c'].map((name) => ({ skuId: sku(name), quantity: 1 })),
      }),
    );
    expect(response.statusCode).toBe(201);
    const listing = `${sent.length} statements:\n${sent.map((s) => s.replace(/\s+/g, ' ').slice(0, 110)).join('\n')}`;
    // One transaction: replay lookup, order, lines, 3 x (reserve, read back, stock event), slot, transition,
    // order.placed, read-back of the order (4 reads); plus the idempotency-key store's insert and completion.
    expect({ transactions: sent.filter((s) => s === 'START TRANSACTION').length, listing }).toEqual({
      transactions: 1,
      listing: expect.stringMatching(/^27 statements/),
    });
  });
});
