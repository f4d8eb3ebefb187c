import { healthCheckProvider, type DependencyHealthIndicator } from '@harvest/platform/health';
import type { Provider } from '@nestjs/common';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../../config/callcenter.config';
import { CALL_CENTER_VENDOR } from './call-center-vendor.port';
import { CircuitBreaker } from './circuit-breaker';
import { SkylineAdapter } from './skyline/skyline.adapter';
import { VendorHttpClient } from './vendor-http-client';

/** The breaker of all vendor API calls in this process; null when no vendor API is configured. */
const VENDOR_BREAKER = Symbol('VENDOR_BREAKER');

function createBreaker(config: CallcenterConfig): CircuitBreaker | null {
  if (!config.CALLCENTER_VENDOR_BASE_URL) return null;
  return new CircuitBreaker({
    failureThreshold: config.CALLCENTER_BREAKER_FAILURE_THRESHOLD,
    openMs: config.CALLCENTER_BREAKER_OPEN_MS,
  });
}

/** The one configured vendor adapter (Skyline); its API client exists only when a base URL is set. */
function createVendor(config: CallcenterConfig, breaker: CircuitBreaker | null): SkylineAdapter {
  const http =
    config.CALLCENTER_VENDOR_BASE_URL && breaker
      ? new VendorHttpClient({
          baseUrl: config.CALLCENTER_VENDOR_BASE_URL,
          apiKey: config.CALLCENTER_VENDOR_API_KEY,
          timeoutMs: config.CALLCENTER_VENDOR_TIMEOUT_MS,
          retries: config.CALLCENTER_VENDOR_RETRIES,
          retryBackoffMs: config.CALLCENTER_VENDOR_RETRY_BACKOFF_MS,
          breaker,
        })
      : null;
  return new SkylineAdapter(
    {
      secrets: config.CALLCENTER_WEBHOOK_SECRETS,
      maxSkewSeconds: config.CALLCENTER_WEBHOOK_MAX_SKEW_SECONDS,
    },
    http,
  );
}

/**
 * Readiness shows the vendor as a non-critical dependency, from the breaker's state: a health probe must
 * not call a paid third-party API every few seconds. An open circuit = down (degraded, still ready).
 */
function vendorHealth(breaker: CircuitBreaker | null): DependencyHealthIndicator {
  return {
    name: 'call-center-vendor',
    critical: false,
    check: async () =>
      breaker
        ? { up: breaker.state !== 'open', detail: { configured: true, circuit: breaker.state } }
        : { up: true, detail: { configured: false } },
  };
}

/** The vendor adapter, its breaker and its readiness check, as the calls feature registers them. */
export const vendorProviders: Provider[] = [
  { provide: VENDOR_BREAKER, inject: [CALLCENTER_CONFIG], useFactory: createBreaker },
  { provide: CALL_CENTER_VENDOR, inject: [CALLCENTER_CONFIG, VENDOR_BREAKER], useFactory: createVendor },
  healthCheckProvider({ inject: [VENDOR_BREAKER], useFactory: vendorHealth }),
];
