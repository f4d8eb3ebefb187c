import { ConfigError } from '@harvest/platform/config';
import { DisabledDeviceClients } from './device-clients';
import { deviceClientsOf, loadDeviceClientsConfig } from './device-clients.config';
import { KeycloakDeviceClients } from './keycloak-device-clients.adapter';
import { RegistrationDeviceClients } from './registration-device-clients.adapter';

describe('device enrollment settings', () => {
  const keycloak = {
    DEVICE_ENROLLMENT: 'keycloak-admin',
    AUTH_ISSUER_URL: 'http://127.0.0.1:8180/realms/harvest',
    AUTH_CLIENT_ID: 'fulfillment',
    AUTH_CLIENT_SECRET: 'dev-only-fulfillment-secret',
  };

  it('is off by default: enrollment is refused, nothing is needed', () => {
    const config = loadDeviceClientsConfig({});
    expect(config).toMatchObject({ DEVICE_ENROLLMENT: 'off', DEVICE_TOKEN_LIFESPAN_SECONDS: 300 });
    const clients = deviceClientsOf(config, 'fulfillment');
    expect(clients).toBeInstanceOf(DisabledDeviceClients);
    expect(clients.configured).toBe(false);
  });

  it('builds the Keycloak adapter from the issuer and our own client', () => {
    const clients = deviceClientsOf(loadDeviceClientsConfig(keycloak), 'fulfillment');
    expect(clients).toBeInstanceOf(KeycloakDeviceClients);
    expect(clients.configured).toBe(true);
  });

  it('builds the RFC 7591 adapter from the issuer and an initial access token', () => {
    const config = loadDeviceClientsConfig({
      DEVICE_ENROLLMENT: 'dynamic-registration',
      AUTH_ISSUER_URL: 'http://127.0.0.1:3010',
      DEVICE_REGISTRATION_TOKEN: 'dev-only-registration-token',
    });
    expect(deviceClientsOf(config, 'fulfillment')).toBeInstanceOf(RegistrationDeviceClients);
  });

  it('names every variable the chosen way lacks', () => {
    expect(() => loadDeviceClientsConfig({ DEVICE_ENROLLMENT: 'keycloak-admin' })).toThrow(ConfigError);
    try {
      loadDeviceClientsConfig({ DEVICE_ENROLLMENT: 'dynamic-registration' });
    } catch (error) {
      expect((error as ConfigError).message).toMatch(/AUTH_ISSUER_URL/);
      expect((error as ConfigError).message).toMatch(/DEVICE_REGISTRATION_TOKEN/);
    }
    expect.assertions(3);
  });

  it('never lets a device token live longer than 300 s', () => {
    expect(() => loadDeviceClientsConfig({ ...keycloak, DEVICE_TOKEN_LIFESPAN_SECONDS: '301' })).toThrow(
      /DEVICE_TOKEN_LIFESPAN_SECONDS/,
    );
    expect(loadDeviceClientsConfig({ ...keycloak, DEVICE_TOKEN_LIFESPAN_SECONDS: '60' })).toMatchObject({
      DEVICE_TOKEN_LIFESPAN_SECONDS: 60,
    });
  });

  it('refuses an issuer URL that is not a Keycloak realm for the Keycloak adapter', () => {
    expect(() =>
      deviceClientsOf(
        loadDeviceClientsConfig({ ...keycloak, AUTH_ISSUER_URL: 'http://127.0.0.1:3010' }),
        'fulfillment',
      ),
    ).toThrow(/realms/);
  });
});
