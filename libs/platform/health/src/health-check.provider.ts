import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import { HealthRegistry, type DependencyHealthIndicator } from './dependency-health';

export interface HealthCheckOptions<Deps extends unknown[]> {
  /** What the indicator needs, e.g. `[Database]`. */
  inject?: InjectionToken[];
  useFactory: (...deps: Deps) => DependencyHealthIndicator;
}

let healthChecks = 0;

/**
 * The one way an adapter adds itself to readiness: put this provider in the module that owns the dependency.
 * The indicator is built when the application is, and registered when a HealthRegistry exists (an app built
 * without the HTTP platform, as some specs do, has none). The provider is also the indicator, so the module
 * may inject it under `provide` if it gives one.
 */
export function healthCheckProvider<Deps extends unknown[]>(
  options: HealthCheckOptions<Deps>,
  provide: InjectionToken = Symbol(`health-check-${++healthChecks}`),
): FactoryProvider<DependencyHealthIndicator> {
  return {
    provide,
    inject: [{ token: HealthRegistry, optional: true }, ...(options.inject ?? [])],
    useFactory: (registry: HealthRegistry | undefined, ...deps: unknown[]) => {
      const indicator = options.useFactory(...(deps as Deps));
      registry?.register(indicator);
      return indicator;
    },
  };
}
