import { defineCounter } from '@harvest/platform/observability';

/** Webhooks by outcome (applied, duplicate, signature, timestamp, malformed): forged traffic shows up here. */
export const webhookOutcomes = defineCounter('harvest_callcenter_webhooks_total', 'Vendor webhooks by outcome.', ['vendor', 'outcome']);

/** Vendor API calls that failed or were refused by the open circuit, by reason. */
export const vendorFailures = defineCounter('harvest_callcenter_vendor_failures_total', 'Call-center vendor API failures by reason.', ['reason']);
