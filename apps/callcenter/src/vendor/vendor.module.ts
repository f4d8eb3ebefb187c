import { Global, Module } from '@nestjs/common';
import { CALLCENTER_CONFIG, type CallcenterConfig } from '../config/callcenter-config';
import { CALL_CENTER_VENDOR } from './call-center-vendor.port';
import { CircuitBreaker } from './circuit-breaker';
import { SkylineAdapter } from './skyline/skyline.adapter';
import { VendorHttpClient } from './vendor-http-client';

/** The one configured vendor adapter (Skyline); its API client exists only when a base URL is set. */
export function createVendor(config: CallcenterConfig): SkylineAdapter {
  const http = config.CALLCENTER_VENDOR_BASE_URL
    ? new VendorHttpClient({
        baseUrl: config.CALLCENTER_VENDOR_BASE_URL,
        apiKey: config.CALLCENTER_VENDOR_API_KEY,
        timeoutMs: config.CALLCENTER_VENDOR_TIMEOUT_MS,
        retries: config.CALLCENTER_VENDOR_RETRIES,
        retryBackoffMs: config.CALLCENTER_VENDOR_RETRY_BACKOFF_MS,
        breaker: new CircuitBreaker({ failureThreshold: config.CALLCENTER_BREAKER_FAILURE_THRESHOLD, openMs: config.CALLCENTER_BREAKER_OPEN_MS }),
      })
    : null;
  return new SkylineAdapter({ secrets: config.CALLCENTER_WEBHOOK_SECRETS, maxSkewSeconds: config.CALLCENTER_WEBHOOK_MAX_SKEW_SECONDS }, http);
}

@Global()
@Module({
  providers: [{ provide: CALL_CENTER_VENDOR, inject: [CALLCENTER_CONFIG], useFactory: createVendor }],
  exports: [CALL_CENTER_VENDOR],
})
export class VendorModule {}
