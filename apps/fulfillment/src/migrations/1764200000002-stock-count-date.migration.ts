import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The China date each SKU's count was last announced on. A lot that expired since then has left the
 * sellable figure without any write, so the expiry job announces a new count for exactly those SKUs.
 */
export class StockCountDate1764200000002 implements MigrationInterface {
  name = 'StockCountDate1764200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE stock_count_version ADD COLUMN counted_on DATE NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE stock_count_version DROP COLUMN counted_on');
  }
}
