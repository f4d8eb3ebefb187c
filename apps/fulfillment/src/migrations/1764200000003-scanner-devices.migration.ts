import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrolled scanner handhelds (one OAuth client each at the issuer; no secret kept here), unique per enrolling
 * caller and Idempotency-Key so a retried enrollment finds its device; and on pick tasks, the device that
 * worked a task beside the picker who identified on it (assigned_to).
 */
export class ScannerDevices1764200000003 implements MigrationInterface {
  name = 'ScannerDevices1764200000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE scanner_device (
        id CHAR(36) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        label VARCHAR(128) NOT NULL,
        status VARCHAR(16) NOT NULL,
        client_id VARCHAR(191) NULL,
        management_handle TEXT NULL,
        enrolled_by VARCHAR(128) NOT NULL,
        idempotency_key VARCHAR(191) NOT NULL,
        request_hash CHAR(64) NOT NULL,
        enrolled_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        disabled_at DATETIME(3) NULL,
        disabled_by VARCHAR(128) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY scanner_device_client (client_id),
        UNIQUE KEY scanner_device_enrollment (enrolled_by, idempotency_key),
        KEY scanner_device_center (fulfillment_center_id, enrolled_at),
        CONSTRAINT scanner_device_center_fk FOREIGN KEY (fulfillment_center_id) REFERENCES fulfillment_center (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await queryRunner.query('ALTER TABLE pick_task ADD COLUMN device VARCHAR(128) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE pick_task DROP COLUMN device');
    await queryRunner.query('DROP TABLE scanner_device');
  }
}
