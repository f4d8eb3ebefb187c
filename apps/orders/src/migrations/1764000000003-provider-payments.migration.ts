import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/**
 * Payments through a provider (issue 21): one trade per order and channel (`payment`), and the audit trail of
 * every state it passes through with who, when and the provider's reference (`payment_event`). The unique
 * (payment_id, notification_id) makes a replayed notification write nothing.
 */
export class ProviderPayments1764000000003 implements MigrationInterface {
  name = 'ProviderPayments1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE payment (
        id CHAR(36) NOT NULL,
        order_id CHAR(36) NOT NULL,
        channel VARCHAR(16) NOT NULL,
        out_trade_no VARCHAR(32) NOT NULL,
        amount_fen INT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL,
        code_url VARCHAR(512) NULL,
        provider_trade_no VARCHAR(64) NULL,
        paid_fen INT UNSIGNED NULL,
        paid_at DATETIME(3) NULL,
        expires_at DATETIME(3) NOT NULL,
        query_attempts INT UNSIGNED NOT NULL DEFAULT 0,
        next_query_at DATETIME(3) NOT NULL,
        created_by VARCHAR(128) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_payment_order_channel (order_id, channel),
        UNIQUE KEY uq_payment_out_trade_no (out_trade_no),
        KEY ix_payment_status_next_query (status, next_query_at),
        CONSTRAINT fk_payment_order FOREIGN KEY (order_id) REFERENCES customer_order (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE payment_event (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        payment_id CHAR(36) NOT NULL,
        from_status VARCHAR(16) NULL,
        to_status VARCHAR(16) NOT NULL,
        actor VARCHAR(128) NOT NULL,
        provider_reference VARCHAR(128) NULL,
        notification_id VARCHAR(128) NULL,
        detail VARCHAR(512) NULL,
        at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_payment_event_notification (payment_id, notification_id),
        KEY ix_payment_event_payment (payment_id, id),
        CONSTRAINT fk_payment_event_payment FOREIGN KEY (payment_id) REFERENCES payment (id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE payment_event');
    await queryRunner.query('DROP TABLE payment');
  }
}
