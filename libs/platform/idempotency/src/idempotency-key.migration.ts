import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per (scope, key): the request's hash, and once it finished, the response to replay.
 * `locked_until` was the lease of an attempt in flight. Since b9028a7 a MySQL named lock held on the instance's
 * dedicated connection decides who works on a key (freed the moment a dead instance's connection drops); the
 * column is still written but read by nothing, and can go in a later migration.
 */
export class IdempotencyKey1763900000100 implements MigrationInterface {
  name = 'IdempotencyKey1763900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_key (
        scope VARCHAR(191) NOT NULL,
        idem_key VARCHAR(191) NOT NULL,
        request_hash CHAR(64) NOT NULL,
        state ENUM('in_flight', 'completed') NOT NULL,
        response_status SMALLINT NULL,
        response_body MEDIUMTEXT NULL,
        locked_until DATETIME(3) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        expires_at DATETIME(3) NOT NULL,
        PRIMARY KEY (scope, idem_key),
        KEY idx_idempotency_key_expires (expires_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_key');
  }
}

export const idempotencyMigrations = [IdempotencyKey1763900000100];
