import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalog's own tables: category tree, farms, products and SKUs, availability, search sync, import jobs. */
export class CatalogSchema1764000000000 implements MigrationInterface {
  name = 'CatalogSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const table = `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`;
    await q.query(`
      CREATE TABLE category (
        id VARCHAR(64) NOT NULL,
        parent_id VARCHAR(64) NULL,
        name VARCHAR(100) NOT NULL,
        path VARCHAR(700) NOT NULL COMMENT 'ancestor ids and own id, "/root/child/", for subtree queries',
        min_shelf_life_days_at_delivery SMALLINT UNSIGNED NOT NULL,
        version INT UNSIGNED NOT NULL,
        PRIMARY KEY (id),
        KEY ix_category_path (path),
        CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES category (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE farm (
        id VARCHAR(64) NOT NULL,
        name VARCHAR(100) NOT NULL,
        region VARCHAR(100) NOT NULL,
        PRIMARY KEY (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE product (
        id VARCHAR(64) NOT NULL,
        name VARCHAR(100) NOT NULL,
        name_pinyin VARCHAR(700) NOT NULL COMMENT 'syllables separated by spaces',
        name_pinyin_compact VARCHAR(700) NOT NULL,
        name_initials VARCHAR(100) NOT NULL,
        description VARCHAR(2000) NULL,
        category_id VARCHAR(64) NOT NULL,
        farm_id VARCHAR(64) NOT NULL,
        organic TINYINT(1) NOT NULL,
        organic_certificate_no VARCHAR(64) NULL,
        status VARCHAR(16) NOT NULL,
        image_ids JSON NOT NULL,
        min_price_fen INT UNSIGNED NULL COMMENT 'cheapest active SKU, for price filters and sorting',
        version INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        search_changed_at DATETIME(3) NOT NULL COMMENT 'last change of anything the search document holds',
        PRIMARY KEY (id),
        KEY ix_product_listing (category_id, status, created_at, id),
        KEY ix_product_search_changed (search_changed_at),
        CONSTRAINT fk_product_category FOREIGN KEY (category_id) REFERENCES category (id),
        CONSTRAINT fk_product_farm FOREIGN KEY (farm_id) REFERENCES farm (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE sku (
        id VARCHAR(64) NOT NULL,
        product_id VARCHAR(64) NOT NULL,
        name VARCHAR(100) NOT NULL,
        sold_by VARCHAR(8) NOT NULL,
        price_fen INT UNSIGNED NOT NULL,
        temperature_class VARCHAR(8) NOT NULL,
        shelf_life_days SMALLINT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL COMMENT 'active or archived; the effective status also follows the product',
        version INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_sku_product (product_id),
        CONSTRAINT fk_sku_product FOREIGN KEY (product_id) REFERENCES product (id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE sku_availability (
        sku_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        available INT UNSIGNED NOT NULL,
        version BIGINT UNSIGNED NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (sku_id, fulfillment_center_id),
        KEY ix_availability_fc (fulfillment_center_id, available)
      ) ${table}`);
    await q.query(`
      CREATE TABLE search_sync_pending (
        product_id VARCHAR(64) NOT NULL,
        queued_at DATETIME(3) NOT NULL,
        last_error VARCHAR(500) NULL,
        PRIMARY KEY (product_id)
      ) ${table}`);
    await q.query(`
      CREATE TABLE import_job (
        id CHAR(36) NOT NULL,
        status VARCHAR(16) NOT NULL,
        total INT UNSIGNED NOT NULL,
        processed INT UNSIGNED NOT NULL,
        succeeded INT UNSIGNED NOT NULL,
        failed INT UNSIGNED NOT NULL,
        errors JSON NOT NULL,
        created_by VARCHAR(128) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        finished_at DATETIME(3) NULL,
        PRIMARY KEY (id)
      ) ${table}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'import_job',
      'search_sync_pending',
      'sku_availability',
      'sku',
      'product',
      'farm',
      'category',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
