import { Database } from '@harvest/platform/database';
import { PeriodicJob } from '@harvest/platform/scheduling';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { StockCountsService } from '../stock-counts/stock-counts.service';
import { seedDemoFloor, stockDemoSkus } from './demo-stock';

/** How often the demo follows SKUs that catalog publishes after the seed ran (`npm start` starts all at once). */
export const DEMO_FOLLOW_MS = 2000;

/**
 * The service's seedDemoData hook (SEED_DEMO_DATA=true): the demo floor and lots for the demo SKUs known so
 * far, then a follow-up for the ones still to come.
 */
export async function seedDemoData(app: INestApplicationContext): Promise<void> {
  await seedDemoFloorAndStock(app);
  followDemoSkus(app);
}

/** The demo floor, then lots for the demo SKUs catalog has published so far. */
export async function seedDemoFloorAndStock(app: INestApplicationContext): Promise<void> {
  const db = app.get(Database);
  const counts = app.get(StockCountsService);
  await db.transaction((em) => seedDemoFloor(em));
  await db.transaction((em) => stockDemoSkus(em, counts));
}

/**
 * Demo stock follows the SKUs: under `npm start` every service starts at once, so catalog's demo SKUs mostly
 * reach us after the seed ran. Rather than have the SKU consumer (a production provider) call demo code, the
 * demo looks for demo SKUs without lots every `everyMs` and stocks them, for as long as the service runs
 * (a cheap query once they are all stocked). It ends itself when the database is closed: the service is
 * shutting down (the job is nobody's provider, so no Nest hook stops it).
 */
export function followDemoSkus(app: INestApplicationContext, everyMs = DEMO_FOLLOW_MS): PeriodicJob<number> {
  const db = app.get(Database);
  const counts = app.get(StockCountsService);
  const logger = new Logger('DemoStock');
  const job: PeriodicJob<number> = new PeriodicJob({
    name: 'DemoStock',
    everyMs,
    logger,
    work: async () => {
      if (!db.writer.isInitialized) {
        void job.stop();
        return 0;
      }
      const stocked = await db.transaction((em) => stockDemoSkus(em, counts, { onlyUnstocked: true }));
      if (stocked > 0) logger.log(`demo stock: lots for ${stocked} SKU(s) that arrived after the seed`);
      return stocked;
    },
  });
  job.start();
  return job;
}
