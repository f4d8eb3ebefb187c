/**
 * Fills a catalog schema with a large generated catalog for benchmarks, streaming in multi-row INSERT
 * batches with progress on stderr. It writes rows only (no events): afterwards, start the service and
 * POST /admin/search/reindex (Elasticsearch) to index them.
 *
 *   node -r @swc-node/register apps/catalog/src/demo/generate-catalog.cli.ts --skus 100000 [--skus-per-product 2] [--batch 1000]
 *
 * Database from the usual variables (DB_HOSTS, DB_USER, DB_PASSWORD, DB_NAME; default harvest_catalog);
 * the schema is migrated first. Re-running with the same arguments is harmless (INSERT IGNORE).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@harvest/platform/config';
import { Database, databaseConfigShape } from '@harvest/platform/database';
import { eventsMigrations } from '@harvest/platform/events';
import { catalogEntities } from '../catalog.service-definition';
import { catalogMigrations } from '../migrations';
import { generatedProduct, insertDemoCategories, insertGeneratedProducts } from './large-catalog';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      skus: { type: 'string', default: '100000' },
      'skus-per-product': { type: 'string', default: '2' },
      batch: { type: 'string', default: '1000' },
    },
  });
  const totalSkus = positiveInt('--skus', values.skus);
  const perProduct = positiveInt('--skus-per-product', values['skus-per-product']);
  const batchSize = positiveInt('--batch', values.batch);
  const products = Math.ceil(totalSkus / perProduct);

  const config = loadConfig(databaseConfigShape, {
    DB_NAME: 'harvest_catalog',
    DB_PRIMARY_CHECK_MS: '0',
    ...process.env,
  });
  const db = await Database.connect(config, {
    entities: catalogEntities,
    migrations: [...eventsMigrations, ...catalogMigrations],
  });
  try {
    await insertDemoCategories(db);
    const started = Date.now();
    let done = 0;
    for (let first = 1; first <= products; first += batchSize) {
      const rows = Array.from({ length: Math.min(batchSize, products - first + 1) }, (_, i) =>
        generatedProduct(first + i, perProduct),
      );
      await insertGeneratedProducts(db, rows);
      done += rows.length;
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write(
        `generate-catalog: ${done}/${products} products, ${done * perProduct}/${products * perProduct} SKUs, ${Math.round(done / seconds)} products/s\n`,
      );
    }
    process.stderr.write(
      `generate-catalog: done in ${((Date.now() - started) / 1000).toFixed(1)} s into ${config.DB_NAME}\n`,
    );
  } finally {
    await db.close();
  }
}

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`generate-catalog: ${flag} must be a positive integer, got ${value}\n`);
    process.exit(64);
  }
  return n;
}

main().catch((error: unknown) => {
  process.stderr.write(`generate-catalog: failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
