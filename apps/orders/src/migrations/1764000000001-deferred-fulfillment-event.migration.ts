import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fulfillment events that arrived before the step they follow (each step has its own topic, and topics are
 * not ordered with each other). They wait here, per order, and are applied once the order catches up.
 */
export class DeferredFulfillmentEvent1764000000001 implements MigrationInterface {
  name = 'DeferredFulfillmentEvent1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deferred_fulfillment_event (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        event_id CHAR(36) NOT NULL,
        order_id VARCHAR(64) NOT NULL,
        envelope LONGTEXT NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_deferred_fulfillment_event (event_id),
        KEY ix_deferred_fulfillment_event_order (order_id, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS deferred_fulfillment_event');
  }
}
