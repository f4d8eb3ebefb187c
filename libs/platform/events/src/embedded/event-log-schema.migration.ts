import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The embedded transport's shared schema (EVENTS_DB_NAME): an append-only log read in id order per topic,
 * each consumer group's position per topic, and a one-row table appenders lock so ids commit in order
 * (a reader that moved past id N must never see a smaller id commit later).
 */
export class EventLogSchema1763900000100 implements MigrationInterface {
  name = 'EventLogSchema1763900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS event_log (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        event_id CHAR(36) NOT NULL,
        topic VARCHAR(249) NOT NULL,
        event_key VARCHAR(255) NOT NULL,
        type VARCHAR(255) NOT NULL,
        version INT UNSIGNED NOT NULL,
        payload LONGTEXT NOT NULL,
        headers TEXT NOT NULL,
        occurred_at DATETIME(3) NOT NULL,
        appended_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_event_log_topic_id (topic, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS event_consumer_offset (
        group_id VARCHAR(191) NOT NULL,
        topic VARCHAR(249) NOT NULL,
        last_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (group_id, topic)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS event_log_append_lock (id TINYINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB',
    );
    await queryRunner.query('INSERT IGNORE INTO event_log_append_lock (id) VALUES (1)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS event_log_append_lock');
    await queryRunner.query('DROP TABLE IF EXISTS event_consumer_offset');
    await queryRunner.query('DROP TABLE IF EXISTS event_log');
  }
}
