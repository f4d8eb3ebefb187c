export { HealthRegistry, type DependencyCheck, type DependencyHealthIndicator } from './dependency-health';
