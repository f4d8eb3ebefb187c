import { defineCounter } from '@harvest/platform/observability';

/** Webhooks by outcome (applied, duplicate, signature, timestamp, malformed): forged traffic shows up here. */
export const webhookOutcomes = defineCounter(
  'harvest_callcenter_webhooks_total',
  'Vendor webhooks by outcome.',
  ['vendor', 'outcome'],
);
