export {
  DEVICE_TOKEN_LIFESPAN_SECONDS,
  DeviceClients,
  DeviceClientsUnavailableError,
  DeviceEnrollmentOffError,
  DeviceRegistrationRefusedError,
  DisabledDeviceClients,
  type DeviceClient,
  type DeviceClientRequest,
  type IssuedDeviceClient,
} from './device-clients';
export { KeycloakDeviceClients, type KeycloakDeviceClientsSettings } from './keycloak-device-clients.adapter';
export {
  discoveredRegistrationEndpoint,
  metadataOf,
  RegistrationDeviceClients,
  type RegistrationDeviceClientsSettings,
} from './registration-device-clients.adapter';
export {
  DEVICE_ENROLLMENT_KINDS,
  deviceClientsConfigShape,
  deviceClientsOf,
  loadDeviceClientsConfig,
  type DeviceClientsConfig,
} from './device-clients.config';
