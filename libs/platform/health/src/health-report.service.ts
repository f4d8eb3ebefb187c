import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { HealthRegistry, type DependencyHealthIndicator } from './dependency-health';
import { withTimeout } from './with-timeout';

/** Injection token for the per-check timeout in milliseconds. */
export const HEALTH_CHECK_TIMEOUT_MS = Symbol('HEALTH_CHECK_TIMEOUT_MS');
export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 2000;

export interface DependencyStatus {
  status: 'up' | 'down';
  critical: boolean;
  [fact: string]: unknown;
}

export interface ReadinessReport {
  /** 'error' exactly when a critical dependency is down; the HTTP status is then 503. */
  status: 'ok' | 'error';
  /** True when a non-critical dependency is down: the service answers, with reduced function. */
  degraded: boolean;
  degradedDependencies: string[];
  dependencies: Record<string, DependencyStatus>;
}

export interface LivenessReport {
  status: 'ok';
}

@Injectable()
export class HealthReportService {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Optional()
    @Inject(HEALTH_CHECK_TIMEOUT_MS)
    private readonly timeoutMs: number = DEFAULT_HEALTH_CHECK_TIMEOUT_MS,
  ) {}

  liveness(): LivenessReport {
    return { status: 'ok' };
  }

  async readiness(): Promise<ReadinessReport> {
    const registered = this.registry.list();
    const result = await this.runThroughTerminus(registered);
    const dependencies: Record<string, DependencyStatus> = {};
    for (const indicator of registered) {
      const { status, ...facts } = result.details[indicator.name] ?? { status: 'down' };
      dependencies[indicator.name] = {
        status: status === 'up' ? 'up' : 'down',
        critical: indicator.critical,
        ...facts,
      };
    }
    const down = registered.filter((indicator) => dependencies[indicator.name]?.status === 'down');
    const degradedDependencies = down
      .filter((indicator) => !indicator.critical)
      .map((indicator) => indicator.name);
    return {
      status: down.some((indicator) => indicator.critical) ? 'error' : 'ok',
      degraded: degradedDependencies.length > 0,
      degradedDependencies,
      dependencies,
    };
  }

  /**
   * Terminus runs the checks concurrently, logs failures and aggregates per-dependency details. It answers 503
   * for any down dependency, while readiness only fails for critical ones, so its verdict is read, not obeyed.
   */
  private async runThroughTerminus(registered: DependencyHealthIndicator[]): Promise<HealthCheckResult> {
    try {
      return await this.terminus.check(registered.map((indicator) => () => this.checkOne(indicator)));
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }

  private async checkOne(indicator: DependencyHealthIndicator): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(indicator.name);
    try {
      const outcome = await withTimeout(indicator.check(), this.timeoutMs, indicator.name);
      const detail = terminusSafe(outcome.detail);
      return outcome.up ? session.up(detail) : session.down(detail);
    } catch (error) {
      return session.down({ error: error instanceof Error ? error.message : String(error) });
    }
  }
}

/**
 * Terminus owns the `status` key of each dependency and throws when a detail carries one ("reserved key"),
 * which would report a healthy dependency as down. An adapter's own `status` is kept, as `state`.
 */
function terminusSafe(detail: Record<string, unknown> = {}): Record<string, unknown> {
  if (!('status' in detail)) return { ...detail };
  const { status, ...rest } = detail;
  return { ...rest, state: status };
}
