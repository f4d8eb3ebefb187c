import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts and adjustments: the stock ledger of every change made by hand (reason codes; the waste report sums
 * spoilage, damage and QA discards from it), blind cycle counts of a bin with their lines (what the bin held
 * at the count is kept, never shown to the counter), and bin-to-bin moves.
 */
export class CountsAndAdjustments1764200000005 implements MigrationInterface {
  name = 'CountsAndAdjustments1764200000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE stock_adjustment (
        id CHAR(36) NOT NULL,
        lot_id VARCHAR(64) NOT NULL,
        location_id VARCHAR(64) NULL,
        sku_id VARCHAR(64) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        farm_id VARCHAR(64) NULL,
        reason VARCHAR(16) NOT NULL,
        quantity_delta INT NOT NULL,
        note VARCHAR(255) NULL,
        cycle_count_id CHAR(36) NULL,
        qa_case_id CHAR(36) NULL,
        adjusted_by VARCHAR(128) NOT NULL,
        adjusted_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY stock_adjustment_waste (fulfillment_center_id, reason, adjusted_at),
        KEY stock_adjustment_lot (lot_id),
        CONSTRAINT stock_adjustment_lot_fk FOREIGN KEY (lot_id) REFERENCES lot (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await queryRunner.query(
      `CREATE TABLE cycle_count (
        id CHAR(36) NOT NULL,
        fulfillment_center_id VARCHAR(64) NOT NULL,
        location_id VARCHAR(64) NOT NULL,
        status VARCHAR(16) NOT NULL,
        expected_units INT UNSIGNED NOT NULL,
        counted_units INT UNSIGNED NOT NULL,
        variance_units INT UNSIGNED NOT NULL,
        counted_by VARCHAR(128) NOT NULL,
        counted_at DATETIME(3) NOT NULL,
        decided_by VARCHAR(128) NULL,
        decided_at DATETIME(3) NULL,
        decision_note VARCHAR(255) NULL,
        PRIMARY KEY (id),
        KEY cycle_count_center_status (fulfillment_center_id, status, counted_at),
        CONSTRAINT cycle_count_location_fk FOREIGN KEY (location_id) REFERENCES location (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await queryRunner.query(
      `CREATE TABLE cycle_count_line (
        cycle_count_id CHAR(36) NOT NULL,
        lot_id VARCHAR(64) NOT NULL,
        expected INT UNSIGNED NOT NULL,
        counted INT UNSIGNED NOT NULL,
        PRIMARY KEY (cycle_count_id, lot_id),
        CONSTRAINT cycle_count_line_count_fk FOREIGN KEY (cycle_count_id) REFERENCES cycle_count (id),
        CONSTRAINT cycle_count_line_lot_fk FOREIGN KEY (lot_id) REFERENCES lot (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
    await queryRunner.query(
      `CREATE TABLE stock_move (
        id CHAR(36) NOT NULL,
        lot_id VARCHAR(64) NOT NULL,
        from_location_id VARCHAR(64) NOT NULL,
        to_location_id VARCHAR(64) NOT NULL,
        quantity INT UNSIGNED NOT NULL,
        moved_by VARCHAR(128) NOT NULL,
        moved_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY stock_move_lot (lot_id),
        CONSTRAINT stock_move_lot_fk FOREIGN KEY (lot_id) REFERENCES lot (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE stock_move');
    await queryRunner.query('DROP TABLE cycle_count_line');
    await queryRunner.query('DROP TABLE cycle_count');
    await queryRunner.query('DROP TABLE stock_adjustment');
  }
}
