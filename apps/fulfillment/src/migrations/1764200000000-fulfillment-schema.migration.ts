import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/**
 * The fulfillment schema: centers, cold rooms and their bins; the local SKU snapshot; lots and stock per lot
 * per bin; the local copy of orders with their lines; waves and pick tasks (which are also the allocation);
 * parcels; the temperature time series and excursions. CHECK constraints back the conditional updates:
 * stock can never go below zero nor be allocated beyond what is on hand.
 */
export class FulfillmentSchema1764200000000 implements MigrationInterface {
  name = 'FulfillmentSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE fulfillment_center (
        id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        PRIMARY KEY (id)
      )`,
      `CREATE TABLE room (
        id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        temperature_class VARCHAR(16) NOT NULL,
        setpoint_celsius DECIMAL(5,2) NOT NULL,
        segmented TINYINT(1) NOT NULL DEFAULT 0,
        out_of_range_since DATETIME(3) NULL,
        last_reading_at DATETIME(3) NULL,
        open_excursion_id VARCHAR(64) NULL,
        PRIMARY KEY (id),
        KEY room_center (fulfillment_center_id),
        CONSTRAINT room_center_fk FOREIGN KEY (fulfillment_center_id) REFERENCES fulfillment_center (id)
      )`,
      `CREATE TABLE location (
        id VARCHAR(64) NOT NULL,
        room_id VARCHAR(64) NOT NULL,
        barcode VARCHAR(64) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY location_barcode (barcode),
        CONSTRAINT location_room_fk FOREIGN KEY (room_id) REFERENCES room (id)
      )`,
      `CREATE TABLE sku_snapshot (
        sku_id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        category_id VARCHAR(64) NOT NULL,
        sold_by VARCHAR(16) NOT NULL,
        temperature_class VARCHAR(16) NOT NULL,
        shelf_life_days INT UNSIGNED NOT NULL,
        min_shelf_life_days_at_delivery INT UNSIGNED NOT NULL,
        version INT UNSIGNED NOT NULL,
        PRIMARY KEY (sku_id)
      )`,
      `CREATE TABLE lot (
        id VARCHAR(64) NOT NULL,
        barcode VARCHAR(64) NOT NULL,
        sku_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        received_quantity INT UNSIGNED NOT NULL,
        unplaced_quantity INT UNSIGNED NOT NULL,
        receipt_date DATE NOT NULL,
        expiry_date DATE NOT NULL,
        qa_hold TINYINT(1) NOT NULL DEFAULT 0,
        hold_reason VARCHAR(255) NULL,
        received_by VARCHAR(128) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY lot_barcode (barcode),
        KEY lot_sku_center (sku_id, fulfillment_center_id, expiry_date),
        CONSTRAINT lot_center_fk FOREIGN KEY (fulfillment_center_id) REFERENCES fulfillment_center (id),
        CONSTRAINT lot_unplaced_le_received CHECK (unplaced_quantity <= received_quantity)
      )`,
      `CREATE TABLE lot_stock (
        lot_id VARCHAR(64) NOT NULL,
        location_id VARCHAR(64) NOT NULL,
        on_hand INT UNSIGNED NOT NULL,
        allocated INT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (lot_id, location_id),
        KEY lot_stock_location (location_id),
        CONSTRAINT lot_stock_lot_fk FOREIGN KEY (lot_id) REFERENCES lot (id),
        CONSTRAINT lot_stock_location_fk FOREIGN KEY (location_id) REFERENCES location (id),
        CONSTRAINT lot_stock_allocated_le_on_hand CHECK (allocated <= on_hand)
      )`,
      `CREATE TABLE fulfillment_order (
        order_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        status VARCHAR(16) NOT NULL,
        slot_id VARCHAR(64) NULL,
        slot_date DATE NULL,
        window_start CHAR(5) NULL,
        window_end CHAR(5) NULL,
        placed TINYINT(1) NOT NULL DEFAULT 0,
        paid_at DATETIME(3) NULL,
        cancelled_at DATETIME(3) NULL,
        picked_at DATETIME(3) NULL,
        picked_by VARCHAR(128) NULL,
        packed_at DATETIME(3) NULL,
        shipped_at DATETIME(3) NULL,
        delivered_at DATETIME(3) NULL,
        carrier VARCHAR(64) NULL,
        tracking_number VARCHAR(128) NULL,
        PRIMARY KEY (order_id),
        KEY fulfillment_order_center_status (fulfillment_center_id, status)
      )`,
      `CREATE TABLE fulfillment_order_line (
        order_id VARCHAR(64) NOT NULL,
        sku_id VARCHAR(64) NOT NULL,
        name VARCHAR(255) NOT NULL,
        sold_by VARCHAR(16) NOT NULL,
        temperature_class VARCHAR(16) NOT NULL,
        ordered_quantity INT UNSIGNED NOT NULL,
        actual_weight_grams INT UNSIGNED NULL,
        PRIMARY KEY (order_id, sku_id),
        CONSTRAINT order_line_order_fk FOREIGN KEY (order_id) REFERENCES fulfillment_order (order_id)
      )`,
      `CREATE TABLE wave (
        id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        slot_date DATE NOT NULL,
        window_start CHAR(5) NOT NULL,
        temperature_class VARCHAR(16) NOT NULL,
        pick_rank TINYINT UNSIGNED NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY wave_group (fulfillment_center_id, slot_date, window_start, temperature_class)
      )`,
      `CREATE TABLE pick_task (
        id VARCHAR(64) NOT NULL,
        order_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        wave_id VARCHAR(64) NOT NULL,
        sku_id VARCHAR(64) NOT NULL,
        lot_id VARCHAR(64) NULL,
        location_id VARCHAR(64) NULL,
        quantity INT UNSIGNED NOT NULL,
        picked_quantity INT UNSIGNED NULL,
        status VARCHAR(20) NOT NULL,
        short_reason VARCHAR(16) NULL,
        assigned_to VARCHAR(128) NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY pick_task_order (order_id),
        KEY pick_task_queue (fulfillment_center_id, status, wave_id),
        CONSTRAINT pick_task_order_fk FOREIGN KEY (order_id) REFERENCES fulfillment_order (order_id),
        CONSTRAINT pick_task_wave_fk FOREIGN KEY (wave_id) REFERENCES wave (id)
      )`,
      `CREATE TABLE parcel (
        id VARCHAR(64) NOT NULL,
        order_id VARCHAR(64) NOT NULL,
        packaging VARCHAR(16) NOT NULL,
        coolant VARCHAR(16) NOT NULL,
        coolant_grams INT UNSIGNED NOT NULL,
        product_grams INT UNSIGNED NOT NULL,
        gross_weight_grams INT UNSIGNED NOT NULL,
        PRIMARY KEY (id),
        KEY parcel_order (order_id),
        CONSTRAINT parcel_order_fk FOREIGN KEY (order_id) REFERENCES fulfillment_order (order_id)
      )`,
      `CREATE TABLE temperature_reading (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        room_id VARCHAR(64) NOT NULL,
        recorded_at DATETIME(3) NOT NULL,
        celsius DECIMAL(5,2) NOT NULL,
        sensor_id VARCHAR(64) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY reading_once (room_id, sensor_id, recorded_at),
        CONSTRAINT reading_room_fk FOREIGN KEY (room_id) REFERENCES room (id)
      )`,
      `CREATE TABLE excursion (
        id VARCHAR(64) NOT NULL,
        room_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        temperature_class VARCHAR(16) NOT NULL,
        out_of_range_since DATETIME(3) NOT NULL,
        detected_at DATETIME(3) NOT NULL,
        ended_at DATETIME(3) NULL,
        last_celsius DECIMAL(5,2) NOT NULL,
        lots_held INT UNSIGNED NOT NULL,
        PRIMARY KEY (id),
        KEY excursion_room (room_id, detected_at),
        CONSTRAINT excursion_room_fk FOREIGN KEY (room_id) REFERENCES room (id)
      )`,
    ];
    for (const statement of statements) await queryRunner.query(`${statement} ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'excursion',
      'temperature_reading',
      'parcel',
      'pick_task',
      'wave',
      'fulfillment_order_line',
      'fulfillment_order',
      'lot_stock',
      'lot',
      'sku_snapshot',
      'location',
      'room',
      'fulfillment_center',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
