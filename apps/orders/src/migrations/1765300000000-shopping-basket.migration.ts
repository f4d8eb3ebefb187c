import type { MigrationInterface, QueryRunner } from 'typeorm';

// As the orders schema's other tables (ids compare byte for byte; a foreign key needs the same collation).
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/**
 * The shopping side (issue 20): which districts each zone serves and its delivery fee, a server-side basket
 * per customer, and on orders the fee, the address-book entry it was placed to and each line's substitution
 * choice. Existing orders: no fee, no address id, no substitutes.
 */
export class ShoppingBasket1765300000000 implements MigrationInterface {
  name = 'ShoppingBasket1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE delivery_zone
        ADD COLUMN delivery_fee_fen INT UNSIGNED NOT NULL DEFAULT 0,
        ADD COLUMN free_delivery_from_fen INT UNSIGNED NULL`);
    await queryRunner.query(`
      CREATE TABLE delivery_zone_area (
        area_code CHAR(6) NOT NULL,
        zone_id VARCHAR(64) NOT NULL,
        PRIMARY KEY (area_code),
        CONSTRAINT fk_delivery_zone_area_zone FOREIGN KEY (zone_id) REFERENCES delivery_zone (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE basket (
        customer_id VARCHAR(64) NOT NULL,
        address_id CHAR(36) NULL,
        zone_id VARCHAR(64) NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (customer_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE basket_line (
        customer_id VARCHAR(64) NOT NULL,
        sku_id VARCHAR(64) NOT NULL,
        quantity INT UNSIGNED NULL,
        estimated_weight_grams INT UNSIGNED NULL,
        substitution VARCHAR(16) NOT NULL,
        price_when_added_fen INT UNSIGNED NOT NULL,
        added_at DATETIME(3) NOT NULL,
        PRIMARY KEY (customer_id, sku_id),
        CONSTRAINT fk_basket_line_basket FOREIGN KEY (customer_id) REFERENCES basket (customer_id) ON DELETE CASCADE
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      ALTER TABLE customer_order
        ADD COLUMN delivery_fee_fen INT UNSIGNED NOT NULL DEFAULT 0,
        ADD COLUMN address_id CHAR(36) NULL`);
    await queryRunner.query(
      "ALTER TABLE order_line ADD COLUMN substitution VARCHAR(16) NOT NULL DEFAULT 'none'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE order_line DROP COLUMN substitution');
    await queryRunner.query(
      'ALTER TABLE customer_order DROP COLUMN address_id, DROP COLUMN delivery_fee_fen',
    );
    await queryRunner.query('DROP TABLE basket_line');
    await queryRunner.query('DROP TABLE basket');
    await queryRunner.query('DROP TABLE delivery_zone_area');
    await queryRunner.query(
      'ALTER TABLE delivery_zone DROP COLUMN free_delivery_from_fen, DROP COLUMN delivery_fee_fen',
    );
  }
}
