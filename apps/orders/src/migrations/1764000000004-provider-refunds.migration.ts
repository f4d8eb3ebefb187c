import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/**
 * Refunds executed at the provider (issue 21): one row per refund with its stable provider number, its
 * state and its retry schedule (`provider_refund`), and the audit trail of its states (`provider_refund_event`).
 */
export class ProviderRefunds1764000000004 implements MigrationInterface {
  name = 'ProviderRefunds1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE provider_refund (
        id CHAR(36) NOT NULL,
        payment_id CHAR(36) NOT NULL,
        order_id CHAR(36) NOT NULL,
        out_refund_no VARCHAR(64) NOT NULL,
        amount_fen INT UNSIGNED NOT NULL,
        reason VARCHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL,
        attempts INT UNSIGNED NOT NULL DEFAULT 0,
        next_attempt_at DATETIME(3) NOT NULL,
        provider_refund_no VARCHAR(64) NULL,
        last_error VARCHAR(512) NULL,
        requested_by VARCHAR(128) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_provider_refund_number (out_refund_no),
        KEY ix_provider_refund_due (status, next_attempt_at),
        KEY ix_provider_refund_payment (payment_id),
        CONSTRAINT fk_provider_refund_payment FOREIGN KEY (payment_id) REFERENCES payment (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE provider_refund_event (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        refund_id CHAR(36) NOT NULL,
        from_status VARCHAR(16) NULL,
        to_status VARCHAR(16) NOT NULL,
        actor VARCHAR(128) NOT NULL,
        provider_reference VARCHAR(128) NULL,
        detail VARCHAR(512) NULL,
        at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_provider_refund_event_refund (refund_id, id),
        CONSTRAINT fk_provider_refund_event_refund FOREIGN KEY (refund_id) REFERENCES provider_refund (id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE provider_refund_event');
    await queryRunner.query('DROP TABLE provider_refund');
  }
}
