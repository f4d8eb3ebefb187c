import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receiving against advance shipping notices from our farms: the notice and its lines (one per SKU; a line
 * with expected quantity 0 is a SKU that came unannounced), and on each lot where it came from: the notice,
 * the farm, the harvest date its expiry is reckoned from, and the produce's temperature at the dock.
 */
export class Receiving1764200000004 implements MigrationInterface {
  name = 'Receiving1764200000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE expected_delivery (
        id CHAR(36) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        farm_id VARCHAR(64) NOT NULL,
        reference VARCHAR(64) NULL,
        expected_on DATE NOT NULL,
        status VARCHAR(16) NOT NULL,
        created_by VARCHAR(128) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        closed_at DATETIME(3) NULL,
        closed_by VARCHAR(128) NULL,
        PRIMARY KEY (id),
        KEY expected_delivery_center (fulfillment_center_id, expected_on),
        CONSTRAINT expected_delivery_center_fk FOREIGN KEY (fulfillment_center_id) REFERENCES fulfillment_center (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await queryRunner.query(
      `CREATE TABLE expected_delivery_line (
        expected_delivery_id CHAR(36) NOT NULL,
        sku_id VARCHAR(64) NOT NULL,
        expected_quantity INT UNSIGNED NOT NULL,
        harvest_date DATE NULL,
        received_quantity INT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (expected_delivery_id, sku_id),
        CONSTRAINT expected_delivery_line_fk FOREIGN KEY (expected_delivery_id) REFERENCES expected_delivery (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await queryRunner.query(
      `ALTER TABLE lot
         ADD COLUMN expected_delivery_id CHAR(36) NULL,
         ADD COLUMN farm_id VARCHAR(64) NULL,
         ADD COLUMN harvest_date DATE NULL,
         ADD COLUMN dock_celsius DECIMAL(5,2) NULL,
         ADD KEY lot_expected_delivery (expected_delivery_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE lot DROP KEY lot_expected_delivery, DROP COLUMN dock_celsius, DROP COLUMN harvest_date,
         DROP COLUMN farm_id, DROP COLUMN expected_delivery_id`,
    );
    await queryRunner.query('DROP TABLE expected_delivery_line');
    await queryRunner.query('DROP TABLE expected_delivery');
  }
}
