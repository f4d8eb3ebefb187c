import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The version counter of fulfillment.stock-counted per SKU and center (monotonic, so consumers can order counts). */
export class StockCountVersion1764200000001 implements MigrationInterface {
  name = 'StockCountVersion1764200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stock_count_version (
        sku_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        version INT UNSIGNED NOT NULL,
        PRIMARY KEY (sku_id, fulfillment_center_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE stock_count_version');
  }
}
