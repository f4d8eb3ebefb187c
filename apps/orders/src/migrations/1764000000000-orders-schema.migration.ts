import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/**
 * The orders schema: the local SKU snapshot fed by catalog events, fulfillment centers, zones, stock,
 * delivery slots, and orders with their lines, transitions (audit) and refunds. The CHECK constraints
 * back the conditional updates: stock and slot capacity can never go below zero or over the limit.
 */
export class OrdersSchema1764000000000 implements MigrationInterface {
  name = 'OrdersSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sku_snapshot (
        sku_id VARCHAR(64) NOT NULL,
        product_id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        category_id VARCHAR(64) NOT NULL,
        status VARCHAR(16) NOT NULL,
        sold_by VARCHAR(16) NOT NULL,
        price_fen INT UNSIGNED NOT NULL,
        temperature_class VARCHAR(16) NOT NULL,
        shelf_life_days INT UNSIGNED NOT NULL,
        min_shelf_life_days_at_delivery INT UNSIGNED NOT NULL,
        version INT UNSIGNED NOT NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (sku_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE fulfillment_center (
        id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        temperature_classes VARCHAR(64) NOT NULL,
        PRIMARY KEY (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE delivery_zone (
        id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        PRIMARY KEY (id),
        CONSTRAINT fk_delivery_zone_center FOREIGN KEY (fulfillment_center_id) REFERENCES fulfillment_center (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE stock_level (
        sku_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        on_hand INT UNSIGNED NOT NULL,
        reserved INT UNSIGNED NOT NULL DEFAULT 0,
        version INT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (sku_id, fulfillment_center_id),
        CONSTRAINT ck_stock_level_reserved CHECK (reserved <= on_hand),
        CONSTRAINT fk_stock_level_center FOREIGN KEY (fulfillment_center_id) REFERENCES fulfillment_center (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE delivery_slot (
        id VARCHAR(64) NOT NULL,
        zone_id VARCHAR(64) NOT NULL,
        delivery_date DATE NOT NULL,
        window_start CHAR(5) NOT NULL,
        window_end CHAR(5) NOT NULL,
        starts_at DATETIME(3) NOT NULL,
        cutoff_at DATETIME(3) NOT NULL,
        capacity INT UNSIGNED NOT NULL,
        booked INT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (id),
        UNIQUE KEY uq_delivery_slot_window (zone_id, delivery_date, window_start),
        CONSTRAINT ck_delivery_slot_booked CHECK (booked <= capacity),
        CONSTRAINT fk_delivery_slot_zone FOREIGN KEY (zone_id) REFERENCES delivery_zone (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE customer_order (
        id CHAR(36) NOT NULL,
        customer_id VARCHAR(64) NOT NULL,
        idempotency_key VARCHAR(255) NOT NULL,
        request_hash CHAR(64) NOT NULL,
        status VARCHAR(32) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        zone_id VARCHAR(64) NOT NULL,
        slot_id VARCHAR(64) NOT NULL,
        address TEXT NOT NULL,
        total_fen INT UNSIGNED NOT NULL,
        paid_fen INT UNSIGNED NOT NULL DEFAULT 0,
        refunded_fen INT UNSIGNED NOT NULL DEFAULT 0,
        payment_id VARCHAR(128) NULL,
        payment_due_at DATETIME(3) NOT NULL,
        placed_by_agent_id VARCHAR(64) NULL,
        call_id VARCHAR(128) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_customer_order_idempotency (customer_id, idempotency_key),
        UNIQUE KEY uq_customer_order_payment (payment_id),
        KEY ix_customer_order_customer (customer_id, created_at),
        KEY ix_customer_order_status_due (status, payment_due_at),
        KEY ix_customer_order_created (created_at),
        CONSTRAINT ck_customer_order_refund CHECK (refunded_fen <= paid_fen)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE order_line (
        order_id CHAR(36) NOT NULL,
        line_no INT UNSIGNED NOT NULL,
        sku_id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        sold_by VARCHAR(16) NOT NULL,
        temperature_class VARCHAR(16) NOT NULL,
        quantity INT UNSIGNED NULL,
        estimated_weight_grams INT UNSIGNED NULL,
        reserved_quantity INT UNSIGNED NOT NULL,
        unit_price_fen INT UNSIGNED NOT NULL,
        line_total_fen INT UNSIGNED NOT NULL,
        picked_quantity INT UNSIGNED NULL,
        short_pick_reason VARCHAR(16) NULL,
        actual_weight_grams INT UNSIGNED NULL,
        PRIMARY KEY (order_id, line_no),
        UNIQUE KEY uq_order_line_sku (order_id, sku_id),
        CONSTRAINT fk_order_line_order FOREIGN KEY (order_id) REFERENCES customer_order (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE order_transition (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        order_id CHAR(36) NOT NULL,
        from_status VARCHAR(32) NULL,
        to_status VARCHAR(32) NOT NULL,
        actor VARCHAR(128) NOT NULL,
        reason VARCHAR(512) NOT NULL,
        call_id VARCHAR(128) NULL,
        at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_order_transition_order (order_id, id),
        CONSTRAINT fk_order_transition_order FOREIGN KEY (order_id) REFERENCES customer_order (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE order_refund (
        id CHAR(36) NOT NULL,
        order_id CHAR(36) NOT NULL,
        source_key VARCHAR(255) NOT NULL,
        amount_fen INT UNSIGNED NOT NULL,
        reason VARCHAR(32) NOT NULL,
        note VARCHAR(512) NULL,
        refund_lines TEXT NOT NULL,
        actor VARCHAR(128) NOT NULL,
        call_id VARCHAR(128) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_order_refund_source (order_id, source_key),
        CONSTRAINT fk_order_refund_order FOREIGN KEY (order_id) REFERENCES customer_order (id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'order_refund',
      'order_transition',
      'order_line',
      'customer_order',
      'delivery_slot',
      'stock_level',
      'delivery_zone',
      'fulfillment_center',
      'sku_snapshot',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
