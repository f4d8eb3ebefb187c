import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QA cases: one per excursion (the unique key keeps it one even if the event came twice past the inbox),
 * listing the lots it held; QA releases or discards each with a reason.
 */
export class QaCases1764200000006 implements MigrationInterface {
  name = 'QaCases1764200000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE qa_case (
        id CHAR(36) NOT NULL,
        excursion_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        room_id VARCHAR(64) NOT NULL,
        status VARCHAR(16) NOT NULL,
        opened_at DATETIME(3) NOT NULL,
        closed_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY qa_case_excursion (excursion_id),
        KEY qa_case_center_status (fulfillment_center_id, status),
        CONSTRAINT qa_case_room_fk FOREIGN KEY (room_id) REFERENCES room (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await queryRunner.query(
      `CREATE TABLE qa_case_lot (
        qa_case_id CHAR(36) NOT NULL,
        lot_id VARCHAR(64) NOT NULL,
        decision VARCHAR(16) NULL,
        reason VARCHAR(255) NULL,
        decided_by VARCHAR(128) NULL,
        decided_at DATETIME(3) NULL,
        PRIMARY KEY (qa_case_id, lot_id),
        CONSTRAINT qa_case_lot_case_fk FOREIGN KEY (qa_case_id) REFERENCES qa_case (id),
        CONSTRAINT qa_case_lot_lot_fk FOREIGN KEY (lot_id) REFERENCES lot (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE qa_case_lot');
    await queryRunner.query('DROP TABLE qa_case');
  }
}
