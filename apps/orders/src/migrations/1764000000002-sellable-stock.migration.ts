import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fulfillment owns physical stock; orders keeps only what it needs to reserve. `on_hand` becomes `sellable`
 * (fulfillment's latest count, or a baseline) with `sellable_version`, the count's version (0 for a baseline,
 * which any real count supersedes). `reserved <= on_hand` stops being an invariant: a QA hold or a write-off
 * in fulfillment can drop the count below what is reserved, and refusing that count would leave orders selling
 * stock that is not there. Checkout's conditional UPDATE (`sellable >= reserved + qty`) is the guard now.
 */
export class SellableStock1764000000002 implements MigrationInterface {
  name = 'SellableStock1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE stock_level DROP CONSTRAINT ck_stock_level_reserved');
    await queryRunner.query(`
      ALTER TABLE stock_level
        CHANGE COLUMN on_hand sellable INT UNSIGNED NOT NULL,
        ADD COLUMN sellable_version INT UNSIGNED NOT NULL DEFAULT 0 AFTER sellable`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE stock_level
        DROP COLUMN sellable_version,
        CHANGE COLUMN sellable on_hand INT UNSIGNED NOT NULL`);
    await queryRunner.query('UPDATE stock_level SET on_hand = reserved WHERE on_hand < reserved');
    await queryRunner.query(
      'ALTER TABLE stock_level ADD CONSTRAINT ck_stock_level_reserved CHECK (reserved <= on_hand)',
    );
  }
}
