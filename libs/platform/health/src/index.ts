export { HealthRegistry, type DependencyCheck, type DependencyHealthIndicator } from './dependency-health';
export { healthCheckProvider, type HealthCheckOptions } from './health-check.provider';
export {
  HealthReportService,
  HEALTH_CHECK_TIMEOUT_MS,
  DEFAULT_HEALTH_CHECK_TIMEOUT_MS,
  type DependencyStatus,
  type LivenessReport,
  type ReadinessReport,
} from './health-report.service';
export { HealthModule } from './health.module';
