import { Database } from '@harvest/platform/database';
import type { INestApplicationContext } from '@nestjs/common';
import { DemoStockService } from './demo-stock.service';

/** The service's seedDemoData hook: the demo floor, then lots for the demo SKUs catalog has published so far. */
export async function seedDemoData(app: INestApplicationContext): Promise<void> {
  const db = app.get(Database);
  const demo = app.get(DemoStockService);
  await db.transaction((em) => demo.seedFloor(em));
  await db.transaction((em) => demo.stockKnownSkus(em));
}
