import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

/**
 * The callcenter schema: the customer contact directory (phone numbers live only here), call records and
 * the webhook events already applied (the duplicate filter), screen pops, tickets, and the agent-action
 * audit trail. Recording links are never stored.
 */
export class CallcenterSchema1764100000000 implements MigrationInterface {
  name = 'CallcenterSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_contact (
        customer_id VARCHAR(64) NOT NULL,
        name VARCHAR(100) NOT NULL,
        phone_e164 VARCHAR(16) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (customer_id),
        UNIQUE KEY uq_customer_contact_phone (phone_e164)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE call_record (
        call_id VARCHAR(128) NOT NULL,
        vendor VARCHAR(32) NOT NULL,
        direction VARCHAR(16) NOT NULL,
        status VARCHAR(16) NOT NULL,
        customer_number VARCHAR(32) NULL,
        customer_id VARCHAR(64) NULL,
        agent_id VARCHAR(64) NULL,
        started_at DATETIME(3) NOT NULL,
        answered_at DATETIME(3) NULL,
        ended_at DATETIME(3) NULL,
        duration_seconds INT UNSIGNED NULL,
        has_recording TINYINT(1) NOT NULL DEFAULT 0,
        source VARCHAR(16) NOT NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (call_id),
        KEY ix_call_record_started (started_at),
        KEY ix_call_record_customer (customer_id, started_at)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE webhook_event (
        vendor VARCHAR(32) NOT NULL,
        event_id VARCHAR(128) NOT NULL,
        type VARCHAR(32) NOT NULL,
        call_id VARCHAR(128) NOT NULL,
        received_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (vendor, event_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE screen_pop (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        agent_id VARCHAR(64) NOT NULL,
        call_id VARCHAR(128) NOT NULL,
        payload MEDIUMTEXT NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_screen_pop_call_agent (call_id, agent_id),
        KEY ix_screen_pop_agent (agent_id, id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE ticket (
        id CHAR(36) NOT NULL,
        customer_id VARCHAR(64) NOT NULL,
        call_id VARCHAR(128) NULL,
        order_id VARCHAR(64) NULL,
        kind VARCHAR(32) NOT NULL,
        description VARCHAR(2000) NOT NULL,
        image_ids TEXT NOT NULL,
        status VARCHAR(16) NOT NULL,
        resolution VARCHAR(16) NULL,
        resolution_amount_fen INT UNSIGNED NULL,
        resolution_note VARCHAR(500) NULL,
        opened_by VARCHAR(64) NOT NULL,
        opened_at DATETIME(3) NOT NULL,
        sla_due_at DATETIME(3) NOT NULL,
        resolved_by VARCHAR(64) NULL,
        resolved_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_ticket_open_due (status, sla_due_at),
        KEY ix_ticket_customer (customer_id, status)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE agent_action (
        id CHAR(36) NOT NULL,
        agent_id VARCHAR(64) NOT NULL,
        call_id VARCHAR(128) NOT NULL,
        action VARCHAR(32) NOT NULL,
        customer_id VARCHAR(64) NULL,
        order_id VARCHAR(64) NULL,
        idempotency_key VARCHAR(191) NULL,
        detail TEXT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_agent_action_key (agent_id, action, idempotency_key),
        KEY ix_agent_action_call (call_id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'agent_action',
      'ticket',
      'screen_pop',
      'webhook_event',
      'call_record',
      'customer_contact',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
