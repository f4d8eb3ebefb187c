import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Our own farms are reference data: every environment has the same three, with the ids other services use. */
export class OurFarms1764000000001 implements MigrationInterface {
  name = 'OurFarms1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT IGNORE INTO farm (id, name, region) VALUES
        ('farm-beijing', '北京顺义有机农场', 'Beijing'),
        ('farm-hebei', '河北张家口高原农场', 'Hebei'),
        ('farm-shanghai', '上海崇明生态农场', 'Shanghai')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM farm WHERE id IN ('farm-beijing', 'farm-hebei', 'farm-shanghai')`);
  }
}
