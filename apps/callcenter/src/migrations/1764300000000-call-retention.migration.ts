import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the retention sweep, so each batch reads only rows it will change instead of walking the
 * whole history (which only grows):
 * - call_record.number_in_clear: 1 while customer_number is set and not yet masked. The pattern is the
 *   shape maskPhone returns (privacy/phone.ts, isMaskedPhone). A virtual column, so adding it does not
 *   rewrite the table and no write path has to maintain it; (number_in_clear, started_at) serves
 *   "clear numbers of calls older than the cutoff, oldest first".
 * - screen_pop.created_at: "pops older than the cutoff, oldest first".
 */
export class CallRetention1764300000000 implements MigrationInterface {
  name = 'CallRetention1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE call_record
        ADD COLUMN number_in_clear TINYINT(1) AS
          (customer_number IS NOT NULL AND customer_number NOT REGEXP '^([*]{4}|[+][0-9]{1,6}[*]{4}[0-9]{4})$') VIRTUAL,
        ADD KEY ix_call_record_number_in_clear (number_in_clear, started_at)`);
    await queryRunner.query('ALTER TABLE screen_pop ADD KEY ix_screen_pop_created (created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE screen_pop DROP KEY ix_screen_pop_created');
    await queryRunner.query(
      'ALTER TABLE call_record DROP KEY ix_call_record_number_in_clear, DROP COLUMN number_in_clear',
    );
  }
}
