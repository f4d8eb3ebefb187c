import { defineCounter } from '@harvest/platform/observability';

export const databaseFailovers = defineCounter(
  'harvest_db_failovers_total',
  'Times the writer moved to a new primary.',
);
export const transactionRetries = defineCounter(
  'harvest_db_transaction_retries_total',
  'Transactions run again, by reason: lost-writer (failover) or rolled-back (deadlock, lock wait timeout).',
  ['reason'],
);
