import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer accounts (issue 20): a customer row exists from the first authenticated call (a browser sign-in has
 * no phone, so the phone becomes optional) and owns an address book. Identity is the one owner of customers'
 * personal data (docs/architecture.md, "Customers' personal data").
 */
export class CustomerAddresses1765300000000 implements MigrationInterface {
  name = 'CustomerAddresses1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE customer MODIFY phone VARCHAR(20) NULL');
    await queryRunner.query(`
      CREATE TABLE customer_address (
        id CHAR(36) NOT NULL,
        customer_id CHAR(36) NOT NULL,
        recipient VARCHAR(100) NOT NULL,
        area_code CHAR(6) NOT NULL,
        city VARCHAR(100) NOT NULL,
        street VARCHAR(300) NOT NULL,
        zone_id VARCHAR(64) NOT NULL,
        is_default TINYINT(1) NOT NULL DEFAULT 0,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY idx_customer_address_customer (customer_id, created_at),
        CONSTRAINT fk_customer_address_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE customer_address');
    await queryRunner.query('DELETE FROM customer WHERE phone IS NULL');
    await queryRunner.query('ALTER TABLE customer MODIFY phone VARCHAR(20) NOT NULL');
  }
}
