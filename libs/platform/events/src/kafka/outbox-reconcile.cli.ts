// Compares an outbox's published rows with their Kafka topics and re-publishes the missing ones (issue 15):
//   npm run events:reconcile -- --schema harvest_orders --from 2026-12-07T09:00:00Z --to 2026-12-07T10:00:00Z [--republish]
// Uses DB_HOSTS (the writable one), DB_USER, DB_PASSWORD, KAFKA_BROKERS, KAFKA_CLIENT_ID like the services.
// Exit 0: nothing missing, or every missing event re-published; 1: events missing (without --republish);
// 64: bad arguments; 78: bad environment. Runbook: docs/operations.md, "Events marked published but not in Kafka".
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '@harvest/platform/config';
import { databaseConfigShape, locatePrimary } from '@harvest/platform/database';
import { createConnection } from 'mysql2/promise';
import { eventsConfigShape } from '../events.config';
import { createKafkaClient } from './kafka-client.factory';
import { reconcileOutbox } from './outbox-reconciler';

const USAGE = 'usage: events:reconcile --schema <database> --from <ISO-8601> --to <ISO-8601> [--republish]';

function usageError(message: string): never {
  console.error(`events:reconcile: ${message}\n${USAGE}`);
  process.exit(64); // EX_USAGE
}

function instant(name: string, value: string | undefined): Date {
  if (!value) usageError(`--${name} is required`);
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime()))
    usageError(`--${name} is not an ISO-8601 instant: ${value}`);
  return date;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  let values: { schema?: string; from?: string; to?: string; republish?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        schema: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        republish: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usageError((error as Error).message);
  }
  if (!values.schema || !/^[A-Za-z0-9_$]+$/.test(values.schema))
    usageError('--schema must name a database (letters, digits, _ and $)');
  const from = instant('from', values.from);
  const to = instant('to', values.to);
  if (from >= to) usageError('--from must be before --to');

  const config = loadConfigOrExit({
    DB_HOSTS: databaseConfigShape.DB_HOSTS,
    DB_USER: databaseConfigShape.DB_USER,
    DB_PASSWORD: databaseConfigShape.DB_PASSWORD,
    DB_CONNECT_TIMEOUT_MS: databaseConfigShape.DB_CONNECT_TIMEOUT_MS,
    KAFKA_BROKERS: eventsConfigShape.KAFKA_BROKERS,
    KAFKA_CLIENT_ID: eventsConfigShape.KAFKA_CLIENT_ID,
  });
  const primary = await locatePrimary(config.DB_HOSTS, {
    user: config.DB_USER,
    password: config.DB_PASSWORD,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  });
  const connection = await createConnection({
    ...primary,
    user: config.DB_USER,
    password: config.DB_PASSWORD,
    dateStrings: true,
  });
  try {
    const report = await reconcileOutbox(
      async (sql, params) => (await connection.query(sql, params))[0] as unknown[],
      createKafkaClient(config),
      { schema: values.schema, from, to, republish: values.republish === true },
    );
    for (const t of report.topics)
      say(
        `${t.topic}: ${t.published} published rows, ${t.missing.length} missing from the topic` +
          (values.republish ? `, ${t.republished} re-published` : '') +
          (t.missing.length ? ` (outbox ids ${t.missing.map((m) => m.id).join(', ')})` : ''),
      );
    const missing = report.topics.reduce((n, t) => n + t.missing.length, 0);
    say(
      `${report.schema} ${report.from} .. ${report.to}: ${missing} missing, ${report.unpublished} not yet published by the relay`,
    );
    say(JSON.stringify(report));
    process.exitCode = missing > 0 && !values.republish ? 1 : 0;
  } finally {
    await connection.end();
  }
}

main().catch((error: unknown) => {
  console.error(`events:reconcile failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
