import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files an upload has stored are recorded as orphans at once, claimed by the image row when the upload
 * commits; `collect_after` keeps the GC job off them while that upload may still be running.
 */
export class OrphanCollectAfter1764100000001 implements MigrationInterface {
  name = 'OrphanCollectAfter1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE orphan_object
        ADD COLUMN collect_after DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        ADD KEY idx_orphan_object_collect_after (collect_after)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE orphan_object DROP KEY idx_orphan_object_collect_after, DROP COLUMN collect_after',
    );
  }
}
