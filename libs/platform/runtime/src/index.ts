export { createService, describeService, runService, type ServiceDefinition } from './run-service';
export {
  loadServiceConfig,
  serviceConfigShape,
  withServiceDefaults,
  type OwnConfig,
  type PlatformFeature,
  type ServiceConfig,
} from './service-config';
export { serviceModule } from './service.module';
