import {
  defineSearchScenarios,
  loadSearchFixture,
  searchOf,
  startCatalogTestApp,
  waitFor,
  type CatalogTestApp,
} from '@harvest/catalog/testing';
import { stockChangedV1 } from '@harvest/contracts/inventory-stock-changed';
import { Database } from '@harvest/platform/database';
import { OutboxWriter } from '@harvest/platform/events';

/** The embedded default: the in-process index (SEARCH_DRIVER=sql, no Elasticsearch), events through the embedded log. */
describe('search on the in-process index (embedded default)', () => {
  let t: CatalogTestApp;

  beforeAll(async () => {
    t = await startCatalogTestApp({ SEARCH_DRIVER: 'sql' });
    await loadSearchFixture(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  defineSearchScenarios(() => t, 'in-process');
  it('applies stock levels in version order: an older level is ignored, a newer one moves the in-stock facet', async () => {
    const publish = (available: number, version: number) =>
      t.app.get(Database).transaction((em) =>
        t.app.get(OutboxWriter).append(em, stockChangedV1, {
          key: 'f-apple-1@fc-beijing-1',
          payload: {
            skuId: 'f-apple-1',
            fulfillmentCenterId: 'fc-beijing-1',
            onHand: available,
            reserved: 0,
            available,
            version,
          },
        }),
      );
    const inStock = async () =>
      ((await searchOf(() => t)('fulfillmentCenterId=fc-beijing-1')).body.facets.inStock as { count: number })
        .count;
    const applied = async () =>
      Number(
        (
          await t.app
            .get(Database)
            .writer.query("SELECT COUNT(*) AS n FROM inbox_event WHERE consumer = 'catalog.availability'")
        )[0].n,
      );

    const before = await applied();
    await publish(0, 0); // older than the fixture's version 1
    await waitFor('the older level to be handled', async () => (await applied()) === before + 1);
    expect(await inStock()).toBe(2);
    await publish(0, 5);
    await waitFor('the newer level to take effect', async () => (await inStock()) === 1);
  });
});
