import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers' sign-in identities, their outstanding SMS codes and the sign-in throttles' events. */
export class IdentitySchema1765200000000 implements MigrationInterface {
  name = 'IdentitySchema1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer (
        id CHAR(36) NOT NULL,
        phone VARCHAR(20) NOT NULL,
        password_hash VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_customer_phone (phone)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE phone_code (
        phone_digest CHAR(64) NOT NULL,
        code_digest CHAR(64) NULL,
        expires_at DATETIME(3) NOT NULL,
        failed_attempts INT UNSIGNED NOT NULL DEFAULT 0,
        locked_until DATETIME(3) NULL,
        PRIMARY KEY (phone_digest)
      ) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin`);
    await queryRunner.query(`
      CREATE TABLE throttle_event (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        kind VARCHAR(16) NOT NULL,
        key_digest CHAR(64) NOT NULL,
        at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY idx_throttle_event_key (kind, key_digest, at),
        KEY idx_throttle_event_at (at)
      ) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE throttle_event');
    await queryRunner.query('DROP TABLE phone_code');
    await queryRunner.query('DROP TABLE customer');
  }
}
