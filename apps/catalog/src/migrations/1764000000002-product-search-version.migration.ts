import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter bumped by every change to what a product's search document holds (product, SKUs, in-stock).
 * Documents are written with it as an external version, so a writer holding an older snapshot (a consumer
 * racing another on a different partition) cannot overwrite a newer document.
 */
export class ProductSearchVersion1764000000002 implements MigrationInterface {
  name = 'ProductSearchVersion1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE product ADD COLUMN search_version BIGINT UNSIGNED NOT NULL DEFAULT 1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE product DROP COLUMN search_version');
  }
}
