import { defineCounter } from '@harvest/platform/observability';

/** Vendor API calls that failed or were refused by the open circuit, by reason. */
export const vendorFailures = defineCounter(
  'harvest_callcenter_vendor_failures_total',
  'Call-center vendor API failures by reason.',
  ['reason'],
);
