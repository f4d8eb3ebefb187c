import { vendorFailures } from './vendor.metrics';
import { CircuitBreaker } from './circuit-breaker';
import { VendorRejectedError, VendorUnavailableError } from './vendor-errors';

export interface VendorHttpOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  retries: number;
  retryBackoffMs: number;
  breaker: CircuitBreaker;
}

export interface VendorRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /**
   * Only idempotent requests are retried: a GET, or a POST the vendor deduplicates (a request id).
   * A timed-out non-idempotent POST may have happened, so retrying it could ring a customer twice.
   */
  idempotent: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * JSON over HTTP to the vendor: a timeout per attempt, retries for idempotent requests only, and a circuit
 * breaker shared by every call so a dead vendor costs callers nothing but a fast 503.
 */
export class VendorHttpClient {
  constructor(private readonly options: VendorHttpOptions) {}

  async request<T>(request: VendorRequest): Promise<{ status: number; body: T }> {
    const attempts = request.idempotent ? 1 + this.options.retries : 1;
    let lastError: VendorUnavailableError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(this.options.retryBackoffMs * 2 ** (attempt - 2));
      try {
        return await this.once<T>(request);
      } catch (error) {
        if (error instanceof VendorUnavailableError) vendorFailures.inc({ reason: error.reason });
        if (!(error instanceof VendorUnavailableError) || error.reason === 'circuit_open') throw error;
        lastError = error;
      }
    }
    throw lastError!;
  }

  private async once<T>(request: VendorRequest): Promise<{ status: number; body: T }> {
    const { breaker } = this.options;
    if (!breaker.tryAcquire()) {
      const seconds = Math.max(1, Math.ceil(breaker.retryAfterMs() / 1000));
      throw new VendorUnavailableError(
        'circuit_open',
        'the call-center vendor is failing; calls are paused for a moment',
        seconds,
      );
    }
    let response: Response;
    try {
      response = await fetch(new URL(request.path, this.options.baseUrl), {
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      breaker.recordFailure();
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new VendorUnavailableError(
        timedOut ? 'timeout' : 'failed',
        timedOut
          ? `the call-center vendor did not answer within ${this.options.timeoutMs} ms`
          : 'the call-center vendor could not be reached',
      );
    }
    if (response.status >= 500) {
      breaker.recordFailure();
      await response.body?.cancel();
      throw new VendorUnavailableError('failed', `the call-center vendor answered ${response.status}`);
    }
    let body: T;
    try {
      body = (await response.json()) as T;
    } catch {
      breaker.recordFailure();
      throw new VendorUnavailableError('failed', 'the call-center vendor sent an unreadable answer');
    }
    breaker.recordSuccess();
    if (response.status >= 400)
      throw new VendorRejectedError(
        response.status,
        `the call-center vendor refused the request (${response.status})`,
      );
    return { status: response.status, body };
  }
}
