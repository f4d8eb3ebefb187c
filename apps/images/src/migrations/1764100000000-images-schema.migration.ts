import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Images (one per distinct SHA-256), their variants, product links, and files waiting for GC. */
export class ImagesSchema1764100000000 implements MigrationInterface {
  name = 'ImagesSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE image (
        id CHAR(24) NOT NULL,
        sha256 CHAR(64) NOT NULL,
        format VARCHAR(8) NOT NULL,
        width INT UNSIGNED NOT NULL,
        height INT UNSIGNED NOT NULL,
        upload_bytes INT UNSIGNED NOT NULL,
        original_object_id VARCHAR(191) NOT NULL,
        original_bytes INT UNSIGNED NOT NULL,
        uploaded_by VARCHAR(191) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_image_sha256 (sha256)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE image_variant (
        image_id CHAR(24) NOT NULL,
        preset VARCHAR(16) NOT NULL,
        format VARCHAR(8) NOT NULL,
        object_id VARCHAR(191) NOT NULL,
        width INT UNSIGNED NOT NULL,
        height INT UNSIGNED NOT NULL,
        bytes INT UNSIGNED NOT NULL,
        PRIMARY KEY (image_id, preset, format),
        CONSTRAINT fk_image_variant_image FOREIGN KEY (image_id) REFERENCES image (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE image_product_link (
        image_id CHAR(24) NOT NULL,
        product_id VARCHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (image_id, product_id),
        KEY idx_image_product_link_product (product_id),
        CONSTRAINT fk_image_product_link_image FOREIGN KEY (image_id) REFERENCES image (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE orphan_object (
        object_id VARCHAR(191) NOT NULL,
        attempts INT UNSIGNED NOT NULL DEFAULT 0,
        last_error VARCHAR(500) NULL,
        queued_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (object_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE orphan_object');
    await queryRunner.query('DROP TABLE image_product_link');
    await queryRunner.query('DROP TABLE image_variant');
    await queryRunner.query('DROP TABLE image');
  }
}
