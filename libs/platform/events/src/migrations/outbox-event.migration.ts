import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox: rows written in the business transaction, published later by the relay in id order. */
export class OutboxEvent1763900000000 implements MigrationInterface {
  name = 'OutboxEvent1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS outbox_event (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        event_id CHAR(36) NOT NULL,
        topic VARCHAR(249) NOT NULL,
        event_key VARCHAR(255) NOT NULL,
        type VARCHAR(255) NOT NULL,
        version INT UNSIGNED NOT NULL,
        payload LONGTEXT NOT NULL,
        headers TEXT NOT NULL,
        occurred_at DATETIME(3) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        published_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_outbox_event_event_id (event_id),
        KEY ix_outbox_event_unpublished (published_at, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS outbox_event');
  }
}
