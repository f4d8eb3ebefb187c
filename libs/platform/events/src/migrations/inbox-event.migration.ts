import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The inbox: one row per (consumer, event) that took effect, written in the effect's own transaction. */
export class InboxEvent1763900000001 implements MigrationInterface {
  name = 'InboxEvent1763900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS inbox_event (
        consumer VARCHAR(191) NOT NULL,
        event_id CHAR(36) NOT NULL,
        topic VARCHAR(249) NOT NULL,
        processed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (consumer, event_id),
        KEY ix_inbox_event_processed_at (processed_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS inbox_event');
  }
}
